// sms-command-contract/verify: check a live endpoint against the contract (Node only). The bin
// sms-command-verify runs it from a shell.
export {
  verifyEndpoint,
  VERIFY_SPEC,
  type CheckResult,
  type Outcome,
  type VerifyOptions,
  type VerifyReport,
} from './verify/check.js';
export { formatReport } from './verify/report.js';
export {
  createContractValidator,
  type ContractValidator,
  type Finding,
  type OpenApiDocument,
  type OperationContract,
  type Version,
} from './contract/validator.js';
