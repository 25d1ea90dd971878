// The mock under load in a process of its own: startMock with AK/SK verification and the journal on
// (both are on by default). Reports its port; answers 'memory' with its RSS after a full GC.
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root } from '../scripts/root.mjs';

const { startMock } = await import(pathToFileURL(join(root, 'dist/src/mock.js')).href);
const credentials = JSON.parse(process.argv[2]);
const mock = await startMock({ port: 0, auth: { credentials: [credentials] } });
process.on('message', (message) => {
  if (message === 'memory') {
    globalThis.gc?.();
    process.send({ rss: process.memoryUsage().rss });
  }
});
process.on('disconnect', () => mock.close().then(() => process.exit(0)));
process.send({ port: mock.port });
