#!/usr/bin/env node
// The installed `podscape` command: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const { run } = await import(main);
process.exitCode = run(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
