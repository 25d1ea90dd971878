// Which server the SMS.2009 memory forgets past its limit (issue 25): the one whose report came back
// longest ago, never a server still waiting for its report while a reported one is left; the least
// recently served only when every server is pending. Through the pipeline's own Served, on a small
// limit (10,000 requests would only make the test slow).
import { describe, expect, it } from 'vitest';
import { Served } from '../../src/mock/service/served.js';

describe('Served past its limit', () => {
  it('forgets a reported server before a pending one, however long ago the pending one was served', () => {
    const served = new Served(2);
    served.record('v3', 'agent', 'START'); // the real Agent: served first, its report still to come
    served.record('v3', 'done', 'STOP');
    served.reported('v3', 'done', 'STOP');
    served.record('v3', 'new', 'START'); // one too many: `done` goes, not `agent`
    expect([served.last('v3', 'agent'), served.last('v3', 'done'), served.last('v3', 'new')]).toEqual([
      'START',
      undefined,
      'START',
    ]);
  });

  it('forgets the least recently reported first; with every server pending, the least recently served', () => {
    const served = new Served(3);
    for (const id of ['a', 'b', 'c']) served.record('v1', id, 'START');
    served.reported('v1', 'b', 'START');
    served.reported('v1', 'a', 'START');
    served.record('v1', 'd', 'START'); // b was reported before a: b goes
    expect(['a', 'b', 'c', 'd'].map((id) => served.last('v1', id))).toEqual(['START', undefined, 'START', 'START']);
    served.record('v1', 'e', 'START'); // a, the last reported one, goes
    served.record('v1', 'f', 'START'); // now all pending: c, the least recently served, goes
    expect(['a', 'c', 'd', 'e', 'f'].map((id) => served.last('v1', id))).toEqual([
      undefined,
      undefined,
      'START',
      'START',
      'START',
    ]);
  });

  it('a report of another command, or a new command served, leaves the server pending', () => {
    const served = new Served(2);
    served.record('v3', 'x', 'START');
    served.reported('v3', 'x', 'STOP'); // not the command served: still pending
    served.record('v3', 'y', 'START');
    served.reported('v3', 'y', 'START');
    served.record('v3', 'y', 'STOP'); // served again: pending again
    served.record('v3', 'z', 'START'); // both pending: x (served longest ago) goes
    expect(['x', 'y', 'z'].map((id) => served.last('v3', id))).toEqual([undefined, 'STOP', 'START']);
  });
});
