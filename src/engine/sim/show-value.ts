/**
 * A value as an error message shows it: JSON, except numbers JSON cannot hold. YAML's `.inf`,
 * `-.inf` and `.nan` are numbers, and JSON.stringify writes each as `null`, which reads as if the
 * field were empty; they are shown as Go's fmt prints a float64 (`+Inf`, `-Inf`, `NaN`).
 */
export function showValue(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  return JSON.stringify(v) ?? String(v);
}
