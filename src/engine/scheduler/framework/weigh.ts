/**
 * Weighted score totals, as upstream's runScorePlugins sums them: per node,
 * 0 + s₀·w₀ + s₁·w₁ + … in plugin order, each normalized score checked to lie
 * in [0, MaxNodeScore]. Up to four plugins are summed in one pass over the
 * nodes (a later group of four adds to the totals), so every addition happens
 * in the order a plugin-by-plugin loop would do it.
 */
export const MAX_NODE_SCORE = 100;

/** Stands in for the missing plugins of a group: scores 0 at weight 0 add nothing to a total ≥ 0. */
let zeros: number[] = [];

function zeroScores(n: number): number[] {
  if (zeros.length < n) {
    zeros = [];
    for (let i = 0; i < n; i++) zeros.push(0.5);
    zeros.fill(0);
  }
  return zeros;
}

/**
 * totals[i] = 0 + Σₚ scores[p][i] × weights[p] for i < n. Returns -1, or the
 * index of the first plugin (in order) with a score out of range; the totals
 * are meaningless then.
 */
export function weighScores(scores: readonly number[][], weights: Float64Array, totals: Float64Array, n: number): number {
  const m = scores.length;
  if (m === 0) {
    totals.fill(0, 0, n);
    return -1;
  }
  let ok = true;
  for (let p = 0; p < m; p += 4) {
    const z = zeroScores(n);
    const b = p + 1 < m;
    const c = p + 2 < m;
    const d = p + 3 < m;
    const groupOk = sum4(
      totals, n, p === 0,
      scores[p], weights[p],
      b ? scores[p + 1] : z, b ? weights[p + 1] : 0,
      c ? scores[p + 2] : z, c ? weights[p + 2] : 0,
      d ? scores[p + 3] : z, d ? weights[p + 3] : 0,
    );
    ok = groupOk && ok;
  }
  if (ok) return -1;
  for (let p = 0; p < m; p++) if (firstInvalid(scores[p], n) >= 0) return p;
  return -1;
}

/** The first index whose score is outside [0, MAX_NODE_SCORE], or -1. */
export function firstInvalid(s: readonly number[], n: number): number {
  for (let i = 0; i < n; i++) {
    const v = s[i];
    if (!(v >= 0 && v <= MAX_NODE_SCORE)) return i;
  }
  return -1;
}

function sum4(
  totals: Float64Array,
  n: number,
  start: boolean,
  a: readonly number[],
  wa: number,
  b: readonly number[],
  wb: number,
  c: readonly number[],
  wc: number,
  d: readonly number[],
  wd: number,
): boolean {
  let ok = true;
  for (let i = 0; i < n; i++) {
    const va = a[i];
    const vb = b[i];
    const vc = c[i];
    const vd = d[i];
    if (!(va >= 0 && va <= 100 && vb >= 0 && vb <= 100 && vc >= 0 && vc <= 100 && vd >= 0 && vd <= 100)) ok = false;
    totals[i] = (start ? 0 : totals[i]) + va * wa + vb * wb + vc * wc + vd * wd;
  }
  return ok;
}
