// The package project, once per run: build dist/ (the package as published) and dist/docs/.
import { build } from '../../scripts/build.mjs';
import { buildDocs } from '../../scripts/docs.mjs';

export default async function setup() {
  // The docs build (two Redocly processes) runs beside tsc, which leaves the second core idle.
  await Promise.all([build(), buildDocs()]);
}
