/**
 * A string that names everything podRequests and podNonZeroRequests read of
 * a pod spec: each container's requests (in order), each init container's
 * restartPolicy (sidecar or not) and requests, the pod-level requests and the
 * overhead. Two specs with the same key have the same requests. Null when the
 * spec has anything unusual (a value that is not a string or number, a
 * malformed list, separator characters in a name or value): such specs are
 * simply not shared.
 */
import type { Pod } from './types';

/** Whether `s` holds one of the key's separator characters. */
function hasSep(s: string): boolean {
  return s.includes('\0') || s.includes('\u0001') || s.includes('\u0002');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `list` (a ResourceList or nothing) appended to `key`, or null when it cannot be named. */
function appendList(key: string, list: unknown): string | null {
  if (list === undefined || list === null) return key + '\u0002';
  if (!isPlainObject(list)) return null;
  let out = key + '{';
  for (const name of Object.keys(list)) {
    const raw = list[name];
    let v: string;
    if (typeof raw === 'string') v = 's' + raw;
    else if (typeof raw === 'number' && !Object.is(raw, -0)) v = 'n' + String(raw);
    else return null;
    if (hasSep(name) || hasSep(v)) return null;
    out += name + '\0' + v + '\u0001';
  }
  return out + '}';
}

/** The requests list of a container (or nothing); undefined when the container is malformed. */
function containerList(c: unknown): { list: unknown } | undefined {
  if (!isPlainObject(c)) return undefined;
  const res = c.resources;
  if (res === undefined || res === null) return { list: undefined };
  if (!isPlainObject(res)) return undefined;
  return { list: res.requests };
}

export function requestsKey(spec: Pod['spec']): string | null {
  const s = spec as unknown;
  if (!isPlainObject(s)) return null;
  let key: string | null = 'c';
  const containers = s.containers;
  if (containers !== undefined && containers !== null) {
    if (!Array.isArray(containers)) return null;
    for (const c of containers) {
      const l = containerList(c);
      if (l === undefined) return null;
      key = appendList(key + 'C', l.list);
      if (key === null) return null;
    }
  }
  key += '|i';
  const inits = s.initContainers;
  if (inits !== undefined && inits !== null) {
    if (!Array.isArray(inits)) return null;
    for (const c of inits) {
      const l = containerList(c);
      if (l === undefined) return null;
      key = appendList(key + ((c as { restartPolicy?: unknown }).restartPolicy === 'Always' ? 'S' : 'I'), l.list);
      if (key === null) return null;
    }
  }
  const res = s.resources;
  if (res !== undefined && res !== null && !isPlainObject(res)) return null;
  key = appendList(key + '|r', isPlainObject(res) ? res.requests : undefined);
  if (key === null) return null;
  return appendList(key + '|o', s.overhead);
}
