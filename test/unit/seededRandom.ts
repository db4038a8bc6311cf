/**
 * Reproducible randomness for adversarial tests: one printed seed decides the
 * data and the faults, and each independent actor (a device, a link) draws
 * from its own stream, so one actor's timing does not shift another's draws.
 */

/** mulberry32: a tiny 32-bit generator, good enough to pick faults and fixtures. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stream of its own for `label` (FNV-1a of the label mixed into the seed). */
export function streamFor(seed: number, label: string): () => number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  return seededRandom((seed ^ hash) >>> 0);
}

/** The seed from `variable` in the environment when set (to replay a failure), else a fresh one. */
export function seedFrom(variable: string): number {
  const given = process.env[variable]?.trim();
  if (given) {
    const seed = Number(given);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`${variable} must be a whole number from 0 to 4294967295, not "${given}"`);
    return seed;
  }
  return crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
}

/** A version 4 UUID drawn from `random`, so ids repeat with the seed. */
export function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Math.floor(random() * 4) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick() needs at least one item');
  return item;
}
