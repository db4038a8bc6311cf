/** How much an archive may hold before we refuse it, whatever its directory claims. */
export interface ZipLimits {
  readonly maxEntries: number;
  /** Bytes one entry may inflate to. */
  readonly maxEntrySize: number;
  /** Bytes all entries together may inflate to. */
  readonly maxTotalSize: number;
  /** Inflated bytes per compressed byte; deflate tops out near 1032, real content near 10. */
  readonly maxCompressionRatio: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_PACK_LIMITS: ZipLimits = Object.freeze({
  maxEntries: 20_000,
  maxEntrySize: 256 * MiB,
  maxTotalSize: 2048 * MiB,
  maxCompressionRatio: 200,
});

/**
 * The ratio is only judged past this many inflated bytes: a small file of repeated text can
 * compress 500-fold and hurt no one, while a bomb has to grow far beyond this to do harm.
 */
export const RATIO_GRACE_BYTES = 1 * MiB;

/** True when `inflated` bytes from `compressed` bytes is more growth than the limits allow. */
export function exceedsRatio(inflated: number, compressed: number, limits: ZipLimits): boolean {
  return inflated > RATIO_GRACE_BYTES && inflated > compressed * limits.maxCompressionRatio;
}
