/**
 * "What just happened": the cluster's story in a few lines, for a class watching a node
 * die and for a screen reader. Two sources:
 *
 * - Kubernetes Events new since the scenario loaded, without the kubelet's routine
 *   (image pulled, container created and started, node conditions at start-up), grouped
 *   per batch by reason and source: "taint-eviction-controller TaintManagerEviction:
 *   4 pods: db-0, debug, …" with a few words on why;
 * - what Kubernetes records no Event for: a node losing or regaining power, and the
 *   taints the node lifecycle controller adds or removes.
 *
 * Plain functions of frames and events (tested); StoryLog.tsx keeps the lines.
 */
import type { NodeFrame, FrameEvent } from '../../../protocol/engine-api';
import { parseInvolvedObject } from './event-log-model';
import { taintText } from '../../components/taint-text';
import { virtualMsOf } from './format-time';

export interface StoryLine {
  /** Unique within a scenario. */
  key: string;
  /** Virtual ms. */
  time: number;
  /** Who acted: the event's source (an upstream component name), or what happened to a node. */
  who: string;
  /** The event's reason, when there is one. */
  reason: string | null;
  /** What happened, in Kubernetes' words where it has some. */
  what: string;
  /** Why, in plain words. */
  why: string;
  tone: 'info' | 'warning' | 'good';
}

/** The kubelet's routine and the start-up conditions: true of every pod and node, not news. */
const ROUTINE = new Set([
  'Pulled',
  'Pulling',
  'Created',
  'Started',
  'Starting',
  'NodeHasSufficientMemory',
  'NodeHasNoDiskPressure',
  'NodeHasSufficientPID',
  'NodeAllocatableEnforced',
  'SandboxChanged',
]);

/** A few words on why, per reason. */
const WHY: Record<string, string> = {
  NodeNotReady: 'no status from the kubelet for the node-monitor grace period: its Ready condition is Unknown, which kubectl get nodes shows as NotReady',
  NodeReady: 'its kubelet reports again',
  RegisteredNode: 'a new Node object',
  RemovingNode: 'the Node object was deleted',
  NodeNotSchedulable: 'cordoned: no new pods are scheduled there',
  NodeSchedulable: 'uncordoned',
  TaintManagerEviction: 'its tolerationSeconds for the NoExecute taint ran out',
  SuccessfulCreate: 'its controller counts fewer pods than it wants and makes a new one',
  SuccessfulDelete: 'its controller has more pods than it wants',
  Scheduled: 'the scheduler’s filters and scores picked that node',
  FailedScheduling: 'no node passes the scheduler’s filters',
  Killing: 'the kubelet stops the container',
  Preempted: 'a pod of higher priority needs the room',
  Evict: 'an eviction (drain) asked for it',
  Completed: 'the Job has all its completions',
  SuccessfulRescale: 'the replica count changed',
  ScalingReplicaSet: 'the Deployment resized a ReplicaSet',
};

const MAX_NAMES = 4;

function names(list: string[]): string {
  const shown = list.slice(0, MAX_NAMES).join(', ');
  return list.length > MAX_NAMES ? `${shown} and ${list.length - MAX_NAMES} more` : shown;
}

/** Messages shown in full when a group's messages differ by more than their objects' names. */
const MAX_MESSAGES = 3;

/** `message` with its object's name (as a whole word: not inside a longer name) replaced by a mark. */
function withoutName(message: string, name: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return message.replace(new RegExp(`(^|[^A-Za-z0-9.-])${escaped}(?![A-Za-z0-9.-])`, 'g'), '$1\u0000');
}

/**
 * A group's line when its messages differ: "and the same for …" when they differ only by their
 * objects' names (each pod marked for deletion); otherwise each object's own message after the
 * first without the words it shares with the first ("Successfully assigned default/a to worker-3;
 * default/b to worker-1"), the first few, then how many more: "the same" would say that b went to
 * worker-3 too.
 */
function differing(group: readonly FrameEvent[], objects: readonly { name: string }[]): string {
  const first = group[0];
  const messageOf = new Map<string, string>();
  for (const e of group) if (!messageOf.has(e.object)) messageOf.set(e.object, e.message);
  const messages = [...messageOf.values()];
  const shape = withoutName(messages[0], objects[0].name);
  if (messages.every((m, i) => withoutName(m, objects[i].name) === shape)) return `${first.message}, and the same for ${names(objects.slice(1).map((o) => o.name))}`;
  const rest = messages.slice(1, MAX_MESSAGES).map((m) => m.slice(sharedWords(messages[0], m)));
  const more = objects.length - MAX_MESSAGES;
  return [messages[0], ...rest].join('; ') + (more > 0 ? `; and ${more} more (${names(objects.slice(MAX_MESSAGES).map((o) => o.name))})` : '');
}

/** How many leading characters `b` shares with `a`, back to the end of a word (a space). */
function sharedWords(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const space = b.lastIndexOf(' ', i - 1);
  return i === b.length ? 0 : space + 1;
}

/** Story lines for `events` (new ones, any order), oldest group first. */
export function eventLines(events: readonly FrameEvent[]): StoryLine[] {
  const groups = new Map<string, FrameEvent[]>();
  for (const e of [...events].sort((a, b) => a.id - b.id)) {
    if (ROUTINE.has(e.reason)) continue;
    const kind = parseInvolvedObject(e.object).kind;
    const key = `${e.source}\u0000${e.reason}\u0000${e.type}\u0000${kind}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(e);
  }
  const lines: StoryLine[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    // Each object once: one pod can have several events in a batch (it failed to schedule twice).
    const objects = [...new Set(group.map((e) => e.object))].map(parseInvolvedObject);
    const sameMessage = group.every((e) => e.message === first.message);
    const kind = objects[0].kind;
    const what =
      objects.length === 1
        ? first.message
        : sameMessage
          ? `${first.message} (${objects.length} ${kind.toLowerCase()}s: ${names(objects.map((o) => o.name))})`
          : differing(group, objects);
    lines.push({
      key: `event-${first.id}`,
      time: Math.max(...group.map((e) => e.lastTime)),
      who: first.source,
      reason: first.reason,
      what,
      why: WHY[first.reason] ?? '',
      tone: first.type === 'Warning' ? 'warning' : first.reason === 'NodeReady' ? 'good' : 'info',
    });
  }
  return lines;
}

/** Whether two taint lists say the same, in the same order (no allocation: called per node per frame). */
function sameTaints(a: NodeFrame['taints'], b: NodeFrame['taints']): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i].key !== b[i].key || a[i].effect !== b[i].effect || (a[i].value ?? '') !== (b[i].value ?? '')) return false;
  }
  return true;
}

/**
 * Story lines for what changed between two frames' nodes (each sorted by name) that
 * Kubernetes records no Event for. One pass, by index while both lists hold the same
 * names (the usual frame), by name otherwise.
 */
export function nodeLines(before: readonly NodeFrame[], after: readonly NodeFrame[], time: number): StoryLine[] {
  const off: string[] = [];
  const on: string[] = [];
  const tainted = new Map<string, string[]>();
  const untainted = new Map<string, string[]>();
  // When each added taint was added (its timeAdded; the lifecycle controller stamps its own), by taint
  // and node: a frame can show a taint long after (a Step of 300 s at 300x, a share link's jump).
  const addedAt = new Map<string, number>();
  let byName: Map<string, NodeFrame> | null = null;
  for (let i = 0; i < after.length; i++) {
    const node = after[i];
    let was: NodeFrame | undefined = before[i];
    if (was?.name !== node.name) was = (byName ??= new Map(before.map((n) => [n.name, n] as const))).get(node.name);
    if (!was || was === node) continue;
    const name = node.name;
    if (was.powered && !node.powered) off.push(name);
    if (!was.powered && node.powered) on.push(name);
    if (!sameTaints(was.taints, node.taints)) {
      const old = new Set(was.taints.map(taintText));
      const now = new Set(node.taints.map(taintText));
      for (const taint of node.taints) {
        const t = taintText(taint);
        if (old.has(t) || tainted.get(t)?.at(-1) === name) continue;
        tainted.set(t, [...(tainted.get(t) ?? []), name]);
        const at = virtualMsOf(taint.timeAdded);
        if (at !== null && at < time) addedAt.set(`${t}\u0000${name}`, at);
      }
      for (const t of old) if (!now.has(t)) untainted.set(t, [...(untainted.get(t) ?? []), name]);
    }
  }
  const lines: StoryLine[] = [];
  if (off.length > 0) {
    lines.push({
      key: `off-${time}-${off[0]}`,
      time,
      who: 'power',
      reason: null,
      what: `${names(off)} lost power`,
      why: 'its kubelet stops renewing its Lease; the API server still shows it Ready until the node-monitor grace period runs out',
      tone: 'warning',
    });
  }
  if (on.length > 0) {
    lines.push({ key: `on-${time}-${on[0]}`, time, who: 'power', reason: null, what: `${names(on)} powered on again`, why: 'its kubelet starts posting status and renewing its Lease', tone: 'good' });
  }
  lines.push(...taintLines(tainted, 'tainted', time, addedAt), ...taintLines(untainted, 'untainted', time, null));
  return lines;
}

/**
 * `addedAt`: when a taint was added to a node (by `taint\0node`), where known; a line is as late
 * as the latest of its taints on its nodes, the frame's time for one without.
 */
function taintLines(byTaint: Map<string, string[]>, verb: 'tainted' | 'untainted', frameTime: number, addedAt: ReadonlyMap<string, number> | null): StoryLine[] {
  // One line per set of nodes: "tainted worker-2: a:NoSchedule, a:NoExecute".
  const byNodes = new Map<string, string[]>();
  for (const [taint, nodes] of byTaint) {
    const key = nodes.join(', ');
    byNodes.set(key, [...(byNodes.get(key) ?? []), taint]);
  }
  return [...byNodes].map(([nodes, taints]) => {
    const ours = taints.every((t) => t.startsWith('node.kubernetes.io/'));
    const noExecute = taints.some((t) => t.endsWith(':NoExecute'));
    const list = nodes.split(', ');
    let time = addedAt === null ? frameTime : -Infinity;
    for (const taint of taints) for (const node of list) time = Math.max(time, addedAt?.get(`${taint}\u0000${node}`) ?? frameTime);
    return {
      key: `${verb}-${time}-${nodes}-${taints.join(',')}`,
      time,
      who: ours ? 'node-controller' : 'taints',
      reason: null,
      what: `${verb} ${names(list)}: ${taints.join(', ')}`,
      why:
        verb === 'untainted'
          ? 'the condition behind the taint is gone'
          : noExecute
            ? 'pods that do not tolerate it are evicted after their tolerationSeconds; DaemonSet pods tolerate it for ever'
            : 'the scheduler places no new pods there',
      tone: verb === 'untainted' ? 'good' : 'warning',
    } satisfies StoryLine;
  });
}
