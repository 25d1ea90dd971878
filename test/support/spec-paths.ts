// The specs' paths, as the bundled documents key them, and the error statuses both versions document.
export const V3_PATH = '/v3/sources/{server_id}/command';
export const V1_PATH = '/v1/sms/sources/{source_id}/command';
export const V3_REPORT_PATH = '/v3/sources/{server_id}/command_result';
export const V1_REPORT_PATH = '/v1/sms/sources/{source_id}/command_result';
export const ERROR_STATUSES = ['400', '401', '403', '404', '500'];
