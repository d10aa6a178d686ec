/**
 * JSON for data that arrives from outside (share links, saved sessions): a parse that
 * refuses deep nesting before JSON.parse sees it and drops the keys that reach
 * prototypes, and a canonical stringify (sorted keys, undefined left out) so the
 * same value always gives the same text.
 */

/** Keys that could reach an object's prototype when code later merges or spreads the value. */
const DANGEROUS_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export class SafeJsonError extends Error {
  constructor(
    readonly reason: 'too-deep' | 'syntax',
    message: string,
  ) {
    super(message);
    this.name = 'SafeJsonError';
  }
}

/** The deepest nesting of arrays and objects in `text`, stopping early once past `limit`. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** Parses JSON nested at most `maxDepth` deep; `__proto__`, `constructor` and `prototype` keys are dropped. */
export function parseSafeJson(text: string, maxDepth: number): unknown {
  if (nestingDepth(text, maxDepth) > maxDepth) throw new SafeJsonError('too-deep', `it is nested more than ${maxDepth} levels deep`);
  try {
    return JSON.parse(text, (key, value: unknown) => (DANGEROUS_KEYS.has(key) ? undefined : value));
  } catch (e) {
    throw new SafeJsonError('syntax', `it is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** JSON with object keys sorted at every level and undefined members left out: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries: [string, unknown][] = [];
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) entries.push([key, sortKeys(v)]);
  }
  // fromEntries defines own properties: a `__proto__` key stays data, never a prototype.
  return Object.fromEntries(entries);
}
