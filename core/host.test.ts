import { describe, expect, it } from 'vitest';
import { decodeHostError, dispatchHostCall, encodeHostError, HostCallError, HOST_METHODS, type HostHandlers } from './host';

describe('host errors across the Electron bridge', () => {
  it('keep their code through an Error that carries only a message', () => {
    const crossed = new Error(encodeHostError({ code: 'forbidden', message: 'no' }).message);
    expect(decodeHostError(crossed)).toEqual(new HostCallError('forbidden', 'no'));
    expect((decodeHostError(crossed) as HostCallError).code).toBe('forbidden');
  });

  it('leave other errors as they are, including damaged encodings', () => {
    const plain = new Error('disk full');
    expect(decodeHostError(plain)).toBe(plain);
    const damaged = new Error('baraza-host-error:{not json');
    expect(decodeHostError(damaged)).toBe(damaged);
  });
});

describe('dispatchHostCall', () => {
  const handlers = Object.fromEntries(HOST_METHODS.map((m) => [m, async (...args: unknown[]) => ({ m, args })])) as unknown as HostHandlers;

  it('calls the named method with the arguments', async () => {
    expect(await dispatchHostCall(handlers, 'removePack', ['x'])).toEqual({ ok: true, value: { m: 'removePack', args: ['x'] } });
  });

  it('refuses names that are not methods, even inherited ones', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 7, null]) {
      expect(await dispatchHostCall(handlers, name, [])).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
  });
});
