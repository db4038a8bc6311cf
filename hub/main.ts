/**
 * `npx baraza hub --port N --data DIR [--host ADDRESS]`: runs the sync hub until stopped.
 * `npx baraza hub add-client --data DIR --name NAME [--admin] [--endpoint URL]`: makes a device's key and secret.
 * `npx baraza hub import-bundle FILE --data DIR`: stores a USB sync bundle's statements.
 */
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHub } from './hub';
import { ClientRegistry, enrolmentCode } from './lrs/clients';
import { openHubDatabase } from './lrs/statementStore';
import { runImportBundle } from './importBundle';

function addClient(argv: readonly string[]): number {
  let values: { data?: string; name?: string; admin?: boolean; endpoint?: string };
  try {
    values = parseArgs({ args: [...argv], options: { data: { type: 'string' }, name: { type: 'string' }, admin: { type: 'boolean' }, endpoint: { type: 'string' } }, strict: true }).values;
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\nUsage: baraza hub add-client --data DIR --name NAME [--admin] [--endpoint URL]`);
    return 2;
  }
  if (!values.data || !values.name) {
    console.error('Usage: baraza hub add-client --data DIR --name NAME [--admin] [--endpoint URL]');
    return 2;
  }
  mkdirSync(values.data, { recursive: true });
  const db = openHubDatabase(join(values.data, 'hub.sqlite'));
  try {
    const client = new ClientRegistry(db).add(values.name, values.admin === true);
    console.log(`client:  ${client.name}${client.admin ? ' (admin: sees every learner)' : ''}`);
    console.log(`key:     ${client.key}`);
    console.log(`secret:  ${client.secret}   (shown once; keep it safe)`);
    if (values.endpoint) console.log(`enrolment code for the app:\n${enrolmentCode(values.endpoint, client)}`);
    return 0;
  } finally {
    db.close();
  }
}

export async function runHub(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'import-bundle') return runImportBundle(argv.slice(1));
  if (argv[0] === 'add-client') return addClient(argv.slice(1));
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
  const host = values.host ?? '127.0.0.1';
  const hub = createHub(values.data);
  // A hub with no clients answers anyone, so it may only listen where only this computer can reach it.
  if (hub.clients.count() === 0 && !['127.0.0.1', '::1', 'localhost'].includes(host)) {
    await hub.close();
    console.error(`This hub has no clients yet, so it would accept records from anyone on ${host}. First run: baraza hub add-client --data ${values.data} --name "first device"`);
    return 1;
  }
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
