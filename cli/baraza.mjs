#!/usr/bin/env node
// `npx baraza …`: the composition root of the repository's programs. `baraza hub` runs the
// sync hub (hub/), everything else the publisher's CLI (cli/); neither imports the other.
import { register } from 'tsx/esm/api';

register();
const [command, ...rest] = process.argv.slice(2);
if (command === 'hub') {
  const { runHub } = await import('../hub/main.ts');
  process.exitCode = await runHub(rest);
} else {
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
