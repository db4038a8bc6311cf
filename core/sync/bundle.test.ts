import { describe, expect, it } from 'vitest';
import { sectionRead, type EventEnvelope } from '../xapi/statement';
import { BUNDLE_FORMAT, BundleError, bundleChecksum, makeBundle, readBundle, type BundleProblem } from './bundle';

type Json = Record<string, unknown>;

const DEVICE = '6f1c2a4e-93b1-4d1e-a5a0-0c2f7d9e1b3a';
const NOW = new Date('2026-11-27T09:00:00.000Z');

function statement(n: number): Json {
  const env: EventEnvelope = { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, timestamp: '2026-11-27T08:00:00.000Z', learner: { id: 'L1', name: 'Amina' }, language: 'en' };
  return { ...sectionRead(env, { packId: 'p', moduleId: 'm', sectionId: `s${n}` }) };
}

/** A bundle whose header is consistent with whatever statements it is given. */
function forged(statements: unknown[], extra: Json = {}): string {
  return JSON.stringify({ format: BUNDLE_FORMAT, version: 1, created: NOW.toISOString(), device: DEVICE, count: statements.length, sha256: bundleChecksum(statements), statements, ...extra });
}

function refusal(text: string, maxBytes?: number): BundleError {
  try {
    readBundle(text, maxBytes);
  } catch (err) {
    if (err instanceof BundleError) return err;
    throw err;
  }
  throw new Error('the bundle was accepted');
}

const reasonOf = (text: string, maxBytes?: number): BundleProblem => refusal(text, maxBytes).reason;

describe('sync bundles', () => {
  const three = [statement(1), statement(2), statement(3)];
  const good = makeBundle(three, DEVICE, NOW);

  it('round-trips statements, device and time', () => {
    const header = JSON.parse(good) as Json;
    expect(header).toMatchObject({ format: 'baraza-sync-bundle', version: 1, created: NOW.toISOString(), device: DEVICE, count: 3 });
    expect(header.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readBundle(good)).toEqual({ statements: three, device: DEVICE, created: NOW.toISOString() });
  });

  it('does not depend on key order or whitespace', () => {
    const reindented = JSON.stringify(JSON.parse(good) as Json, null, 2);
    const reordered = JSON.stringify({ statements: (JSON.parse(good) as Json).statements, ...(JSON.parse(good) as Json) });
    expect(readBundle(reindented).statements).toEqual(three);
    expect(readBundle(reordered).statements).toEqual(three);
    expect(readBundle(`\uFEFF${good}`).statements).toEqual(three);
  });

  it('refuses a truncated file', () => {
    expect(reasonOf(good.slice(0, good.length / 2))).toBe('not-a-bundle');
    expect(reasonOf('')).toBe('not-a-bundle');
  });

  it('refuses other JSON and a bundle missing part of its header', () => {
    expect(reasonOf('[]')).toBe('not-a-bundle');
    expect(reasonOf(JSON.stringify({ format: 'something-else', version: 1 }))).toBe('not-a-bundle');
    const { device: _device, ...headless } = JSON.parse(good) as Json;
    expect(reasonOf(JSON.stringify(headless))).toBe('not-a-bundle');
  });

  it('refuses a flipped byte inside a statement', () => {
    const at = good.indexOf('Amina') + 1;
    const flipped = `${good.slice(0, at)}${String.fromCharCode(good.charCodeAt(at) ^ 1)}${good.slice(at + 1)}`;
    expect(flipped).not.toBe(good);
    expect(reasonOf(flipped)).toBe('checksum');
  });

  it('refuses a wrong checksum', () => {
    expect(reasonOf(JSON.stringify({ ...(JSON.parse(good) as Json), sha256: '0'.repeat(64) }))).toBe('checksum');
  });

  it('refuses a count that does not match', () => {
    expect(reasonOf(JSON.stringify({ ...(JSON.parse(good) as Json), count: 4 }))).toBe('count');
  });

  it('refuses a version it does not know', () => {
    expect(reasonOf(forged(three, { version: 2 }))).toBe('unknown-version');
  });

  it('refuses the whole bundle for one invalid statement, naming it', () => {
    const broken = { ...statement(2), verb: { id: 'not an iri' } };
    const err = refusal(forged([statement(1), broken, statement(3)]));
    expect(err.reason).toBe('invalid-statement');
    expect(err.index).toBe(1);
    expect(err.message).toContain('Statement 2 of 3');
    expect(err.message).toContain('statements[1].verb.id');
  });

  it('refuses a statement without an id, which would be stored again on every import', () => {
    const { id: _id, ...anonymous } = statement(1);
    const err = refusal(forged([anonymous]));
    expect(err.reason).toBe('invalid-statement');
    expect(err.message).toContain('statements[0].id: is required');
  });

  it('refuses a file over the size cap before parsing it', () => {
    expect(reasonOf(good, good.length - 1)).toBe('too-large');
    expect(readBundle(good, good.length).statements).toHaveLength(3);
    expect(refusal('x'.repeat(11), 10).message).toContain('10 bytes');
  });

  it('will not make a bundle the hub would refuse', () => {
    expect(() => makeBundle([{ ...statement(1), actor: {} }], DEVICE, NOW)).toThrow(BundleError);
  });

  it('makes and reads an empty bundle', () => {
    expect(readBundle(makeBundle([], DEVICE, NOW)).statements).toEqual([]);
  });
});
