// The baseline of the signing and verification rows: the same SDK-HMAC-SHA256 signature of a GET,
// written straight on node:crypto.
import { createHash, createHmac } from 'node:crypto';
import { CREDS } from './fixtures.mjs';

export function nodeCryptoSign(url, date) {
  const u = new URL(url);
  const canonical = [
    'GET',
    `${u.pathname}/`,
    '',
    `host:${u.host}\nx-sdk-date:${date}\n`,
    'host;x-sdk-date',
    createHash('sha256').update('').digest('hex'),
  ].join('\n');
  const toSign = `SDK-HMAC-SHA256\n${date}\n${createHash('sha256').update(canonical).digest('hex')}`;
  return createHmac('sha256', CREDS.sk).update(toSign).digest('hex');
}
