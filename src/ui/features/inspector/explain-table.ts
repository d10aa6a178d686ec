/**
 * Turns the scheduler's explanation of one pod (ExplainResult: filter verdicts per node
 * and plugin, normalized and weighted scores) into the table kube-scheduler-simulator
 * shows: one row per node, a column per Filter plugin that rejected some node, a column
 * per Score plugin, a Total. Only rearranges what the engine returned; decides nothing.
 */
import type { ExplainResult } from '../../../engine/scheduler/batch';

export type FilterCell =
  | { kind: 'passed' }
  | { kind: 'rejected'; reasons: string[] }
  /** An earlier plugin rejected the node, so this one did not run. */
  | { kind: 'not-run' };

export interface ScoreCell {
  /** After NormalizeScore, 0..100. */
  normalized: number;
  /** normalized × the plugin's weight: what goes into the total. */
  weighted: number;
}

export interface ExplainRow {
  node: string;
  selected: boolean;
  /** The pod is bound to this node now (the table weighs it as if it were not). */
  bound: boolean;
  /** Passed every Filter plugin. */
  feasible: boolean;
  filter: Record<string, FilterCell>;
  /** By score plugin; null when the node was not scored. */
  score: Record<string, ScoreCell> | null;
  total: number | null;
  /** Every rejection reason of the node, in plugin order ("Insufficient cpu", …). */
  reasons: string[];
}

export interface ScoreColumn {
  plugin: string;
  /** The weight, when some node's scores reveal it (weighted / normalized); else null. */
  weight: number | null;
}

export interface ExplainTable {
  /** Filter plugins that rejected at least one node, in the order they run. */
  filterColumns: string[];
  /** How many Filter plugins ran on some node (for "passed all N filters"). */
  filterPluginCount: number;
  scoreColumns: ScoreColumn[];
  /** Selected node first, then the scored nodes by total (highest first), then the rejected ones; ties by name. */
  rows: ExplainRow[];
  selectedNode: string | null;
  /** The node the pod is bound to, or null: the table is then what a placement now would face. */
  boundNode: string | null;
  /** Upstream's FailedScheduling text when no node fits ('' otherwise). */
  message: string;
  /** The case where kube-scheduler skips scoring: exactly one feasible node. */
  scoringSkipped: boolean;
}

/** Plugin names in the order they ran: the longest per-node record first (a node that passed ran them all). */
function runOrder(records: readonly Record<string, unknown>[]): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const record of [...records].sort((a, b) => Object.keys(b).length - Object.keys(a).length)) {
    for (const plugin of Object.keys(record)) {
      if (!seen.has(plugin)) {
        seen.add(plugin);
        order.push(plugin);
      }
    }
  }
  return order;
}

export function buildExplainTable(result: ExplainResult): ExplainTable {
  const nodes = [...new Set([...Object.keys(result.filter), ...Object.keys(result.finalScore)])];
  const filterOrder = runOrder(Object.values(result.filter));
  const rejecting = new Set<string>();
  for (const verdicts of Object.values(result.filter)) {
    for (const [plugin, verdict] of Object.entries(verdicts)) if (verdict !== 'passed') rejecting.add(plugin);
  }
  const filterColumns = filterOrder.filter((p) => rejecting.has(p));
  const scorePlugins = runOrder(Object.values(result.finalScore));
  const scoreColumns = scorePlugins.map((plugin) => ({ plugin, weight: weightOf(result, plugin) }));

  const rows: ExplainRow[] = nodes.map((node) => {
    const verdicts = result.filter[node] ?? {};
    const filter: Record<string, FilterCell> = {};
    const reasons: string[] = [];
    for (const plugin of filterOrder) {
      const verdict = verdicts[plugin];
      if (verdict === undefined) filter[plugin] = { kind: 'not-run' };
      else if (verdict === 'passed') filter[plugin] = { kind: 'passed' };
      else {
        filter[plugin] = { kind: 'rejected', reasons: verdict };
        reasons.push(...verdict);
      }
    }
    const weighted = result.finalScore[node];
    const score = weighted
      ? Object.fromEntries(scorePlugins.map((p) => [p, { normalized: result.score[node]?.[p] ?? 0, weighted: weighted[p] ?? 0 }]))
      : null;
    return {
      node,
      selected: node === result.selectedNode,
      bound: node === result.boundNode,
      feasible: reasons.length === 0,
      filter,
      score,
      total: weighted ? Object.values(weighted).reduce((sum, v) => sum + v, 0) : null,
      reasons,
    };
  });
  rows.sort(
    (a, b) =>
      Number(b.selected) - Number(a.selected) ||
      Number(b.feasible) - Number(a.feasible) ||
      (b.total ?? -1) - (a.total ?? -1) ||
      (a.node < b.node ? -1 : a.node > b.node ? 1 : 0),
  );
  const feasibleCount = rows.filter((r) => r.feasible).length;
  return {
    filterColumns,
    filterPluginCount: filterOrder.length,
    scoreColumns,
    rows,
    selectedNode: result.selectedNode,
    boundNode: result.boundNode ?? null,
    message: result.message,
    scoringSkipped: result.selectedNode !== null && feasibleCount === 1 && scorePlugins.length === 0,
  };
}

/**
 * The line above the table. For a pod not yet bound, the scheduler's choice. For a bound
 * pod, where it runs first, then where a placement now would go: the explanation takes the
 * pod off its node (its requests freed there), and kube-scheduler never moves a bound pod
 * (only eviction, a rollout or a descheduler make a new pod that is placed afresh).
 */
export function schedulingSummary(table: ExplainTable): string {
  const { boundNode, selectedNode } = table;
  if (boundNode === null) return selectedNode ? `The scheduler would choose ${selectedNode}.` : '';
  const runs = `Runs on ${boundNode}.`;
  if (selectedNode === null) return `${runs} Placed now, it would fit no node (below); a bound pod stays where it is.`;
  const weighs = `the table weighs this pod as if it were on no node (its own requests freed on ${boundNode})`;
  if (selectedNode === boundNode) return `${runs} Placed now, the scheduler would choose ${selectedNode} again: ${weighs}.`;
  return `${runs} Placed now, the scheduler would choose ${selectedNode} instead: ${weighs}. A bound pod stays where it is; the scheduler places each pod once.`;
}

function weightOf(result: ExplainResult, plugin: string): number | null {
  for (const [node, weighted] of Object.entries(result.finalScore)) {
    const normalized = result.score[node]?.[plugin];
    if (normalized) return (weighted[plugin] ?? 0) / normalized;
  }
  return null;
}

/**
 * For a pending pod whose PodScheduled condition (the scheduler's last attempt) says something
 * else than the table's message (an attempt now): a note that they differ and why, or null. A
 * newcomer met two different "0/N nodes are available" lines in one inspector, unexplained. The
 * condition's own preemption tail is left out of the comparison (the table has none).
 */
export function lastAttemptNote(table: ExplainTable, conditionMessage: string | undefined): string | null {
  if (table.boundNode !== null || !table.message || !conditionMessage) return null;
  const attempt = conditionMessage.split(' preemption: ')[0].trim();
  if (attempt === table.message.trim()) return null;
  return (
    'The PodScheduled condition above is the scheduler’s last attempt; the message here is what it would say if it tried now. ' +
    'An unschedulable pod is tried again when the cluster changes in a way that could help it, or after podMaxInUnschedulablePodsDuration (5 min by default).'
  );
}
