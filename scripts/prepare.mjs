// npm's `prepare`: build dist/ when npm installs the package from git, packs or publishes it. In a
// clone's own `npm ci` there is nothing to install it into, and `npm start` and `npm test` build
// what they need, so the build is skipped there (it would cost every fresh clone's CI run a build).
if (process.env.npm_command === 'ci') {
  console.log('prepare: npm ci in the repository itself, dist/ is built by npm start, npm test and npm run build');
} else {
  await (await import('./build.mjs')).build();
}
