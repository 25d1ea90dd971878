// The package project, once per run: build dist/ (the package as published: compiled JS, .d.ts and
// the bundled specs). Nothing more: the rendered docs are built by the one file that opens them
// (test/package/docs.test.ts), and the git install builds its own clone.
import { dirname } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from '../../scripts/build.mjs';

export default async function setup(project: TestProject) {
  const files = await build();
  project.provide('bundleDir', dirname(files.v1));
}
