/** `npm run serve [-- --port N] [--data DIR]`: the app in a browser, on 127.0.0.1 only. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_VERSION } from '../services/appVersion';
import { openLibrary } from '../services/packs/library';
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

function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at === -1 ? undefined : argv[at + 1];
}

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = option(process.argv, '--data') ?? join(root, 'dist', 'web-data');
const { library, bundled } = await openLibrary({ dataDir, bundleDir: join(root, 'dist'), appVersion: APP_VERSION });
for (const b of bundled.filter((x) => x.outcome === 'failed')) console.error(`Could not install the bundled pack ${b.file}: ${b.detail ?? ''}`);
const server = createWebHost({ rendererRoot: join(root, 'dist', 'renderer'), library, uploadDir: join(dataDir, 'uploads'), version: APP_VERSION });
server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(err.code === 'EADDRINUSE' ? `Port ${parsePort(process.argv)} is in use. Try: npm run serve -- --port 5180` : String(err));
  process.exit(1);
});
server.listen(parsePort(process.argv.slice(2)), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`Baraza is running at http://127.0.0.1:${port}/  (Ctrl+C to stop)`);
});
