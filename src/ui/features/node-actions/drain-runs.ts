/**
 * The drains in the frame's drain log (Frame.drainLog: what kubectl drain printed, line by
 * line, with virtual times), read as kubectl's output is read: the latest drain of each node,
 * from its `node/<n> cordoned` line, and what state its last lines leave it in. Nothing here
 * re-runs drain's logic; the engine printed it all.
 */
import type { DrainLine } from '../../../protocol/engine-api';

/** One refused eviction, from one line of kubectl's output. */
export interface RefusedEviction {
  namespace: string;
  name: string;
  /** kubectl's retry delay as it printed it ("5s"). */
  retry: string;
  /** The Eviction API's message. */
  message: string;
  /** The line as kubectl printed it. */
  line: string;
}

/**
 * - `working`: evicting (or deleting) and waiting for the pods to go, nothing refused now;
 * - `waiting`: an eviction was refused (a PodDisruptionBudget's 429) and kubectl retries it;
 * - `drained`: kubectl printed `node/<n> drained`;
 * - `gave-up`: it exited with an error after --timeout ran out (`global timeout reached`, or
 *   `timed out waiting for the condition` under --disable-eviction);
 * - `failed`: it exited with another error (an eviction refused for good, say).
 */
export type DrainState = 'working' | 'waiting' | 'drained' | 'gave-up' | 'failed';

export interface DrainRun {
  node: string;
  /** The index of its first line: with the node, names the run (a new drain of the node is a new run). */
  start: number;
  /** Virtual ms of its first line (when the command ran). */
  startTime: number;
  /** Its lines, oldest first (those the frame still holds). */
  lines: DrainLine[];
  state: DrainState;
  /** The evictions refused at their latest try, oldest first: what kubectl is retrying, or what was left when it gave up. */
  refused: RefusedEviction[];
  /** When it exited with an error: the pods kubectl listed as still pending on the node. */
  pending: string[];
}

const REFUSAL = /^error when evicting pods\/"([^"]+)" -n "([^"]+)" \(will retry after ([^)]+)\): (.*)$/s;
const EVICTING = /^evicting pod ([^/]+)\/(.+)$/;
const GONE = /^pod\/(.+) (?:evicted|deleted)$/;
const PENDING_POD = /^pod\/(\S+)$/;

/** The refused evictions among kubectl drain's output lines (none when every eviction went through). */
export function refusedEvictions(lines: readonly string[]): RefusedEviction[] {
  const out: RefusedEviction[] = [];
  for (const line of lines) {
    const m = REFUSAL.exec(line);
    if (m) out.push({ name: m[1], namespace: m[2], retry: m[3], message: m[4], line });
  }
  return out;
}

/** The Eviction API's answer when a PodDisruptionBudget allows no more disruptions (upstream's wording). */
export const BUDGET_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";

const isStart = (line: DrainLine) => line.text === `node/${line.node} cordoned` || line.text === `node/${line.node} already cordoned`;

/** The latest drain of each node in `log`, in the order they started. */
export function drainRuns(log: readonly DrainLine[] | undefined): DrainRun[] {
  if (!log || log.length === 0) return [];
  const latest = new Map<string, DrainLine[]>();
  for (const line of log) {
    const lines = latest.get(line.node);
    // A drain starts with its cordon line; lines before the first one the frame holds are a run cut short by the limit.
    if (!lines || isStart(line)) latest.set(line.node, [line]);
    else lines.push(line);
  }
  return [...latest.values()].map(runOf).sort((a, b) => a.start - b.start);
}

function runOf(lines: DrainLine[]): DrainRun {
  const node = lines[0].node;
  // Per pod (namespace/name), its latest refusal, or null once kubectl tried it again or it went.
  const refused = new Map<string, RefusedEviction | null>();
  let state: DrainState | null = null;
  let timedOut = false;
  const pending: string[] = [];
  let listingPending = false;
  for (const { text } of lines) {
    const r = REFUSAL.exec(text);
    if (r) {
      refused.set(`${r[2]}/${r[1]}`, { name: r[1], namespace: r[2], retry: r[3], message: r[4], line: text });
      continue;
    }
    const e = EVICTING.exec(text);
    if (e) {
      // A retry: refused again only if a refusal follows (in the same instant).
      if (refused.has(`${e[1]}/${e[2]}`)) refused.set(`${e[1]}/${e[2]}`, null);
      continue;
    }
    const p = PENDING_POD.exec(text);
    if (p && listingPending) {
      pending.push(p[1]);
      continue;
    }
    listingPending = text.startsWith(`There are pending pods in node "${node}"`);
    if (listingPending) continue;
    const g = GONE.exec(text);
    if (g) {
      for (const [key, value] of refused) if (value?.name === g[1]) refused.set(key, null);
      continue;
    }
    if (text.endsWith('global timeout reached') || text.includes(': global timeout reached: ') || text.includes('timed out waiting for the condition')) timedOut = true;
    if (text === `node/${node} drained`) state = 'drained';
    else if (text.startsWith(`error: unable to drain node "${node}"`)) state = timedOut ? 'gave-up' : 'failed';
  }
  const open = [...refused.values()].filter((r): r is RefusedEviction => r !== null);
  return { node, start: lines[0].index, startTime: lines[0].time, lines, state: state ?? (open.length > 0 ? 'waiting' : 'working'), refused: open, pending };
}

/** Whether kubectl drain is still going (no end line yet). */
export const isRunning = (run: Pick<DrainRun, 'state'>) => run.state === 'working' || run.state === 'waiting';

/** Whether a run is worth a notice: it is still going, or it went on after the instant the command ran. */
export function lastedPastStart(run: DrainRun): boolean {
  return isRunning(run) || run.lines[run.lines.length - 1].time > run.startTime;
}

/** The key that names a run among a page's notices. */
export const runKey = (run: Pick<DrainRun, 'node' | 'start'>) => `${run.node}@${run.start}`;
