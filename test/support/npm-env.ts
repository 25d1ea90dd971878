// The environment the package tests run npm in: no audit, funding or update notice, whose network
// requests and output are not what a test checks.
export const QUIET_NPM_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};
