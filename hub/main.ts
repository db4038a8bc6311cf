/**
 * `npx baraza hub --port N --data DIR [--host ADDRESS] [--forward-to URL …]`: runs the sync hub until stopped,
 * forwarding every statement it holds to an upstream LRS when --forward-to (or BARAZA_FORWARD_TO) is given.
 * `npx baraza hub forward-status --forward-to URL --data DIR`: how far forwarding has come, and what the upstream refused.
 * `npx baraza hub forward-release --forward-to URL --data DIR [--id ID …]`: sends held statements again in the next round.
 * `npx baraza hub add-client --data DIR --name NAME [--admin] [--endpoint URL]`: makes a device's key and secret.
 * `npx baraza hub import-bundle FILE --data DIR`: stores a USB sync bundle's statements.
 * With DATABASE_URL set, each stores in that PostgreSQL database and --data may be left out.
 */
import { parseArgs } from 'node:util';
import type { SyncTarget } from '../core/sync/protocol';
import { startForwarder, type Forwarder } from './forward/forwarder';
import { forwardingSource, type ForwardingSource } from './forward/forwardReport';
import { runForwardRelease } from './forward/forwardReleaseCommand';
import { runForwardStatus } from './forward/forwardStatusCommand';
import type { ForwardStore } from './forward/forwardStore';
import { openForwardStore } from './forward/openForwardStore';
import { upstreamFromOptions, upstreamKey } from './forward/upstream';
import { createHub } from './hub';
import { sweepAttachments } from './lrs/attachmentSweep';
import { enrolmentCode } from './lrs/clients';
import { describeStorage, openStorage, storageFromEnv, type StorageConfig } from './lrs/storage';
import { runImportBundle } from './importBundle';

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Content left by refused batches is removed at start-up and then daily; it only takes space, so no sooner. */
const SWEEP_EVERY_MS = 24 * 60 * 60_000;

function sweepNow(config: StorageConfig): void {
  sweepAttachments(config).then(
    ({ removed }) => {
      if (removed > 0) console.log(`Removed ${removed} attachment ${removed === 1 ? 'content' : 'contents'} that no statement names (left by refused batches).`);
    },
    (err: unknown) => console.error(`Attachment content no statement names could not be removed: ${message(err)}. Nothing was lost; the hub tries again in a day or at its next start.`),
  );
}

async function addClient(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const usage = 'Usage: baraza hub add-client --data DIR --name NAME [--admin] [--endpoint URL]';
  let values: { data?: string; name?: string; admin?: boolean; endpoint?: string };
  try {
    values = parseArgs({ args: [...argv], options: { data: { type: 'string' }, name: { type: 'string' }, admin: { type: 'boolean' }, endpoint: { type: 'string' } }, strict: true }).values;
  } catch (err) {
    console.error(`${message(err)}\n${usage}`);
    return 2;
  }
  const config = storageFromEnv(values.data, env);
  if (!config || !values.name) {
    console.error(usage);
    return 2;
  }
  const storage = openStorage(config);
  try {
    const client = await storage.clients.add(values.name, values.admin === true);
    console.log(`client:  ${client.name}${client.admin ? ' (admin: sees every learner)' : ''}`);
    console.log(`key:     ${client.key}`);
    console.log(`secret:  ${client.secret}   (shown once; keep it safe)`);
    if (values.endpoint) console.log(`enrolment code for the app:\n${enrolmentCode(values.endpoint, client)}`);
    return 0;
  } catch (err) {
    console.error(`No client was added: ${message(err)}`);
    return 1;
  } finally {
    await storage.close();
  }
}

export async function runHub(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv[0] === 'import-bundle') return runImportBundle(argv.slice(1), env);
  if (argv[0] === 'add-client') return addClient(argv.slice(1), env);
  if (argv[0] === 'forward-status') return runForwardStatus(argv.slice(1), env);
  if (argv[0] === 'forward-release') return runForwardRelease(argv.slice(1), env);
  const usage =
    'Usage: baraza hub --port N --data DIR [--host 127.0.0.1] [--forward-to URL [--forward-key KEY --forward-secret SECRET] | --forward-to ENROLMENT-CODE]\n' +
    '       baraza hub forward-status --forward-to URL --data DIR              how far forwarding has come, and the statements the upstream refused (held)\n' +
    '       baraza hub forward-release --forward-to URL --data DIR [--id ID …] sends held statements again in the next round (all of them without --id)\n' +
    '       baraza hub add-client --data DIR --name NAME [--admin] [--endpoint URL]\n' +
    '       baraza hub import-bundle FILE --data DIR\n' +
    '  --data is optional when DATABASE_URL is set; BARAZA_FORWARD_TO, BARAZA_FORWARD_KEY and BARAZA_FORWARD_SECRET may stand for the --forward options.';
  const options = { port: { type: 'string' }, data: { type: 'string' }, host: { type: 'string' }, 'forward-to': { type: 'string' }, 'forward-key': { type: 'string' }, 'forward-secret': { type: 'string' } } as const;
  let values: { port?: string; data?: string; host?: string; 'forward-to'?: string; 'forward-key'?: string; 'forward-secret'?: string };
  let upstream: SyncTarget | null;
  try {
    values = parseArgs({ args: [...argv], options, strict: true }).values;
    upstream = upstreamFromOptions(values, env);
  } catch (err) {
    console.error(`${message(err)}\n${usage}`);
    return 2;
  }
  const port = Number(values.port ?? 8080);
  const config = storageFromEnv(values.data, env);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || !config) {
    console.error(usage);
    return 2;
  }
  const host = values.host ?? '127.0.0.1';
  // Forwarding starts once the hub may run; the upload page reads its state through `show`, never from the upstream.
  let forwarding: { readonly store: ForwardStore; readonly forwarder: Forwarder; readonly show: ForwardingSource } | null = null;
  const show: ForwardingSource = () => forwarding?.show() ?? Promise.reject(new Error('forwarding is still starting'));
  const hub = createHub(values.data ?? '', config, upstream ? { forwarding: show } : {});
  try {
    await hub.storage.ready;
    // A hub with no clients answers anyone, so it may only listen where only this computer can reach it.
    if ((await hub.storage.clients.count()) === 0 && !['127.0.0.1', '::1', 'localhost'].includes(host)) {
      const data = values.data ? `--data ${values.data}` : '(with the same DATABASE_URL)';
      console.error(`This hub has no clients yet, so it would accept records from anyone on ${host}. First run: baraza hub add-client ${data} --name "first device"`);
      await hub.close();
      return 1;
    }
  } catch (err) {
    console.error(`The hub cannot use ${describeStorage(config)}: ${message(err)}`);
    await hub.close().catch(() => undefined);
    return 1;
  }
  await new Promise<void>((resolve, reject) => {
    hub.server.once('error', reject);
    hub.server.listen(port, host, resolve);
  });
  const address = hub.server.address();
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${typeof address === 'object' && address ? address.port : port}`;
  console.log(`Baraza hub: xAPI at ${base}/xapi/ (records in ${describeStorage(config)})`);
  console.log(`Upload page for USB sync bundles: ${base}/upload`);
  sweepNow(config);
  const sweeping = setInterval(() => sweepNow(config), SWEEP_EVERY_MS);
  sweeping.unref();
  if (upstream) {
    const { hostname, protocol } = new URL(upstream.endpoint);
    console.log(`Forwarding every statement to ${upstream.endpoint} whenever it can be reached.`);
    if (upstream.auth && protocol === 'http:' && !['127.0.0.1', '[::1]', 'localhost'].includes(hostname)) {
      console.warn(`Warning: ${upstream.endpoint} is not https, so the forwarding key and secret cross the network unencrypted.`);
    }
    const store = openForwardStore(config);
    const forwarder = startForwarder({ target: upstream, store });
    forwarding = { store, forwarder, show: forwardingSource(store, upstreamKey(upstream), values.data, () => forwarder.status()) };
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(sweeping);
  await forwarding?.forwarder.stop();
  await forwarding?.store.close();
  await hub.close();
  return 0;
}
