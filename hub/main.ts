/**
 * `npx baraza hub --port N --data DIR [--host ADDRESS]`: runs the sync hub until stopped.
 * `npx baraza hub import-bundle FILE --data DIR`: stores a USB sync bundle's statements.
 */
import { parseArgs } from 'node:util';
import { createHub } from './hub';
import { runImportBundle } from './importBundle';

export async function runHub(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'import-bundle') return runImportBundle(argv.slice(1));
  let values: { port?: string; data?: string; host?: string };
  try {
    values = parseArgs({ args: [...argv], options: { port: { type: 'string' }, data: { type: 'string' }, host: { type: 'string' } }, strict: true }).values;
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\nUsage: baraza hub --port N --data DIR [--host 127.0.0.1]`);
    return 2;
  }
  const port = Number(values.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || !values.data) {
    console.error('Usage: baraza hub --port N --data DIR [--host 127.0.0.1]');
    return 2;
  }
  // Loopback unless told otherwise: the hub has no credentials yet.
  const host = values.host ?? '127.0.0.1';
  const hub = createHub(values.data);
  await new Promise<void>((resolve, reject) => {
    hub.server.once('error', reject);
    hub.server.listen(port, host, resolve);
  });
  const address = hub.server.address();
  console.log(`Baraza hub: xAPI at http://${host}:${typeof address === 'object' && address ? address.port : port}/xapi/ (data in ${values.data})`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await hub.close();
  return 0;
}
