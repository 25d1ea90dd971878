// Starts one Prism mock (both versions) for the whole run; tests read its URL with inject('mockUrl').
import type { TestProject } from 'vitest/node';
import { startMock } from '../../scripts/mock.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
    mockPid: number;
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMock({ port: 0 });
  project.provide('mockUrl', mock.url);
  project.provide('mockPid', mock.pid);
  return async () => {
    await mock.close();
  };
}
