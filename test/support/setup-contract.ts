// The contract project, once per run: bundle the specs into dist/ (no compile: the mock runs from
// src/), then start one mock of both versions; tests read its URL with inject('mockUrl'), and
// test/support/specs.ts reads the bundles from inject('bundleDir').
import { dirname } from 'node:path';
import type { TestProject } from 'vitest/node';
import { writeBundles } from '../../scripts/bundle.mjs';
import { startMock } from '../../src/mock.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const files = await writeBundles();
  const mock = await startMock({ port: 0, spec: files.joined });
  project.provide('mockUrl', mock.url);
  project.provide('bundleDir', dirname(files.v1));
  return () => mock.close();
}
