// The mock's journal, and a server that one bad request cannot kill.
import { describe, expect, it } from 'vitest';
import { startMock } from '../../src/mock.js';
import { showCommand } from '../../src/v3.js';
import { rawExchange } from '../support/raw-http.js';
import { TOKEN, useAgentMock } from '../support/agent-mock.js';

const { mock, tokenClient } = useAgentMock();

describe('the journal', () => {
  it('records every request with what the mock made of it, in order', async () => {
    await showCommand(tokenClient(), 'r1');
    await fetch(`${mock.url}/v3/sources/${'a'.repeat(37)}/command`, { headers: { 'X-Auth-Token': TOKEN } });
    const [first, second] = await mock.requests();
    expect(first).toMatchObject({
      method: 'GET',
      path: '/v3/sources/r1/command',
      version: 'v3',
      id: 'r1',
      auth: { scheme: 'token' },
      verdict: 'answered',
      status: 200,
      violations: [],
    });
    expect(first!.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(second).toMatchObject({
      verdict: 'refused',
      status: 400,
      violations: ['server_id: 37 characters, over the documented 36 (maxLength 36)'],
    });
    expect(second!.seq).toBe(first!.seq + 1);
  });

  it('waitForRequest resolves on a request still to come, and rejects after its timeout', async () => {
    const waiting = mock.waitForRequest((r) => r.id === 'later', { timeoutMs: 10_000 });
    expect(await mock.requests()).toEqual([]); // still to come: sent only now
    void showCommand(tokenClient(), 'later');
    expect(await waiting).toMatchObject({ id: 'later', status: 200 });
    await expect(mock.waitForRequest((r) => r.id === 'never', { timeoutMs: 50 })).rejects.toThrow(
      /^no matching request within 50 ms \(\d+ in the journal\)$/,
    );
  });

  it('is bounded: past its limit the oldest are dropped, and it says how many', async () => {
    const small = await startMock({ port: 0, journalLimit: 5 });
    try {
      for (let i = 0; i < 8; i++)
        await fetch(`${small.url}/v3/sources/n${i}/command`, { headers: { 'X-Auth-Token': 't' } });
      expect((await small.requests()).map((r) => r.id)).toEqual(['n3', 'n4', 'n5', 'n6', 'n7']);
      const over = await fetch(`${small.url}/__mock/requests`).then((r) => r.json());
      expect(over).toMatchObject({ dropped: 3, limit: 5 });
      expect((await fetch(`${small.url}/__mock/requests`, { method: 'DELETE' })).status).toBe(204);
      expect(await small.requests()).toEqual([]);
    } finally {
      await small.close();
    }
  });
});

describe('a server one request cannot kill', () => {
  it('%ff in the path is 400 saying so, before routing, and the mock keeps serving', async () => {
    const res = await fetch(`${mock.url}/v3/sources/%ff/command`, { headers: { 'X-Auth-Token': TOKEN } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error_code: 'MOCK.0400',
      error_msg: 'the path is refused before routing: the segment "%ff" has a malformed percent-escape',
    });
    expect((await showCommand(tokenClient(), 'after')).known).toBe(true);
  });

  it('a request that is not HTTP gets 400 from the server, and the mock keeps serving', async () => {
    const reply = await rawExchange(mock.port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(reply.text).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect((await showCommand(tokenClient(), 'after')).known).toBe(true);
  });

  it("an Agent's Accept header does not change the answer: the service sends JSON whatever it says", async () => {
    for (const accept of ['text/html', 'application/xml', '*/*']) {
      const res = await fetch(`${mock.url}/v1/sms/sources/a/command`, {
        headers: { 'X-Auth-Token': TOKEN, Accept: accept },
      });
      expect([accept, res.status, res.headers.get('content-type')]).toEqual([accept, 200, 'application/json']);
    }
  });

  it('another method on an API path is 405 with Allow: GET', async () => {
    const res = await fetch(`${mock.url}/v3/sources/a/command`, { method: 'POST', headers: { 'X-Auth-Token': TOKEN } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(await res.json()).toMatchObject({
      error_code: 'MOCK.0405',
      error_msg: 'POST is not allowed on /v3/sources/{server_id}/command: only GET',
    });
  });
});
