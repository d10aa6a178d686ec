/**
 * `kubectl drain NODE [--ignore-daemonsets] [--delete-emptydir-data] [--force]`
 * (kubernetes/kubectl pkg/cmd/drain/drain.go, pkg/drain/drain.go, filters.go,
 * cordon.go) run on the virtual clock:
 * 1. cordon the node (`node/N cordoned`, or `already cordoned`), whatever happens next;
 * 2. list the node's pods and filter them (drain-filters.ts); any error → print the
 *    errors, evict nothing, exit with an error (the node stays cordoned);
 *    warnings print once as `Warning: …`;
 * 3. evict every remaining pod at once through the Eviction API, printing
 *    `evicting pod <ns>/<pod>` for each attempt; a 429 prints
 *    `error when evicting pods/"<pod>" -n "<ns>" (will retry after 5s): <message>` and
 *    retries every drainEvictRetry, forever (kubectl's default --timeout=0);
 * 4. poll each evicted pod every drainPollInterval (the first check right away) until
 *    it is gone or replaced, printing `pod/<pod> evicted`;
 * 5. when every pod is done: `node/N drained`.
 *
 * `startDrain` returns, as CommandResult messages, what kubectl prints before the
 * clock moves; everything it prints later goes to the drain log (`drainLog(ctx)`:
 * every line of every drain, with its virtual time, node and stream). A drain ends
 * by itself, or when another drain of the same node starts (like pressing Ctrl-C
 * and running it again), or through `stopDrain`.
 *
 * Flags besides the filters' (round 20):
 * - `timeout` (--timeout; 0, the default, waits forever): a global deadline from the start of
 *   the evictions. An eviction retry at or past it still prints `evicting pod …`, then gives up
 *   with `error when evicting pods/"<pod>" -n "<ns>": global timeout reached: <timeout>`; a
 *   wait for an evicted pod gives up at its first poll at or past it with `error when waiting
 *   for pod "<pod>" in namespace "<ns>" to terminate: global timeout reached: <timeout>`.
 * - `disableEviction` (--disable-eviction): plain DELETEs (no PodDisruptionBudget, no
 *   DisruptionTarget), nothing printed when they are sent, then one poll of all the pods
 *   (`pod/<pod> deleted` as each goes); with a timeout that poll ends with wait's
 *   `timed out waiting for the condition`.
 * - `podSelector` (--pod-selector): only the node's pods it selects are listed (first and when
 *   listing the pending pods after an error); a selector that does not parse is refused before
 *   anything happens: `error: --pod-selector=<pod_selector> must be a valid label selector`.
 *
 * - `skipWaitForDeleteTimeout` (--skip-wait-for-delete-timeout=N): a pod whose deletionTimestamp
 *   is more than N whole seconds old is not listed, and a wait gives such a pod up with
 *   `pod "<pod>" has DeletionTimestamp older than N seconds, skipping`.
 *
 * - `gracePeriod` (--grace-period): 0 or more is each eviction's or delete's grace period; the
 *   default, -1, leaves the pod's own.
 *
 * - `dryRun` (--dry-run=client|server): cmd/drain's printers add ` (dry run)` or
 *   ` (server dry run)` to `node/N cordoned` and `node/N drained`; nothing is cordoned, and a
 *   running drain of the node goes on (another terminal). The pods are listed and filtered as
 *   usual (a filter error fails the same way); client prints `evicting pod <ns>/<pod> (dry run)`
 *   for each and sends nothing; server sends each eviction as a dry run (drain-dry-run.ts), so
 *   a PodDisruptionBudget refuses it as it would refuse the real one. It all happens at once, so
 *   the command's result holds everything it printed and the drain log none of it.
 *
 * Simplifications: a server dry run shows kubectl's first attempt only (upstream retries a
 * refused dry-run eviction every 5 s until --timeout); errors and
 * warnings are grouped in the order pods are listed (upstream iterates a map).
 */
import { formatDuration } from '../../clock/time';
import type { Command, CommandResult } from '../../commands';
import type { Node, Pod } from '../../model/types';
import type { SimContext, TimerHandle } from '../../sim/contracts';
import { EVERYTHING, type Selector } from '../../model/labels';
import { parseLabelSelectorText } from '../../model/label-selector-text';
import { deletePod } from '../../sim/api';
import { parseDuration } from '../../sim/config';
import { evictPod } from '../eviction/eviction-api';
import { filterPods, shouldSkipPod, type DrainFlags } from './drain-filters';
import { aggregate, failureLines, goDuration } from './drain-output';
import { serverDryRun } from './drain-dry-run';

export type DrainCommand = Extract<Command, { action: 'drain' }>;

/** One line kubectl printed. */
export interface DrainLogEntry {
  time: number;
  node: string;
  stream: 'stdout' | 'stderr';
  text: string;
}

interface DrainState {
  log: DrainLogEntry[];
  running: Map<string, DrainProcess>;
}

const STATES = new WeakMap<SimContext, DrainState>();

function stateOf(ctx: SimContext): DrainState {
  let s = STATES.get(ctx);
  if (!s) {
    s = { log: [], running: new Map() };
    STATES.set(ctx, s);
  }
  return s;
}

/** Every line every drain printed so far, in order. */
export function drainLog(ctx: SimContext): readonly DrainLogEntry[] {
  return stateOf(ctx).log;
}

/** Whether a drain of `node` is still running (waiting for evictions or deletions). */
export function isDraining(ctx: SimContext, node: string): boolean {
  return stateOf(ctx).running.has(node);
}

/** Stops a running drain of `node` (Ctrl-C). Returns whether one was running. */
export function stopDrain(ctx: SimContext, node: string): boolean {
  const p = stateOf(ctx).running.get(node);
  if (!p) return false;
  p.stop();
  return true;
}

/** cmd/drain's Complete refuses a --pod-selector that labels.Parse cannot read. */
export const POD_SELECTOR_INVALID = 'error: --pod-selector=<pod_selector> must be a valid label selector';
/** wait.ErrWaitTimeout: a poll with a timeout (the --disable-eviction wait) that ran out. */
export const WAIT_TIMEOUT = 'timed out waiting for the condition';

/** The drain's settings beyond the filters. */
export interface DrainSettings {
  flags: DrainFlags;
  selector: Selector;
  /** --timeout in ms; 0 for none. */
  timeout: number;
  disableEviction: boolean;
  /** The DeleteOptions of each eviction or delete (--grace-period). */
  deleteOptions: { gracePeriodSeconds?: number };
}

/** The node's pods that the drain lists: those the pod selector selects, through the filters. */
function listPods(ctx: SimContext, node: string, settings: DrainSettings) {
  const onNode = ctx.store.podsOnNode(node) as Pod[];
  const selected = settings.selector === EVERYTHING ? onNode : onNode.filter((p) => settings.selector.matches(p.metadata.labels));
  return filterPods(ctx, selected, settings.flags);
}

export function startDrain(ctx: SimContext, command: DrainCommand): CommandResult {
  const state = stateOf(ctx);
  const name = command.node;
  let selector: Selector = EVERYTHING;
  if (command.podSelector !== undefined && command.podSelector.length > 0) {
    try {
      selector = parseLabelSelectorText(command.podSelector);
    } catch {
      return { ok: false, error: POD_SELECTOR_INVALID };
    }
  }
  const node = ctx.store.get<Node>('Node', undefined, name);
  if (!node) return { ok: false, error: `Error from server (NotFound): nodes "${name}" not found` };
  if (command.dryRun === undefined) state.running.get(name)?.stop();

  const printed: string[] = [];
  const print = (stream: DrainLogEntry['stream'], text: string) => {
    printed.push(text);
    // A dry run ends before the clock moves: its result holds all it printed, and the log of drains keeps none of it.
    if (command.dryRun === undefined) state.log.push({ time: ctx.clock.now, node: name, stream, text });
  };

  // PrintFlagsWithDryRunStrategy: the printers' suffix.
  const suffix = command.dryRun === 'client' ? ' (dry run)' : command.dryRun === 'server' ? ' (server dry run)' : '';
  if (node.spec?.unschedulable === true) print('stdout', `node/${name} already cordoned${suffix}`);
  else if (command.dryRun !== undefined) print('stdout', `node/${name} cordoned${suffix}`);
  else {
    ctx.store.update<Node>({ ...node, spec: { ...(node.spec ?? {}), unschedulable: true } });
    print('stdout', `node/${name} cordoned`);
  }

  const flags = {
    ignoreDaemonSets: command.ignoreDaemonSets === true,
    deleteEmptyDirData: command.deleteEmptyDirData === true,
    force: command.force === true,
    skipWaitForDeleteTimeout: command.skipWaitForDeleteTimeout,
  };
  // makeDeleteOptions: a grace period of 0 or more goes into the request; less leaves the pod's own.
  const deleteOptions = command.gracePeriod !== undefined && command.gracePeriod >= 0 ? { gracePeriodSeconds: command.gracePeriod } : {};
  const settings: DrainSettings = { flags, selector, timeout: command.timeout === undefined ? 0 : parseDuration(command.timeout), disableEviction: command.disableEviction === true, deleteOptions };
  const list = listPods(ctx, name, settings);
  if (list.errors.length > 0) {
    for (const line of failureLines(name, list.errors)) print('stderr', line);
    return { ok: false, error: printed.join('\n') };
  }
  if (list.warnings !== '') print('stderr', `Warning: ${list.warnings}`);
  if (command.dryRun === 'server') {
    const failed = !serverDryRun(ctx, name, list.pods, settings, print);
    return failed ? { ok: false, error: printed.join('\n') } : { ok: true, messages: printed };
  }
  if (command.dryRun === 'client') {
    // deleteOrEvictPodsSimple prints each pod and sends nothing.
    for (const p of list.pods) print('stdout', `evicting pod ${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}${suffix}`);
    print('stdout', `node/${name} drained${suffix}`);
    return { ok: true, messages: printed };
  }
  if (list.pods.length === 0) {
    print('stdout', `node/${name} drained`);
    return { ok: true, messages: printed };
  }
  const proc = new DrainProcess(ctx, name, settings, (stream, text) => print(stream, text));
  state.running.set(name, proc);
  proc.start(list.pods);
  return { ok: true, messages: printed.slice() };
}

interface PodTask {
  namespace: string;
  name: string;
  uid: string;
  timer: TimerHandle | null;
  done: boolean;
}

/** The eviction goroutines of one drain, on the clock. */
class DrainProcess {
  private readonly tasks: PodTask[] = [];
  private readonly errors: string[] = [];
  private remaining = 0;
  private stopped = false;
  /** When --timeout runs out (the evictions' global context, or the delete poll's timeout). */
  private deadline = Infinity;
  /** The --disable-eviction poll of every pod. */
  private poll: TimerHandle | null = null;

  constructor(
    private readonly ctx: SimContext,
    private readonly node: string,
    private readonly settings: DrainSettings,
    private readonly print: (stream: DrainLogEntry['stream'], text: string) => void,
  ) {}

  start(pods: Pod[]): void {
    for (const p of pods) {
      this.tasks.push({ namespace: p.metadata.namespace ?? '', name: p.metadata.name ?? '', uid: p.metadata.uid ?? '', timer: null, done: false });
    }
    this.remaining = this.tasks.length;
    if (this.settings.timeout > 0) this.deadline = this.ctx.clock.now + this.settings.timeout;
    if (this.settings.disableEviction) this.deleteAll();
    else for (const t of this.tasks) this.evict(t);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.tasks) this.ctx.clock.cancel(t.timer);
    this.ctx.clock.cancel(this.poll);
    this.release();
  }

  /** deletePods: a DELETE for each pod (a missing one is fine), then one poll of them all. */
  private deleteAll(): void {
    for (const t of this.tasks) {
      const p = this.ctx.store.get<Pod>('Pod', t.namespace, t.name);
      if (p && p.metadata.uid === t.uid) deletePod(this.ctx, p, this.settings.deleteOptions);
    }
    if (this.checkDeleted()) return;
    const every = this.ctx.config.drainPollInterval;
    this.poll = this.ctx.clock.every(every, every, `drain ${this.node}: wait for deletions`, () => {
      if (this.checkDeleted()) {
        this.ctx.clock.cancel(this.poll);
        this.poll = null;
      }
    });
  }

  /** One pass of the delete poll; true when it is over (every pod gone, or the timeout). */
  private checkDeleted(): boolean {
    let pending = 0;
    for (const t of this.tasks) {
      if (t.done) continue;
      const p = this.ctx.store.get<Pod>('Pod', t.namespace, t.name);
      if (p && p.metadata.uid === t.uid) {
        if (this.skipped(p)) this.finish(t, undefined);
        else pending++;
      } else {
        this.print('stdout', `pod/${t.name} deleted`);
        this.finish(t, undefined);
      }
    }
    if (pending === 0) return true;
    if (this.ctx.clock.now < this.deadline) return false;
    // The poll's one error stands for all the pods still there.
    this.errors.push(WAIT_TIMEOUT);
    for (const t of this.tasks) {
      if (t.done) continue;
      t.done = true;
      this.remaining--;
    }
    this.end();
    return true;
  }

  private evict(t: PodTask): void {
    if (this.stopped) return;
    this.print('stdout', `evicting pod ${t.namespace}/${t.name}`);
    if (this.ctx.clock.now >= this.deadline) {
      this.finish(t, `error when evicting pods/"${t.name}" -n "${t.namespace}": global timeout reached: ${goDuration(this.settings.timeout)}`);
      return;
    }
    const r = evictPod(this.ctx, t.namespace, t.name, this.settings.deleteOptions);
    if (r.ok) {
      this.waitForDelete(t);
    } else if (r.code === 404) {
      this.finish(t, undefined);
    } else if (r.code === 429) {
      const delay = this.ctx.config.drainEvictRetry;
      this.print('stderr', `error when evicting pods/"${t.name}" -n "${t.namespace}" (will retry after ${formatDuration(delay)}): ${r.message}`);
      t.timer = this.ctx.clock.after(delay, `drain ${this.node}: evict ${t.namespace}/${t.name}`, () => {
        t.timer = null;
        this.evict(t);
      });
    } else {
      this.finish(t, `error when evicting pods/"${t.name}" -n "${t.namespace}": ${r.message}`);
    }
  }

  /** waitForDelete with PollImmediate: now, then every poll interval. */
  private waitForDelete(t: PodTask): void {
    if (this.gone(t)) return;
    t.timer = this.ctx.clock.every(this.ctx.config.drainPollInterval, this.ctx.config.drainPollInterval, `drain ${this.node}: wait for ${t.namespace}/${t.name}`, () => {
      if (this.gone(t)) {
        this.ctx.clock.cancel(t.timer);
        t.timer = null;
      } else if (this.ctx.clock.now >= this.deadline) {
        this.ctx.clock.cancel(t.timer);
        t.timer = null;
        this.finish(t, `error when waiting for pod "${t.name}" in namespace "${t.namespace}" to terminate: global timeout reached: ${goDuration(this.settings.timeout)}`);
      }
    });
  }

  /** waitForDelete's skip: the pod counts as done, with kubectl's line instead of `evicted`/`deleted`. */
  private skipped(p: Pod): boolean {
    const seconds = this.settings.flags.skipWaitForDeleteTimeout;
    if (!shouldSkipPod(this.ctx, p, seconds)) return false;
    this.print('stdout', `pod "${p.metadata.name ?? ''}" has DeletionTimestamp older than ${seconds} seconds, skipping`);
    return true;
  }

  private gone(t: PodTask): boolean {
    const p = this.ctx.store.get<Pod>('Pod', t.namespace, t.name);
    if (p && p.metadata.uid === t.uid) {
      if (!this.skipped(p)) return false;
      this.finish(t, undefined);
      return true;
    }
    this.print('stdout', `pod/${t.name} evicted`);
    this.finish(t, undefined);
    return true;
  }

  private finish(t: PodTask, error: string | undefined): void {
    if (t.done) return;
    t.done = true;
    if (error) this.errors.push(error);
    if (--this.remaining > 0) return;
    this.end();
  }

  /** Every pod is done: `drained`, or the errors as RunDrain prints them. */
  private end(): void {
    this.release();
    if (this.errors.length === 0) {
      this.print('stdout', `node/${this.node} drained`);
      return;
    }
    const err = aggregate(this.errors);
    const pending = listPods(this.ctx, this.node, this.settings).pods;
    if (pending.length > 0) {
      this.print('stderr', `There are pending pods in node "${this.node}" when an error occurred: ${err}`);
      for (const p of pending) this.print('stderr', `pod/${p.metadata.name ?? ''}`);
    }
    for (const line of failureLines(this.node, this.errors)) this.print('stderr', line);
  }

  private release(): void {
    const running = stateOf(this.ctx).running;
    if (running.get(this.node) === this) running.delete(this.node);
  }
}
