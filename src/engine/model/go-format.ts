/**
 * How the API server's validation errors print Go values, for the `The <Kind> "<name>" is
 * invalid: …` lines kubectl shows. apimachinery's field.Error.ErrorBody prints ints, floats and
 * bools with %v, strings with %q, and anything else as its json.Marshal text (falling back to
 * %#v only when marshalling fails), as in every release since v1.34:
 * `spec.selector: Invalid value: {"matchLabels":{"app":"web"}}: field is immutable`.
 * (Releases before that printed maps and structs with %#v: `map[string]string{"app":"web"}`.)
 */
import { isObj } from './is-object';

/** Go's %q for printable text (JSON's quoting agrees with it there). */
export const goString = (v: unknown): string => JSON.stringify(String(v));

/** A JSON string as Go's encoding/json writes it: <, > and & escaped for HTML. */
const goJsonString = (s: string): string => JSON.stringify(s).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);

/** json.Marshal of a map[string]string: keys sorted, no spaces; a missing map is `null`. */
export function goJsonStringMap(m: unknown): string {
  if (!isObj(m)) return 'null';
  return `{${Object.keys(m)
    .sort()
    .map((k) => `${goJsonString(k)}:${goJsonString(String(m[k]))}`)
    .join(',')}}`;
}

/** json.Marshal of a *metav1.LabelSelector (every field omitempty; a nil selector is `null`). */
export function goJsonLabelSelector(sel: unknown): string {
  if (!isObj(sel)) return 'null';
  const parts: string[] = [];
  if (isObj(sel.matchLabels) && Object.keys(sel.matchLabels).length > 0) parts.push(`"matchLabels":${goJsonStringMap(sel.matchLabels)}`);
  if (Array.isArray(sel.matchExpressions) && sel.matchExpressions.length > 0) {
    const req = (r: unknown) => {
      const o = isObj(r) ? r : {};
      const values = Array.isArray(o.values) && o.values.length > 0 ? `,"values":[${o.values.map((v) => goJsonString(String(v))).join(',')}]` : '';
      return `{"key":${goJsonString(String(o.key ?? ''))},"operator":${goJsonString(String(o.operator ?? ''))}${values}}`;
    };
    parts.push(`"matchExpressions":[${sel.matchExpressions.map(req).join(',')}]`);
  }
  return `{${parts.join(',')}}`;
}
