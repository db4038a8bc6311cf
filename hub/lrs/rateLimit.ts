/**
 * How many requests each client may make: a token bucket per client key, per
 * hub process. The default suits devices syncing; a conformance run or a load
 * test raises it with BARAZA_HUB_RATE=BURST/PER_SECOND (or `off`).
 */

export interface RateLimit {
  /** Requests a client may make at once. */
  readonly burst: number;
  /** How fast the allowance comes back, in requests per second. */
  readonly perSecond: number;
}

export const DEFAULT_RATE: RateLimit = { burst: 300, perSecond: 100 };

/** "BURST/PER_SECOND" as a limit, "off" as none; null when the text is neither. */
export function parseRate(text: string): RateLimit | 'off' | null {
  const value = text.trim().toLowerCase();
  if (value === 'off') return 'off';
  const match = /^(\d{1,9})\/(\d{1,9}(?:\.\d+)?)$/.exec(value);
  if (!match) return null;
  const burst = Number(match[1]);
  const perSecond = Number(match[2]);
  return burst >= 1 && perSecond > 0 ? { burst, perSecond } : null;
}

/** The limit BARAZA_HUB_RATE sets; the default, with a warning, when it is set to something unreadable. */
export function rateFromEnv(env: NodeJS.ProcessEnv = process.env, warn: (message: string) => void = console.warn): RateLimit | 'off' {
  const text = env.BARAZA_HUB_RATE;
  if (text === undefined || text.trim() === '') return DEFAULT_RATE;
  const rate = parseRate(text);
  if (rate) return rate;
  warn(`BARAZA_HUB_RATE is "${text}", which is not BURST/PER_SECOND (such as 300/100) or off; the hub keeps its default of ${DEFAULT_RATE.burst}/${DEFAULT_RATE.perSecond}.`);
  return DEFAULT_RATE;
}

export type Admission = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly rate: RateLimit | 'off') {}

  /** Takes one request from the client's allowance, or says how many whole seconds until there is one. */
  admit(clientKey: string, nowMs: number): Admission {
    if (this.rate === 'off') return { ok: true };
    const { burst, perSecond } = this.rate;
    const bucket = this.buckets.get(clientKey) ?? { tokens: burst, at: nowMs };
    // A clock stepping back refills nothing.
    bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, nowMs - bucket.at) / 1000) * perSecond);
    bucket.at = nowMs;
    this.buckets.set(clientKey, bucket);
    if (bucket.tokens < 1) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) };
    bucket.tokens -= 1;
    return { ok: true };
  }
}
