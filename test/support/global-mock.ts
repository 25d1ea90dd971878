// Once per run: build dist/ (the package as published), then start one Prism mock of both versions
// from it; tests read its URL with inject('mockUrl').
import type { TestProject } from 'vitest/node';
import { build } from '../../scripts/build.mjs';
import { startMock } from '../../src/mock.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const files = await build();
  const mock = await startMock({ port: 0, spec: files.joined });
  project.provide('mockUrl', mock.url);
  return async () => {
    await mock.close();
  };
}
