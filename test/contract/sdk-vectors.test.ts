// Huawei's four official SDKs against the mock: every request each SDK's own signer put on the wire
// (test/fixtures/sdk-vectors/, captured from the SDKs, no SDK code), replayed byte for byte through a
// raw socket with the mock's clock at the vector's X-Sdk-Date, must get the answer Huawei's gateway
// and SMS would give it. One mock per SDK, its vectors in the captured order, the lockout on: what a
// team running that SDK's Agent against `npm start` sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mock, startMock } from '../../src/mock.js';
import { replayAsExpected, SDKS, vectorFile } from '../support/sdk-vectors.js';

describe.each(SDKS)('the %s SDK, replayed byte for byte', (sdk) => {
  const file = vectorFile(sdk);
  let mock: Mock;
  let now = 0;
  beforeAll(async () => {
    mock = await startMock({ port: 0, auth: { clock: () => now }, log: () => {} });
  });
  afterAll(() => mock?.close());

  it.each(file.vectors.map((v) => [v.id, v] as const))('%s', async (_id, vector) => {
    const answer = await replayAsExpected(mock.port, vector, (ms) => (now = ms));
    const entry = (await mock.requests()).at(-1)!;
    expect(
      { status: answer.status, errorCode: answer.errorCode },
      `${vector.what}: ${vector.expect.why}; the mock's reason: ${entry.reason ?? 'none'}`,
    ).toEqual({ status: vector.expect.status, errorCode: vector.expect.errorCode });
  });
});
