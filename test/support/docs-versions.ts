// What the rendered docs of each version must show (test/package/docs.test.ts): its title, its paths,
// each operation's sidebar anchor and label, the commands its examples name.
export const versions = [
  {
    version: 'v1',
    title: 'Huawei Cloud SMS command channel API (v1)',
    path: '/v1/sms/sources/{source_id}/command',
    // [anchor, label]: Huawei's name leads the label; the V1 of the operationIds is this package's.
    show: ['showcommandv1', "ShowCommand (v1): obtain the command for a source server's migration Agent"],
    report: ['updatecommandresultv1', 'UpdateCommandResult (v1): report the result of a command to SMS'],
    param: 'source_id',
    commands: {
      'Starting a migration task': 'START',
      'Stopping a migration task': 'STOP',
      'Synchronizing data after a migration task is complete': 'SYNC',
      'Deleting a migration task': 'DELETE',
      'Collecting migration logs to a specified OBS bucket': 'UPLOAD_LOG',
    },
    forbidden: ['error_code', 'error_msg'],
    forbiddenExample: 'SMS.2002',
  },
  {
    version: 'v3',
    title: 'Huawei Cloud SMS command channel API (v3)',
    path: '/v3/sources/{server_id}/command',
    show: ['showcommand', "ShowCommand: obtain the command for a source server's migration Agent"],
    report: ['updatecommandresult', 'UpdateCommandResult: report the result of a command to SMS'],
    param: 'server_id',
    commands: {
      'Start a migration task (the documented example)': 'START',
      'Stop a migration task': 'STOP',
      'Skip the current step': 'SKIP',
      'Run the pre-migration step': 'PREMIGRATE',
      'The task has not started': 'TASK_NOT_STARTED',
      'The task has stopped': 'TASK_HAS_STOPPED',
      'The task has finished': 'TASK_HAS_FINISHED',
      'Delete a migration task (older deployments)': 'DELETE',
      'Synchronize data after migration (older deployments)': 'SYNC',
    },
    forbidden: ['error_code', 'error_msg', 'encoded_authorization_message', 'error_param', 'details'],
    forbiddenExample: 'SMS.9004',
  },
] as const;
