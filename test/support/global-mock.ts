// Once per run: build dist/ (the package as published) and dist/docs/, then start one Prism mock of
// both versions from dist/; tests read its URL with inject('mockUrl').
import type { TestProject } from 'vitest/node';
import { build } from '../../scripts/build.mjs';
import { buildDocs } from '../../scripts/docs.mjs';
import { startMock } from '../../src/mock.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // The docs build (two Redocly processes) runs beside tsc, which leaves the second core idle.
  const [files] = await Promise.all([build(), buildDocs()]);
  const mock = await startMock({ port: 0, spec: files.joined });
  project.provide('mockUrl', mock.url);
  return async () => {
    await mock.close();
  };
}
