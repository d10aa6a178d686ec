/**
 * Deep copy and deep equality for plain data (what YAML/JSON yield: objects,
 * arrays, strings, numbers, booleans, null). Kubernetes objects are plain
 * data, so these are all the store needs; no prototypes, Maps or cycles.
 *
 * A key named `__proto__` is data like any other (a ConfigMap key, a field of a
 * custom resource): JSON.parse and the YAML reader make it an own property, and
 * so do these. A plain `out[k] = …` would set the copy's prototype instead,
 * dropping the key (or, for a mapping, turning its fields into inherited ones).
 */

const PROTO = '__proto__';

/** Sets `key` on `obj` as an own data property, `__proto__` included. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === PROTO) Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** `obj[key]` when `key` is one of obj's own properties, else undefined (never an inherited member). */
export function getOwn(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function deepClone<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const n = v.length;
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = deepClone(v[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined) continue;
    if (k === PROTO) setOwn(out, k, deepClone(x));
    else out[k] = deepClone(x);
  }
  return out as T;
}

/** Structural equality; `undefined` fields count as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let na = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    na++;
    if (!deepEqual(ao[k], k === PROTO ? getOwn(bo, k) : bo[k])) return false;
  }
  let nb = 0;
  for (const k in bo) if (bo[k] !== undefined) nb++;
  return na === nb;
}
