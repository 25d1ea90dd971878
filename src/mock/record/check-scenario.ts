// `sms-command-mock --check-scenario FILE`: what loading a scenario checks, without starting a mock
// (no Prism, no port): the secret scan, then every step against the contract, for a pre-commit hook
// or CI. Exit 0 when the file would load, 1 when it would be refused.
import { createContractValidator } from '../../contract/validator.js';
import { ScriptError } from '../../errors/script-error.js';
import { createAdmin } from '../admin/service.js';
import { createContract } from '../engine/contract.js';
import { Journal } from '../journal/journal.js';
import { readScenario, type Scenario, ScenarioError, scenarioScriptError } from '../scripts/scenario.js';
import { Scripts } from '../scripts/scripts.js';
import { Served } from '../service/served.js';
import { MOCK_SPEC, readSpec } from '../http/server.js';

export interface ScenarioCheck {
  /** 0: the file would load (no credential, every step as the contract allows); 1: it would be refused. */
  code: 0 | 1;
  /** What the bin prints: each problem with its place, or what the file holds. */
  report: string;
}

/** The steps a scenario keeps unchecked, with their notes (what a recording found in the live answer). */
function uncheckedLines(scenario: Scenario): string[] {
  const lines: string[] = [];
  for (const [path, steps] of Object.entries(scenario.scripts))
    steps.forEach((step, index) => {
      if (step.unchecked === true)
        lines.push(
          `${scenario.file}: scripts[${JSON.stringify(path)}] steps[${index}]: unchecked${step.note ? `: ${step.note}` : ''}`,
        );
    });
  return lines;
}

/** Checks a scenario file as `--scenario` would load it; `secrets` are looked for by value too. */
export function checkScenarioFile(
  file: string,
  { spec = MOCK_SPEC, secrets = [] }: { spec?: string; secrets?: readonly string[] } = {},
): ScenarioCheck {
  let scenario: Scenario;
  try {
    scenario = readScenario(file, secrets);
  } catch (error) {
    if (error instanceof ScenarioError) return { code: 1, report: error.message };
    throw error;
  }
  const contract = createContract(createContractValidator(readSpec(spec).document));
  const state = {
    contract,
    scripts: new Scripts(),
    journal: new Journal(1),
    served: new Served(),
    lockouts: { reset() {} },
  };
  try {
    createAdmin(state, scenario.scripts);
  } catch (error) {
    if (error instanceof ScriptError) return { code: 1, report: scenarioScriptError(scenario, error) };
    throw error;
  }
  const scripts = state.scripts.all();
  const steps = scripts.reduce((sum, script) => sum + script.remaining.length, 0);
  const unchecked = uncheckedLines(scenario);
  return {
    code: 0,
    report: [
      ...unchecked,
      `${file}: no credential found; ${scripts.length} scripts, ${steps} steps as the contract allows (${unchecked.length} kept unchecked${unchecked.length ? ', listed above' : ''})`,
    ].join('\n'),
  };
}
