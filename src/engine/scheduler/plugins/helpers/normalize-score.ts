/**
 * Score normalisation shared by several plugins, as upstream's
 * plugins/helper.DefaultNormalizeScore. Scores are int64 upstream; here they
 * are integral doubles, and the division truncates toward zero like Go's.
 */
import type { MaybeStatus } from '../../framework/status';

/** The top of the range every normalised score must fall in (upstream's MaxNodeScore). */
export const MAX_NODE_SCORE = 100;

const SAFE = Number.MAX_SAFE_INTEGER;

/** maxPriority * score / maxCount with int64 truncation, exact even past 2^53. */
function scale(maxPriority: number, score: number, maxCount: number): number {
  const product = maxPriority * score;
  if (Number.isSafeInteger(product)) return Math.trunc(product / maxCount);
  return Number((BigInt(maxPriority) * BigInt(score)) / BigInt(maxCount));
}

/**
 * Rescales `scores` in place from [0, max(scores)] to [0, maxPriority];
 * with `reverse`, each result is subtracted from maxPriority. When every
 * score is 0 they stay 0, or all become maxPriority when reversed.
 * Always succeeds; returns null so callers can return it from NormalizeScore.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: number[]): MaybeStatus {
  let maxCount = 0;
  let counts = true;
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i];
    if (v > maxCount) maxCount = v;
    // Small non-negative integers (counts) can be rescaled through a lookup table.
    if (!(v >= 0 && (v | 0) === v) || Object.is(v, -0)) counts = false;
  }
  if (maxCount === 0) {
    if (reverse) scores.fill(maxPriority);
    return null;
  }
  if (counts && maxCount < TABLE_SIZE) return normalizeCounts(maxPriority, reverse, scores, maxCount);
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i];
    const product = maxPriority * v;
    // Integral products within ±2^53 divide exactly as scale() does; anything else goes through it.
    const s = product <= SAFE && product >= -SAFE && Math.floor(product) === product ? Math.trunc(product / maxCount) : scale(maxPriority, v, maxCount);
    scores[i] = reverse ? maxPriority - s : s;
  }
  return null;
}

/**
 * defaultNormalizeScore for scores known to be integer counts in
 * [0, maxCount] (no -0), as a plugin that just produced them knows:
 * no scan, and each count maps through a table.
 */
export function normalizeCounts(maxPriority: number, reverse: boolean, scores: number[], maxCount: number): MaybeStatus {
  if (maxCount === 0) {
    if (reverse) scores.fill(maxPriority);
    return null;
  }
  if (maxCount >= TABLE_SIZE) return defaultNormalizeScore(maxPriority, reverse, scores);
  const table = TABLE;
  for (let v = 0; v <= maxCount; v++) {
    const s = scale(maxPriority, v, maxCount);
    table[v] = reverse ? maxPriority - s : s;
  }
  for (let i = 0; i < scores.length; i++) scores[i] = table[scores[i]];
  return null;
}

/** What defaultNormalizeScore makes of one integer count in [0, maxCount] (maxCount > 0). */
export function normalizedCount(maxPriority: number, reverse: boolean, count: number, maxCount: number): number {
  const s = scale(maxPriority, count, maxCount);
  return reverse ? maxPriority - s : s;
}

const TABLE_SIZE = 1024;
/** The normalised value of every count 0..maxCount (scratch; the engine is single-threaded). */
const TABLE = new Float64Array(TABLE_SIZE);
