/**
 * The commands behind the node toolbar, and how their results read to the user. The
 * engine decides everything (feasibility, evictions, refusals); this only builds the
 * command and picks out what the user must see.
 */
import type { Command } from '../../../engine/commands';
import type { KubeObject, Taint } from '../../../engine/model/types';

/**
 * kubectl drain's flags; the playground defaults skip DaemonSet pods and emptyDir data, as most
 * tutorials do. The text fields hold what the user typed: empty is the flag left out (kubectl's
 * default), anything else goes to the engine as typed, which refuses a bad value in kubectl's words.
 */
export interface DrainOptions {
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  force: boolean;
  /** --disable-eviction: plain DELETEs, past every PodDisruptionBudget. */
  disableEviction: boolean;
  /** --timeout, a duration ("60s", "2m"); empty: wait for ever (kubectl's 0s). */
  timeout: string;
  /** --pod-selector, a label selector ("app=web", "tier in (a,b)"); empty: every pod. */
  podSelector: string;
  /** --grace-period, whole seconds; empty: each pod's own (kubectl's -1). */
  gracePeriod: string;
  /** --dry-run: 'none' (kubectl's default) drains; client or server only print what would be evicted. */
  dryRun: 'none' | 'client' | 'server';
}

export const DEFAULT_DRAIN_OPTIONS: DrainOptions = { ignoreDaemonSets: true, deleteEmptyDirData: true, force: false, disableEviction: false, timeout: '', podSelector: '', gracePeriod: '', dryRun: 'none' };

export function drainCommand(node: string, options: DrainOptions): Command {
  const { timeout, podSelector, gracePeriod, disableEviction, dryRun, ...flags } = options;
  return {
    action: 'drain',
    node,
    ...flags,
    ...(disableEviction ? { disableEviction } : {}),
    ...(timeout.trim() ? { timeout: timeout.trim() } : {}),
    ...(podSelector.trim() ? { podSelector: podSelector.trim() } : {}),
    // A number field's text; what is not a number reaches the engine as NaN and is refused there.
    ...(gracePeriod.trim() ? { gracePeriod: Number(gracePeriod.trim()) } : {}),
    ...(dryRun !== 'none' ? { dryRun } : {}),
  };
}

/** The kubectl command line a drain with these options is (the Drain button's title). */
export function drainCommandLine(node: string, options: DrainOptions): string {
  const parts = ['kubectl drain', node];
  if (options.ignoreDaemonSets) parts.push('--ignore-daemonsets');
  if (options.deleteEmptyDirData) parts.push('--delete-emptydir-data');
  if (options.force) parts.push('--force');
  if (options.disableEviction) parts.push('--disable-eviction');
  if (options.timeout.trim()) parts.push(`--timeout=${options.timeout.trim()}`);
  if (options.podSelector.trim()) parts.push(`--pod-selector='${options.podSelector.trim()}'`);
  if (options.gracePeriod.trim()) parts.push(`--grace-period=${options.gracePeriod.trim()}`);
  if (options.dryRun !== 'none') parts.push(`--dry-run=${options.dryRun}`);
  return parts.join(' ');
}

/**
 * A taint or label change (node-edit.ts) as the engine's `apply` of a partial Node: its whole
 * label map (a removed label as null, which deletes it) and its whole taint list (a Node's taints
 * have no merge key, so the list is replaced), so that the next change, whose manifest the engine
 * compares with this one (the last-applied annotation), names every label and taint again and
 * drops none. A cordoned node's `unschedulable` is named too, so that an earlier manifest's
 * `unschedulable: true` is not taken for a field the new one dropped.
 */
export function nodeEditCommand(
  node: { name: string; labels: Readonly<Record<string, string>>; taints: readonly Taint[]; unschedulable: boolean },
  change: { labels?: Record<string, string | null>; taints?: Taint[] },
  lastApplied?: unknown,
): Command {
  // Over what the user last applied (when it is a Node's): the rest of it is named again, so the
  // engine's three-way merge drops none of it (kubectl taint and label patch only their field).
  const base: { apiVersion: string; kind: string; metadata: Record<string, unknown>; spec?: unknown } = isNodeManifest(lastApplied, node.name) ? structuredClone(lastApplied) : { apiVersion: 'v1', kind: 'Node', metadata: { name: node.name } };
  const taints = change.taints ?? node.taints;
  const spec: Record<string, unknown> = { ...(isObject(base.spec) ? base.spec : {}), taints: taints.length > 0 ? taints.map((t) => ({ ...t })) : null };
  if (node.unschedulable) spec.unschedulable = true;
  else delete spec.unschedulable;
  // A null label is the merge patch's "delete"; ObjectMeta's type has no room for it.
  const labels = { ...(change.labels ?? node.labels) } as Record<string, string>;
  return { action: 'apply', object: { ...base, metadata: { ...base.metadata, name: node.name, labels }, spec } as KubeObject };
}

/** The annotation in which kubectl apply keeps the manifest it applied. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isNodeManifest(v: unknown, name: string): v is { apiVersion: string; kind: 'Node'; metadata: Record<string, unknown>; spec?: unknown } {
  return isObject(v) && v.kind === 'Node' && isObject(v.metadata) && v.metadata.name === name;
}

/**
 * nodeEditCommand over what the user last applied to the node (its last-applied annotation),
 * read from the engine as kubectl GETs the live object. Without one (a Node its kubelet
 * registered), the change is the page's own manifest.
 */
export async function nodeEditCommandFor(
  client: { getObject(kind: string, namespace: string | null, name: string): Promise<KubeObject | null> },
  node: Parameters<typeof nodeEditCommand>[0],
  change: Parameters<typeof nodeEditCommand>[1],
): Promise<Command> {
  let lastApplied: unknown;
  try {
    const text = (await client.getObject('Node', null, node.name))?.metadata.annotations?.[LAST_APPLIED];
    if (typeof text === 'string') lastApplied = JSON.parse(text);
  } catch {
    // Unreadable: the page's own manifest, as without one.
  }
  return nodeEditCommand(node, change, lastApplied);
}
