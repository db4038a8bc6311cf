/** Naming the upstream: an address with a key and secret, an enrolment code, or the same in the environment. */
import { describe, expect, it, vi } from 'vitest';
import { runHub } from '../main';
import { enrolmentCode } from '../lrs/clients';
import { upstreamFromOptions, upstreamKey, upstreamTarget, UpstreamError } from './upstream';

const client = { key: 'k1', name: 'Trainer laptop', admin: false, secret: 's3cret' };

describe('the upstream a hub forwards to', () => {
  it('takes an xAPI endpoint with a key and secret, and gives it one trailing slash', () => {
    expect(upstreamTarget({ to: 'https://ministry.example/xapi', key: 'k1', secret: 's3cret' })).toEqual({ endpoint: 'https://ministry.example/xapi/', auth: { username: 'k1', password: 's3cret' } });
    expect(upstreamTarget({ to: ' http://10.0.0.2:8080/xapi/ ' })).toEqual({ endpoint: 'http://10.0.0.2:8080/xapi/' });
  });

  it('takes the enrolment code `add-client --endpoint` prints, as the app does', () => {
    expect(upstreamTarget({ to: enrolmentCode('https://ministry.example/xapi/', client) })).toEqual({ endpoint: 'https://ministry.example/xapi/', auth: { username: 'k1', password: 's3cret' } });
  });

  it('moves credentials out of the address, where fetch would refuse them', () => {
    expect(upstreamTarget({ to: 'https://k1:s%3Acret@ministry.example/xapi/' })).toEqual({ endpoint: 'https://ministry.example/xapi/', auth: { username: 'k1', password: 's:cret' } });
  });

  it('keys the checkpoint by the address alone, so a new secret keeps the position', () => {
    const a = upstreamTarget({ to: 'https://ministry.example/xapi/', key: 'k1', secret: 'old' });
    const b = upstreamTarget({ to: 'https://ministry.example/xapi', key: 'k2', secret: 'new' });
    expect(upstreamKey(a)).toBe(upstreamKey(b));
  });

  it.each([
    ['not a URL', { to: 'ministry' }, /is not a web address/],
    ['another scheme', { to: 'file:///etc/passwd' }, /must start with http:\/\/ or https:\/\//],
    ['javascript', { to: 'javascript:alert(1)' }, /must start with http/],
    ['a query', { to: 'https://m.example/xapi/?x=1' }, /must not carry a query/],
    ['a key without secret', { to: 'https://m.example/xapi/', key: 'k' }, /go together/],
    ['a damaged code', { to: 'baraza-enrol:!!!not-base64' }, /damaged or incomplete/],
    ['a code that names a file', { to: enrolmentCode('file:///etc/passwd', client) }, /must start with http/],
    ['a code and a key', { to: enrolmentCode('https://m.example/xapi/', client), key: 'k', secret: 's' }, /either the code/],
    ['credentials twice', { to: 'https://a:b@m.example/xapi/', key: 'k', secret: 's' }, /once/],
    ['a key with a colon', { to: 'https://m.example/xapi/', key: 'a:b', secret: 's' }, /cannot contain ":"/],
  ])('refuses %s with a sentence saying what to fix', (_name, input, message) => {
    expect(() => upstreamTarget(input)).toThrow(UpstreamError);
    expect(() => upstreamTarget(input)).toThrow(message);
  });

  it('reads BARAZA_FORWARD_TO, _KEY and _SECRET, options first', () => {
    const env = { BARAZA_FORWARD_TO: 'https://env.example/xapi/', BARAZA_FORWARD_KEY: 'ek', BARAZA_FORWARD_SECRET: 'es' };
    expect(upstreamFromOptions({}, env)).toEqual({ endpoint: 'https://env.example/xapi/', auth: { username: 'ek', password: 'es' } });
    expect(upstreamFromOptions({ 'forward-to': 'https://opt.example/xapi/' }, env)?.endpoint).toBe('https://opt.example/xapi/');
    expect(upstreamFromOptions({}, {})).toBeNull();
    expect(() => upstreamFromOptions({ 'forward-secret': 's' }, {})).toThrow(/without --forward-to/);
  });

  it('`baraza hub` refuses a bad --forward-to before it starts, with the reason and the usage', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await runHub(['--data', '/nonexistent', '--forward-to', 'ftp://ministry.example/'], {})).toBe(2);
      expect(String(errors.mock.calls[0]?.[0])).toMatch(/must start with http:\/\/ or https:\/\/.*\nUsage: baraza hub/s);
    } finally {
      errors.mockRestore();
    }
  });
});
