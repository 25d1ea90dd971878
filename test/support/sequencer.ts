// The order in which the forks pool takes the test files: the files that take longest start first,
// whatever their project, so the run never ends with one core on a long file and the other idle.
// (Vitest's own order groups files by project name, then by the last run's durations or, in a fresh
// clone with no cache, by file size: the git install, one of the smallest files and the longest,
// used to start last.) The rest keep Vitest's order.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Longest first, as measured on two cores; each waits on child processes (npm, tsc, Chromium, the bins). */
export const LONGEST = [
  'test/package/install.test.ts',
  'test/package/consumer.test.ts',
  'test/package/mock-lifecycle.test.ts',
  'test/package/docs.test.ts',
  'test/package/start.test.ts',
  'test/package/mock-process.test.ts',
];

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = LONGEST.indexOf(relative(spec.project.config.root, spec.moduleId).split('\\').join('/'));
      return index === -1 ? LONGEST.length : index;
    };
    return sorted
      .map((spec, index) => ({ spec, index }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.index - b.index)
      .map(({ spec }) => spec);
  }
}
