// What sms-command-mock says when it cannot start, in the words of the command that was run: the bin
// itself, or `npm start` (scripts/start.mjs, which runs the bin in its own process).
import { MockStartError } from '../errors/mock-start-error.js';
import { MOCK_BIN } from './cli-options.js';

/**
 * Set on globalThis by scripts/start.mjs before it imports the bin: the command the user typed. Not
 * an environment variable: npm's own (`npm_lifecycle_event`) reach every process a script starts,
 * `npm test` included, and would name the wrong command.
 */
export const LAUNCHER = Symbol.for('sms-command-contract.mock-launcher');

/** The command that was run: `npm start`, or the bin's name. */
export function launcher(): string {
  const said: unknown = (globalThis as Record<symbol, unknown>)[LAUNCHER];
  return typeof said === 'string' ? said : MOCK_BIN;
}

/** Where the port came from: `--port`, the PORT environment variable, or the default. */
export type PortSource = 'option' | 'env' | 'default';

/**
 * How to run the same command on another port: `PORT=N npm start`, `npm start -- --port N`,
 * `sms-command-mock --port N`; each with the way to a free port.
 */
export function otherPortHint(command: string, from: PortSource): string {
  const npm = command !== MOCK_BIN;
  if (from === 'option') return `${npm ? `${command} -- --port N` : `${command} --port N`}; --port 0 picks a free one`;
  if (from === 'env' || npm) return `PORT=N ${command}; PORT=0 picks a free one`;
  return `${command} --port N, or PORT=N; --port 0 picks a free one`;
}

/** Whether the mock could not start because its port is taken: by the system's code, not by the message's words. */
export const portInUse = (error: unknown) => error instanceof MockStartError && error.cause?.code === 'EADDRINUSE';
