// How the bin ends: a clean stop on the first signal and an immediate one on the second, and an end
// when whatever started it dies (a test runner killed with SIGKILL, `npm start`'s npm killed).
import { existsSync, readFileSync } from 'node:fs';

/**
 * The handler of SIGINT, SIGTERM and SIGHUP: the first signal closes the mock cleanly, then exits 0;
 * a signal that arrives while that close is still running exits 130 at once.
 */
export function createStop(close: () => Promise<void>, exit: (code: number) => void): () => Promise<void> {
  let stopping = false;
  return async () => {
    if (stopping) return exit(130); // a second signal: now
    stopping = true;
    await close();
    exit(0);
  };
}

/** How a /proc/<pid>/stat names a process: its parent, and its start time (so a reused pid is not taken for it). */
function procStat(pid: number): { ppid: number; start: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' '); // after "pid (comm) ": field 3 on
    return { ppid: Number(fields[1]), start: fields[19]! }; // fields 4 (ppid) and 22 (starttime)
  } catch {
    return undefined;
  }
}

/** Whether a process is npm or npx (by its command line, or the title npm gives itself: "npm start", "npm exec ..."). */
function isNpm(pid: number): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, 2);
    return args.some((arg) => /(?:^|\/)np[mx](?:-cli\.js)?(?:$| )/.test(arg));
  } catch {
    return false;
  }
}

/** The farthest npm walks up from this process to find the npm or npx that started it. */
const MAX_ANCESTORS = 8;

/**
 * The processes whose death ends this one: its parent, and when npm or npx started it (`npm start`,
 * `npx sms-command-mock`: npm's variables are set), every ancestor up to and including that npm,
 * since killing npm leaves the shell between it and this process waiting, alive. Each is known by
 * pid and start time. Without /proc (macOS, Windows) only the parent, through process.ppid.
 */
function watchedAncestors(): Array<{ pid: number; start: string }> {
  if (!existsSync('/proc/self/stat')) return [];
  const chain: Array<{ pid: number; start: string }> = [];
  const npmStarted = !!(process.env.npm_lifecycle_event || process.env.npm_command || process.env.npm_execpath);
  for (let pid = process.ppid; pid > 1 && chain.length < MAX_ANCESTORS;) {
    const stat = procStat(pid);
    if (!stat) break;
    chain.push({ pid, start: stat.start });
    if (!npmStarted || isNpm(pid)) return chain;
    pid = stat.ppid;
  }
  return chain.slice(0, 1); // no npm found: the parent alone, as without npm
}

/** How often the bin looks whether what started it is still there; it exits within about this long. */
export const STARTER_POLL_MS = 250;

/**
 * Calls `stop` when whatever started this process dies: the process is then handed to another parent
 * (process.ppid changes), and when that was npm (npm start, npx), the shell npm ran stays alive, so
 * the ancestors up to npm are watched too.
 */
export function exitWithStarter(stop: () => unknown): void {
  const parent = process.ppid;
  const ancestors = watchedAncestors();
  const watch = setInterval(() => {
    if (process.ppid !== parent || ancestors.some(({ pid, start }) => procStat(pid)?.start !== start)) {
      clearInterval(watch);
      void stop();
    }
  }, STARTER_POLL_MS);
  watch.unref();
}
