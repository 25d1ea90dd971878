// The request every part of the bench sends: one command id, one report, one long IAM token and one
// demo AK/SK pair (never a real one).
export const ID = 'f32ab4d6-d150-4fb3-aa55-edbb5cf9947f';
export const REPORT = {
  command_name: 'START',
  result: 'success',
  result_detail: { msg: 'the migration task started' },
};
export const REPORT_JSON = JSON.stringify(REPORT);
export const TOKEN = 'MIIbench'.padEnd(2000, 'x'); // IAM tokens are long; the header cost is real
export const CREDS = { ak: 'QTWAOYTTINDUT2QVKYUC', sk: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' };
