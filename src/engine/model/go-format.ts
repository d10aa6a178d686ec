/**
 * How the API server's validation errors print Go values (field.Error's %#v and %q), for the
 * `The <Kind> "<name>" is invalid: …` lines kubectl shows.
 */

/** Go's %q for printable text (JSON's quoting agrees with it there). */
export const goString = (v: unknown): string => JSON.stringify(String(v));

/** A map[string]string with %#v: keys sorted; a missing map is nil. */
export function goStringMap(m: unknown): string {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return 'map[string]string(nil)';
  const map = m as Record<string, unknown>;
  return `map[string]string{${Object.keys(map)
    .sort()
    .map((k) => `${goString(k)}:${goString(map[k])}`)
    .join(', ')}}`;
}
