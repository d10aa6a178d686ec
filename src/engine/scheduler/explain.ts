/**
 * Explain: one scheduling cycle for one pod without binding it: PreFilter,
 * Filter on every node (no early stop, no rotating start), then
 * PreScore/Score/NormalizeScore over the feasible nodes (or the nodes asked
 * for). Shared by the CLI's `explain` (explainPod in batch.ts, over a fixed
 * list of objects) and the live simulation (the scheduler component's
 * explain, over the scheduler's own snapshot, called when the UI starts a
 * drag or opens the inspector).
 *
 * A pod that is already bound is evaluated as if it were not: it leaves its
 * node for the duration of the call (its requests, ports and labels no longer
 * count there), which is what moving it would face. A live snapshot gets the
 * pod back exactly as it was afterwards.
 *
 * Nothing here draws from the scheduler's generator: ties for `selectedNode`
 * are broken with a generator of the caller's (explain is a query and must not
 * change what the simulation does next).
 */
import { fitErrorMessage, type Diagnosis } from './framework/fit-error';
import { CycleState } from './framework/cycle-state';
import { NodeToStatus } from './framework/interfaces';
import type { NodeInfo } from './framework/node-info';
import type { PodInfo } from './framework/pod-info';
import type { Snapshot } from './framework/snapshot';
import type { Framework } from './framework/runtime';
import { Code, Status } from './framework/status';
import { CycleTrace, tracingDecorator } from './framework/trace';
import type { Pod } from '../model/types';
import type { Rng } from '../random/rng';
import type { Scheduler } from './schedule-one';
import { selectHost } from './select-host';

export type FilterVerdicts = Record<string, Record<string, 'passed' | string[]>>;
export type ScoreTable = Record<string, Record<string, number>>;

export interface Explanation {
  filter: FilterVerdicts;
  score: ScoreTable;
  finalScore: ScoreTable;
  selectedNode: string | null;
}

export interface ExplainResult extends Explanation {
  namespace: string;
  name: string;
  /** The FailedScheduling text when no node passes the filters. */
  message: string;
  preFilter: Record<string, string>;
  preScore: Record<string, string>;
  /**
   * The node the pod is bound to now, or null. A bound pod is evaluated as if
   * unbound: its own requests no longer count on this node.
   */
  boundNode?: string | null;
  /**
   * The scheduler profile whose plugins gave the verdicts. A pod whose
   * spec.schedulerName names no profile (another scheduler, or `manual`) is
   * evaluated with the first profile (default-scheduler), and `profileFallback` is true.
   */
  profile?: string;
  profileFallback?: boolean;
}

export class UnknownPodError extends Error {}

/** The pod as the scheduler would see it before binding: spec.nodeName cleared, no phase past Pending. */
export function unboundCopy(pod: Pod): Pod {
  const spec = { ...pod.spec };
  delete spec.nodeName;
  return { ...pod, spec, status: { ...(pod.status ?? {}), phase: 'Pending' } };
}

export interface ExplainCycleOptions {
  /** Score these nodes (as the filtered set), whatever Filter said. */
  nodes?: readonly string[];
  /**
   * Score the feasible nodes even when only one passes (upstream then skips
   * Score and takes it). The live explain does, so a drag can show a score.
   */
  scoreSingle?: boolean;
  /** Breaks ties among the best-scored nodes (never the scheduler's own generator). */
  rng: Rng;
}

/** The framework to explain `pi` with: its profile's, else the first profile's. */
export function frameworkForExplain(scheduler: Scheduler, pi: PodInfo): { fwk: Framework; fallback: boolean } {
  const own = scheduler.frameworkFor(pi);
  if (own) return { fwk: own, fallback: false };
  const first = scheduler.frameworks.values().next().value;
  if (!first) throw new UnknownPodError('the scheduler has no profile');
  return { fwk: first, fallback: true };
}

export function resultTables(fwkWeights: ReadonlyMap<string, number>, trace: CycleTrace, selectedNode: string | null, scored?: { nodes: readonly NodeInfo[]; plugins: readonly string[] }): Explanation {
  const filter: FilterVerdicts = {};
  for (const [node, m] of trace.filter) filter[node] = Object.fromEntries(m);
  const score: ScoreTable = {};
  const finalScore: ScoreTable = {};
  if (scored) {
    for (const ni of scored.nodes) {
      const norm = trace.normalizedScore.get(ni.name);
      score[ni.name] = {};
      finalScore[ni.name] = {};
      for (const p of scored.plugins) {
        const v = norm?.get(p) ?? 0;
        score[ni.name][p] = v;
        finalScore[ni.name][p] = v * (fwkWeights.get(p) ?? 1);
      }
    }
  }
  return { filter, score, finalScore, selectedNode };
}

/**
 * Runs the cycle for `pi` (an unbound PodInfo) against `scheduler`'s snapshot.
 * `profile` is the framework to use (see frameworkForExplain).
 */
export function explainCycle(scheduler: Scheduler, base: Framework, pi: PodInfo, opts: ExplainCycleOptions): ExplainResult {
  const snapshot = scheduler.snapshot;
  const unknown = (opts.nodes ?? []).filter((n) => !snapshot.get(n));
  if (unknown.length > 0) throw new UnknownPodError(`--nodes names unknown node(s): ${unknown.join(', ')}`);
  const trace = new CycleTrace();
  const fwk = base.decorated(tracingDecorator(trace));
  const state = new CycleState();
  const all = snapshot.nodeInfoList();
  const diagnosis: Diagnosis = { nodeToStatus: new NodeToStatus(), preFilterMsg: '', postFilterMsg: '', unschedulablePlugins: new Set() };
  const pre = fwk.runPreFilterPlugins(state, pi);
  const out: ExplainResult = { namespace: pi.namespace, name: pi.name, message: '', preFilter: Object.fromEntries(trace.preFilter), preScore: {}, filter: {}, score: {}, finalScore: {}, selectedNode: null };
  if (pre.status !== null && pre.status.code !== Code.Success) {
    for (const n of all) out.filter[n.name] = { [pre.status.plugin || 'PreFilter']: [...pre.status.reasons] };
    diagnosis.preFilterMsg = pre.status.message();
    out.message = fitErrorMessage(all.length, diagnosis);
    return out;
  }
  const feasible: NodeInfo[] = [];
  for (const ni of all) {
    if (pre.nodeNames !== null && !pre.nodeNames.has(ni.name)) {
      const plugins = [...pre.unschedulablePlugins].sort();
      const reason = `node(s) didn't satisfy plugin(s) [${plugins.join(' ')}]`;
      out.filter[ni.name] = Object.fromEntries(plugins.map((p) => [p, [reason]]));
      diagnosis.nodeToStatus.set(ni.name, new Status(Code.UnschedulableAndUnresolvable, [reason]));
      continue;
    }
    const s = fwk.runFilterPluginsWithNominatedPods(state, pi, ni);
    if (s === null) feasible.push(ni);
    else diagnosis.nodeToStatus.set(ni.name, s);
  }
  for (const [node, m] of trace.filter) out.filter[node] = Object.fromEntries(m);
  const toScore = opts.nodes ? opts.nodes.map((n) => snapshot.get(n)!) : feasible;
  if (!opts.nodes && feasible.length === 0) {
    out.message = fitErrorMessage(all.length, diagnosis);
    return out;
  }
  if (!opts.nodes && feasible.length === 1 && !opts.scoreSingle) {
    out.selectedNode = feasible[0].name;
    return out;
  }
  if (toScore.length === 0) return out;
  const scored = scheduler.prioritizeNodes(fwk, state, pi, toScore);
  out.preScore = Object.fromEntries(trace.preScore);
  if (scored.error) {
    out.message = scored.error.message();
    return out;
  }
  const tables = resultTables(fwk.scorePluginWeight, trace, selectHost(toScore, scored.result.totals, opts.rng), scored.result);
  return { ...out, ...tables, filter: out.filter };
}

/**
 * Runs `fn` with the pod `key` taken off its node in `snapshot`, then puts it
 * back exactly: the same PodInfo, at the same place in the node's lists, so
 * later cycles see the state they would have seen without the call. Returns
 * fn's result; with no such pod on any node, just runs fn. `num`: the pod's store number
 * (PodInfo.num), which the informers' snapshot finds it by; -1 when it has none.
 */
export function withoutAssignedPod<T>(snapshot: Snapshot, key: string, fn: () => T, num = -1): T {
  const ni = snapshot.nodeOfPod(key, num);
  const old = ni?.pods.find((p) => p.key === key);
  if (!ni || !old) return fn();
  const saved = { pods: ni.pods.slice(), affinity: ni.podsWithAffinity.slice(), anti: ni.podsWithRequiredAntiAffinity.slice() };
  snapshot.removePod(old);
  try {
    return fn();
  } finally {
    snapshot.addPod(old);
    ni.pods = saved.pods;
    ni.podsWithAffinity = saved.affinity;
    ni.podsWithRequiredAntiAffinity = saved.anti;
    // The pod lists were reordered behind NodeInfo's back: one more bump makes
    // caches keyed on (generation, pod count) recompute the node instead of
    // folding in "the last pod" (which is no longer the one re-added).
    ni.generation++;
  }
}
