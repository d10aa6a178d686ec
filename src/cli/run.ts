/**
 * `podscape run FILE [--until 10m] [--seed N] [--output events|state|json]`:
 * the whole simulated cluster (controllers, kubelets, node lifecycle,
 * scheduler) playing a scenario's timeline on the virtual clock.
 */
import { formatDuration } from '../engine/clock/time';
import type { KubeObject } from '../engine/model/types';
import { DurationOverflowError, parseDuration } from '../engine/sim/config';
import type { KubeEvent } from '../engine/sim/contracts';
import { drainLog, type DrainLogEntry } from '../engine/controllers/drain/drain';
import { createSimulation, LoadError, type CommandRecord } from '../engine/sim/simulation';
import { setOwn } from '../engine/store/clone';
import { ManifestError, type Manifests } from '../scenario/parse';
import { readScenario } from '../scenario/scenario';
import { kubectlStream } from '../scenario/kubectl-stream';
import { toYaml } from '../scenario/export/yaml-out';

export type RunOutput = 'events' | 'state' | 'json';
export const RUN_OUTPUTS: readonly RunOutput[] = ['events', 'state', 'json'];
export const DEFAULT_UNTIL = '10m';

export interface RunOptions {
  /** Virtual ms to simulate. */
  until: number;
  /** Overrides the scenario's seed. */
  seed?: number;
  output: RunOutput;
}

export interface RunResult {
  text: string;
  /** Problems worth telling the user that did not stop the run (failed timeline commands). */
  warnings: string[];
}

/** Parses `--until`; throws Error with a message for the user. */
export function parseUntil(v: string): number {
  let ms: number;
  try {
    ms = parseDuration(v);
  } catch (e) {
    if (!(e instanceof DurationOverflowError)) throw new Error(`--until: ${(e as Error).message}`, { cause: e });
    ms = Infinity;
  }
  if (ms > MAX_UNTIL) throw new Error(`--until: "${v}" is longer than ${formatDuration(MAX_UNTIL)}, the longest run podscape plays`);
  return ms;
}

/**
 * The longest `--until` (24 h of virtual time): the periodic loops (node monitor every 5 s,
 * leases every 10 s, …) make a run's work grow with its length, so a mistyped `--until 99999h`
 * would run for hours instead of failing.
 */
export const MAX_UNTIL = 24 * 3_600_000;

/** Runs a scenario held in parsed manifests. Throws ManifestError for bad input. */
export function runScenario(manifests: Manifests, options: RunOptions): RunResult {
  const { objects, scenario, timeline } = readScenario(manifests);
  const sim = createSimulation({
    seed: options.seed ?? scenario.seed,
    controlPlane: scenario.controlPlane,
    schedulerConfiguration: scenario.schedulerConfiguration,
  });
  try {
    sim.load(objects, timeline);
  } catch (e) {
    if (e instanceof LoadError) {
      const where = e.index >= 0 ? manifests.objects.indexOf(objects[e.index]) : -1;
      if (where >= 0) throw new ManifestError(manifests.file, manifests.locate(where, e.field).line, manifests.locate(where, e.field).column, e.field, e.message);
      throw new ManifestError(manifests.file, 1, 1, '', e.message);
    }
    throw e;
  }
  sim.advanceTo(options.until);
  const warnings = sim
    .commands()
    .filter((c) => !c.result.ok)
    .map((c) => `at ${formatDuration(c.time)}: ${c.command.action}: ${c.result.ok ? '' : c.result.error}`);
  const events = liveEvents(sim.events(), sim.time);
  const state = sim.objects().map((o) => withProbeTimes(apiTimes(o)));
  switch (options.output) {
    case 'events':
      return { text: eventTable(events), warnings };
    case 'state':
      return { text: stateYaml(state), warnings };
    case 'json':
      return { text: JSON.stringify(runJson(sim.time, events, state, kubectlLines(sim.commands(), drainLog(sim.ctx))), null, 2), warnings };
  }
}

/** Fields of type metav1.Time (whole seconds on the wire) and metav1.MicroTime (six fractional digits). */
const TIME_FIELDS = new Set(['creationTimestamp', 'deletionTimestamp', 'lastTransitionTime', 'lastUpdateTime', 'lastHeartbeatTime', 'lastProbeTime', 'timeAdded', 'startTime', 'completionTime', 'startedAt', 'finishedAt', 'time', 'lastScheduleTime', 'lastSuccessfulTime']);
const MICRO_TIME_FIELDS = new Set(['renewTime', 'acquireTime']);
const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/;

/**
 * An object's timestamps as the API server writes them: the engine keeps milliseconds (a pod
 * deleted at 355.1 s has deletionTimestamp …:25.100Z) so that its controllers read back exact
 * times, but metav1.Time marshals as RFC 3339 in whole seconds (Format(time.RFC3339) drops the
 * fraction) and metav1.MicroTime (a Lease's renewTime) always with six digits. Labels and
 * annotations are left as they are.
 */
export function apiTimes<T>(v: T, key = ''): T {
  if (typeof v === 'string') {
    const m = (TIME_FIELDS.has(key) || MICRO_TIME_FIELDS.has(key)) && STAMP.exec(v);
    if (!m) return v;
    return (MICRO_TIME_FIELDS.has(key) ? `${m[1]}.${(m[2] ?? '').padEnd(6, '0').slice(0, 6)}Z` : `${m[1]}Z`) as T;
  }
  if (Array.isArray(v)) return v.map((x) => apiTimes(x, key)) as T;
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) setOwn(out, k, k === 'labels' || k === 'annotations' ? x : apiTimes(x, k));
  return out as T;
}

/**
 * A pod's conditions as JSON shows them: PodCondition.lastProbeTime is a metav1.Time struct, which
 * `omitempty` never omits, so a condition nobody probed prints `"lastProbeTime": null` (the
 * scheduler's PodScheduled=False, DisruptionTarget …), placed after `status` as the API prints it.
 */
export function withProbeTimes<T>(o: T): T {
  const obj = o as { kind?: string; status?: { conditions?: unknown } };
  if (obj.kind !== 'Pod' || !Array.isArray(obj.status?.conditions) || obj.status.conditions.every((c) => typeof c !== 'object' || c === null || 'lastProbeTime' in c)) return o;
  const conditions = obj.status.conditions.map((c) => {
    if (typeof c !== 'object' || c === null || 'lastProbeTime' in c) return c;
    const { type, status, ...rest } = c as Record<string, unknown>;
    return { type, status, lastProbeTime: null, ...rest };
  });
  return { ...obj, status: { ...obj.status, conditions } } as T;
}

/** kube-apiserver's `--event-ttl` default: an Event's etcd lease, renewed on every write. */
export const EVENT_TTL = 3_600_000;

/** The events the API server still holds at `time`: those written less than EVENT_TTL before. */
export function liveEvents(events: readonly KubeEvent[], time: number): KubeEvent[] {
  return events.filter((e) => (e.written ?? e.lastTime) + EVENT_TTL > time);
}

/** One line a timeline command printed (kubectl's stdout or stderr), at the virtual time it printed it. */
export interface KubectlLine {
  time: number;
  action: string;
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * What the timeline's commands printed, in time order: each command's own output when it ran
 * (a failure on stderr), and for drains everything kubectl printed later (evictions, 429
 * retries, `pod/<p> evicted`, `node/<n> drained`), so a drain's progress can be checked.
 */
export function kubectlLines(commands: readonly CommandRecord[], drains: readonly DrainLogEntry[]): KubectlLine[] {
  const lines: (KubectlLine & { order: number })[] = [];
  let order = 0;
  for (const c of commands) {
    // A drain's own lines are in the drain log (all but a refusal before it started: no such node,
    // and a dry run, which ends at once: its result is all it printed).
    const cmd = c.command;
    if (cmd.action === 'drain' && cmd.dryRun === undefined && (c.result.ok || drains.some((d) => d.time === c.time && d.node === cmd.node))) continue;
    // kubectl prints warnings (its own and the API server's Warning headers) and a server dry run's refused evictions on stderr.
    if (c.result.ok) for (const text of c.result.messages ?? []) lines.push({ time: c.time, action: c.command.action, stream: kubectlStream(text), text, order: order++ });
    else lines.push({ time: c.time, action: c.command.action, stream: 'stderr', text: c.result.error, order: order++ });
  }
  for (const d of drains) lines.push({ time: d.time, action: 'drain', stream: d.stream, text: d.text, order: order++ });
  return lines.sort((a, b) => a.time - b.time || a.order - b.order).map(({ order: _, ...l }) => l);
}

/** The JSON document of `--output json`. */
export function runJson(time: number, events: readonly KubeEvent[], objects: readonly KubeObject[], kubectl: readonly KubectlLine[] = []) {
  return {
    time,
    events: events.map((e) => ({
      time: e.firstTime,
      type: e.type,
      reason: e.reason,
      object: e.object,
      ...(e.fieldPath === undefined ? {} : { fieldPath: e.fieldPath }),
      message: e.message,
      source: e.source,
      count: e.count,
      firstTime: e.firstTime,
      lastTime: e.lastTime,
    })),
    objects,
    kubectl,
  };
}

/** `Kind/ns/name` → `kind/name`, as kubectl's OBJECT column. */
function kubectlObject(ref: string): string {
  const kind = ref.slice(0, ref.indexOf('/'));
  const name = ref.slice(ref.lastIndexOf('/') + 1);
  return name ? `${kind.toLowerCase()}/${name}` : kind.toLowerCase();
}

/**
 * `kubectl get events --sort-by=.lastTimestamp` with virtual times: LAST SEEN
 * is the virtual time of the last occurrence (`5m57s`), with
 * `(x<count> over <span>)` for repeated events; columns padded as kubectl's
 * tab writer pads them.
 */
export function eventTable(events: readonly KubeEvent[]): string {
  if (events.length === 0) return 'No events.';
  const rows = [...events]
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.lastTime - b.e.lastTime || a.i - b.i)
    .map(({ e }) => [
      e.count > 1 ? `${formatDuration(e.lastTime)} (x${e.count} over ${formatDuration(e.lastTime - e.firstTime)})` : formatDuration(e.lastTime),
      e.type,
      e.reason,
      kubectlObject(e.object),
      e.message,
    ]);
  return table([['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], ...rows]);
}

/** Columns as kubectl's tabwriter lays them out (minwidth 10, padding 3); the last column unpadded. */
function table(rows: string[][]): string {
  const n = rows[0].length;
  const widths = Array.from({ length: n }, (_, c) => Math.max(10, ...rows.map((r) => [...r[c]].length + 3)));
  return rows.map((r) => r.map((cell, c) => (c === n - 1 ? cell : cell + ' '.repeat(widths[c] - [...cell].length))).join('').trimEnd()).join('\n');
}

/**
 * The objects as a YAML `List`, as `kubectl get … -o yaml` prints several objects. Strings kubectl
 * would read as another type (`yes`, `on`, `1_000`) are quoted, and shared objects are written out
 * in full rather than as YAML aliases.
 */
export function stateYaml(objects: readonly KubeObject[]): string {
  return toYaml({ apiVersion: 'v1', kind: 'List', items: objects, metadata: { resourceVersion: '' } }).trimEnd();
}
