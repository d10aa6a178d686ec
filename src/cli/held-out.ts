/**
 * Helpers shared by the held-out timeline tests (held-out-timelines.test.ts, round 9, and
 * held-out-round10.test.ts): a scenario of ./run-cases played through `podscape run FILE
 * --until T --output json`, its document's shape as those tests read it, and look-ups into it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { fromTimestamp } from '../engine/clock/time';
import { cli } from './testing';

/** Seconds → milliseconds. */
export const s = (x: number) => Math.round(x * 1000);
/** A virtual time as an object's timestamp shows it: metav1.Time is whole seconds (the fraction dropped). */
export const sec = (ms: number) => Math.floor(ms / 1000) * 1000;

export interface Ev {
  time: number;
  type: string;
  reason: string;
  object: string;
  fieldPath?: string;
  message: string;
  source: string;
  count: number;
  firstTime: number;
  lastTime: number;
}
export interface Cond {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}
export interface Obj {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    deletionGracePeriodSeconds?: number;
    ownerReferences?: { kind: string; name: string }[];
  };
  spec?: Record<string, unknown> & {
    nodeName?: string;
    taints?: { key: string; effect: string; timeAdded?: string }[];
    unschedulable?: boolean;
    tolerations?: Record<string, unknown>[];
  };
  status?: Record<string, unknown> & { phase?: string; reason?: string; message?: string; nominatedNodeName?: string; conditions?: Cond[] };
}
export interface KubectlLine {
  time: number;
  action: string;
  stream: string;
  text: string;
}
export interface Doc {
  time: number;
  events: Ev[];
  objects: Obj[];
  kubectl: KubectlLine[];
}

const fixture = (name: string) => fileURLToPath(new URL(`./run-cases/${name}`, import.meta.url));
const cache = new Map<string, Doc>();

/** `podscape run run-cases/FILE --until UNTIL --output json` (cached: the runs are deterministic). */
export function run(file: string, until: string): Doc {
  const key = `${file} ${until}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const r = cli('run', fixture(file), '--until', until, '--output', 'json');
  if (r.code !== 0) throw new Error(`podscape run ${file} exited ${r.code}: ${r.err}`);
  const doc = JSON.parse(r.out) as Doc;
  cache.set(key, doc);
  return doc;
}

/** `run` of a fixture with its text edited first (`edit` must change it), written to a temporary file. */
export function runEdited(file: string, edit: (text: string) => string, until: string): Doc {
  const text = readFileSync(fixture(file), 'utf8');
  const edited = edit(text);
  if (edited === text) throw new Error(`runEdited: the edit left ${file} unchanged`);
  const dir = mkdtempSync(join(tmpdir(), 'podscape-held-out-'));
  try {
    const path = join(dir, file);
    writeFileSync(path, edited);
    const r = cli('run', path, '--until', until, '--output', 'json');
    if (r.code !== 0) throw new Error(`podscape run (edited) ${file} exited ${r.code}: ${r.err}`);
    return JSON.parse(r.out) as Doc;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const events = (d: Doc, reason: string, object?: string) => d.events.filter((e) => e.reason === reason && (object === undefined || e.object === object));
/** The one event row of `reason` on `object` (fails the test unless there is exactly one). */
export const one = (d: Doc, reason: string, object: string): Ev => {
  const found = events(d, reason, object);
  expect(found, `${reason} on ${object}`).toHaveLength(1);
  return found[0];
};
export const obj = (d: Doc, kind: string, name: string) => d.objects.find((o) => o.kind === kind && o.metadata.name === name);
export const pods = (d: Doc) => d.objects.filter((o) => o.kind === 'Pod');
export const ts = (x: string | undefined) => fromTimestamp(x)!;
export const condition = (o: Obj | undefined, type: string) => o?.status?.conditions?.find((c) => c.type === type);
