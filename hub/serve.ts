/** `npm run serve [-- --port N]`: the app in a browser, on 127.0.0.1 only. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createWebHost } from './webHost';

function parsePort(argv: readonly string[]): number {
  const at = argv.indexOf('--port');
  if (at === -1) return 5173;
  const port = Number(argv[at + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port needs a number from 0 to 65535, not "${argv[at + 1] ?? ''}"`);
    process.exit(2);
  }
  return port;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(await readFile(`${root}/package.json`, 'utf8')) as { version: string };
const server = createWebHost({ rendererRoot: `${root}/dist/renderer`, packsRoot: `${root}/dist/packs`, version });
server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(err.code === 'EADDRINUSE' ? `Port ${parsePort(process.argv)} is in use. Try: npm run serve -- --port 5180` : String(err));
  process.exit(1);
});
server.listen(parsePort(process.argv.slice(2)), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`Baraza is running at http://127.0.0.1:${port}/  (Ctrl+C to stop)`);
});
