/**
 * The simulated cluster: the store, the virtual clock, the event recorder and
 * the components (kubelets, controllers, scheduler) wired together, driven by
 * commands and a timeline. Deterministic: the same objects, timeline, seed
 * and commands give the same events and state, byte for byte.
 */
import type { Command, CommandResult, TimedCommand } from '../commands';
import { toTimestamp } from '../clock/time';
import { VirtualClock } from '../clock/virtual-clock';
import { EventRecorder } from '../events/recorder';
import type { KubeObject, Node, Pod, Workload } from '../model/types';
import { MAX_PLAYGROUND_COUNT, type ObjectError, playgroundCountMessage, validateObjects } from '../model/validate';
import { Rng } from '../random/rng';
import { deepClone, deepEqual } from '../store/clone';
import { ObjectStore, StoreError } from '../store/object-store';
import { admitWorkload } from '../store/workload-admission';
import { kubectlRef, pluralOf, resourceOf } from '../store/resources';
import { bindPod, deletePod } from './api';
import { invalidObject, LAST_APPLIED, loadsAsApplied, mergeApplied, missingLastAppliedWarning, selectorChangeCause, stripServerFields, unmappedKind, withLastApplied } from './apply';
import { simulatedLookalike, unservedKind } from '../model/served-kinds';
import { GarbageCollector, type PropagationPolicy } from './garbage-collect';
import { reRegistered, withCreationTaints, withNodeDefaults } from './node-registration';
import { checkCommand } from './command-check';
import { impliedNamespace, impliedNamespaces, namespaceRefusal } from './namespaces';
import { rollout } from './rollout';
import { labelCommand, patchCommand } from './patch';
import { COMPONENTS, DRAIN, type ComponentOptions } from './components';
import { refreshLeaseObjects } from '../kubelet/lease-table';
import { resolveControlPlaneConfig } from './config';
import { buildSnapshot, type SimSnapshot } from './views';
import type { ExplainResult, SchedulerComponent } from '../scheduler/scheduler-component';
import type { Component, ControlPlaneConfig, KubeEvent, PowerAware, SimContext, VirtualTime } from './contracts';
import { isObj } from '../model/is-object';

export interface SimulationOptions {
  seed: number;
  /** Overrides of the control-plane defaults: ms numbers, or scenario strings (`50s`). */
  controlPlane?: Partial<ControlPlaneConfig> | Record<string, unknown>;
  /** A KubeSchedulerConfiguration (parsed YAML) for the scheduler component. */
  schedulerConfiguration?: unknown;
  /** Replaces the registered components (tests). */
  components?: readonly Component[];
}

export interface CommandRecord {
  time: VirtualTime;
  source: 'dispatch' | 'timeline';
  command: Command;
  result: CommandResult;
}

export type { NodeView, PodView, SimSnapshot } from './views';

/** An object that could not be loaded; `index` is its position in the list given to load(). */
export class LoadError extends Error {
  constructor(
    readonly index: number,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}

/** Kinds created first when loading, so that later objects find them (priority classes, owners). */
const LOAD_ORDER = ['Namespace', 'ResourceQuota', 'LimitRange', 'PriorityClass', 'Node', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'PodDisruptionBudget', 'HorizontalPodAutoscaler'];
/** Podscape and scheduler configuration objects: read by the scenario layer, never stored. */
const NOT_STORED = new Set(['Scenario', 'KubeSchedulerConfiguration']);
const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];

const isExplainer = (c: Component): c is Component & Pick<SchedulerComponent, 'explain'> => typeof (c as { explain?: unknown }).explain === 'function';
const isPowerAware = (c: unknown): c is PowerAware => isObj(c) && typeof (c as { onPower?: unknown }).onPower === 'function';

export class Simulation {
  readonly clock: VirtualClock;
  readonly store: ObjectStore;
  readonly recorder: EventRecorder;
  readonly config: ControlPlaneConfig;
  readonly ctx: SimContext;
  readonly components: readonly Component[];
  private readonly poweredOff = new Set<string>();
  /** The last Node object seen for each machine (to re-register it when it boots). */
  private readonly machines = new Map<string, Node>();
  private readonly gc: GarbageCollector;
  private readonly log: CommandRecord[] = [];
  private loaded = false;
  /** Timeline entries with `afterDueWork`, in time order, and the next one to run. */
  private readonly lateTimeline: { at: VirtualTime; command: Command }[] = [];
  private lateNext = 0;

  constructor(options: SimulationOptions) {
    const seed = options.seed >>> 0;
    this.config = resolveControlPlaneConfig(options.controlPlane);
    this.clock = new VirtualClock();
    this.recorder = new EventRecorder(this.clock);
    // client-go's event correlator (similar events combined, spam filter), as in a cluster.
    this.recorder.correlate();
    // The store draws uids and name suffixes from its own stream, so that adding a random
    // tie-break somewhere in a component does not rename every pod.
    this.store = new ObjectStore({ clock: this.clock, rng: new Rng((seed ^ 0x5bd1e995) >>> 0), config: this.config });
    this.recorder.attach(this.store);
    const clock = this.clock;
    const poweredOff = this.poweredOff;
    this.ctx = {
      clock,
      store: this.store,
      recorder: this.recorder,
      rng: new Rng(seed),
      config: this.config,
      timestamp: (t?: VirtualTime) => toTimestamp(t ?? clock.now),
      nodeUp: (node: string) => !poweredOff.has(node),
    };
    this.gc = new GarbageCollector(this.ctx);
    this.store.watch((e) => {
      if (e.kind === 'Node' && e.type !== 'DELETED' && e.object.metadata.name) this.machines.set(e.object.metadata.name, e.object as Node);
    }, ['Node']);
    const componentOptions: ComponentOptions = { schedulerConfiguration: options.schedulerConfiguration };
    this.components = options.components ?? COMPONENTS.map((c) => c.create(componentOptions));
    for (const c of this.components) c.start(this.ctx);
  }

  /** Virtual time now (ms). */
  get time(): VirtualTime {
    return this.clock.now;
  }

  /**
   * Creates the scenario's objects (owners and priority classes before pods)
   * and schedules its timeline. Components see the objects once all exist,
   * as controllers see a synced cache on start-up. Call once.
   * Throws LoadError naming the object (by its index in `objects`) or the
   * timeline entry at fault.
   */
  load(objects: readonly KubeObject[], timeline: readonly TimedCommand[] = []): void {
    if (this.loaded) throw new Error('load: this simulation already holds a scenario; create a new one');
    const checked = timeline.map((t, i) => {
      const r = checkCommand(t, `timeline[${i}]`, { extraFields: ['at', 'afterDueWork'] });
      if (r.errors.length > 0) throw new LoadError(-1, r.errors[0].field, `${r.errors[0].field}: ${r.errors[0].message}`);
      if (typeof t.at !== 'number' || !Number.isFinite(t.at) || t.at < 0) throw new LoadError(-1, `timeline[${i}].at`, `timeline[${i}].at: Invalid value: must be a time ≥ 0 (ms)`);
      if (t.afterDueWork !== undefined && typeof t.afterDueWork !== 'boolean') {
        throw new LoadError(-1, `timeline[${i}].afterDueWork`, `timeline[${i}].afterDueWork: Invalid value: must be true or false`);
      }
      return { at: t.at, command: r.command!, late: t.afterDueWork === true };
    });
    const invalid = validateObjects(objects, this.config);
    if (invalid.length > 0) {
      const e = invalid[0];
      throw new LoadError(e.index, e.field, `${describe(objects[e.index])}: ${e.field ? `${e.field}: ` : ''}${e.message}`);
    }
    const rank = (o: KubeObject) => {
      if (o.kind === 'Pod') return LOAD_ORDER.length + 1;
      const i = LOAD_ORDER.indexOf(o.kind ?? '');
      return i < 0 ? LOAD_ORDER.length : i;
    };
    const order = objects.map((o, i) => i).sort((a, b) => rank(objects[a]) - rank(objects[b]) || a - b);
    // The scenario's objects were admitted by the cluster they come from: no quota or limit range refuses or changes them.
    this.store.resourceAdmission = false;
    const stored = () => this.store.transaction(() => {
      // A namespace the objects use with no Namespace object existed in that cluster (namespaces.ts).
      for (const ns of impliedNamespaces(objects)) this.store.create(impliedNamespace(ns));
      for (const i of order) {
        const o = objects[i];
        if (!isObj(o) || NOT_STORED.has(o.kind ?? '')) continue;
        try {
          // A plain manifest counts as applied: it gets kubectl's last-applied annotation (sim/apply.ts).
          this.store.create(o.kind === 'Node' ? withNodeDefaults(o as Node) : loadsAsApplied(o) ? withLastApplied(o) : o);
        } catch (e) {
          if (e instanceof StoreError) throw new LoadError(i, 'metadata.name', `${describe(o)}: ${e.message}`);
          throw e;
        }
      }
    });
    try {
      stored();
    } finally {
      this.store.resourceAdmission = true;
    }
    this.loaded = true;
    for (const c of this.components) c.loaded?.();
    checked.forEach(({ at, command, late }, i) => {
      if (late) this.lateTimeline.push({ at, command });
      else this.clock.at(at, `timeline[${i}] ${command.action}`, () => this.run(command, 'timeline'));
    });
    // In time order; entries at one instant keep the file's order.
    this.lateTimeline.sort((a, b) => a.at - b.at);
  }

  /**
   * Applies a command now. Bad commands (unknown node or pod, wrong field
   * types) return `{ ok: false, error }` and change nothing. Work the command
   * causes at this instant (watch reactions, zero-delay timers) runs before
   * dispatch returns.
   */
  dispatch(command: Command): CommandResult {
    const checked = checkCommand(command, '', { extraFields: ['at'] });
    if (checked.errors.length > 0) {
      const e = checked.errors[0];
      return { ok: false, error: e.field ? `${e.field}: ${e.message}` : e.message };
    }
    const result = this.run(checked.command!, 'dispatch');
    if (!this.clock.advancing) this.clock.advanceTo(this.clock.now);
    return result;
  }

  /**
   * Runs every timer up to virtual time `t` (ms) and stops there. A timeline entry with
   * `afterDueWork` runs once the work due at its instant is done, then the work it causes
   * at that instant, exactly as `advanceTo(at)` followed by `dispatch` would.
   */
  advanceTo(t: VirtualTime): void {
    while (this.lateNext < this.lateTimeline.length && this.lateTimeline[this.lateNext].at <= t) {
      const { at, command } = this.lateTimeline[this.lateNext++];
      this.clock.advanceTo(Math.max(at, this.clock.now));
      this.run(command, 'timeline');
      if (!this.clock.advancing) this.clock.advanceTo(this.clock.now);
    }
    this.clock.advanceTo(t);
  }

  /** Advances by `ms` of virtual time. */
  advanceBy(ms: number): void {
    this.advanceTo(this.clock.now + ms);
  }

  /** Every event so far, in first-occurrence order. */
  events(): KubeEvent[] {
    return this.recorder.all().map((e) => ({ ...e }));
  }

  /** Every object (status included), sorted by kind, namespace, name; copies. */
  objects(): KubeObject[] {
    // Lease renewals live in the kubelets' table; copy them into the stored Leases first.
    refreshLeaseObjects(this.ctx);
    return this.store.all().map((o) => deepClone(o));
  }

  /** The commands applied so far (dispatched and from the timeline) with their results. */
  commands(): readonly CommandRecord[] {
    return this.log;
  }

  /** Whether a machine has power. */
  nodeUp(node: string): boolean {
    return !this.poweredOff.has(node);
  }

  snapshot(): SimSnapshot {
    return buildSnapshot(this.store, this.clock.now, (n) => !this.poweredOff.has(n));
  }

  /** The scheduler's filter and score table for a pod, live (scheduler/explain.ts); changes nothing. */
  explain(podKey: string, options?: { nodes?: readonly string[]; seed?: number }): ExplainResult {
    const scheduler = this.components.find(isExplainer);
    if (!scheduler) throw new Error('explain: this simulation runs no scheduler');
    return scheduler.explain(podKey, options);
  }

  // ---- commands ---------------------------------------------------------------------

  private run(command: Command, source: CommandRecord['source']): CommandResult {
    let result: CommandResult;
    try {
      result = this.apply(command);
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      result = { ok: false, error: e.message };
    }
    this.log.push({ time: this.clock.now, source, command, result });
    return result;
  }

  private apply(c: Command): CommandResult {
    switch (c.action) {
      case 'cordon':
      case 'uncordon':
        return this.cordon(c.node, c.action === 'cordon');
      case 'killNode':
        return this.power(c.node, false);
      case 'restoreNode':
        return this.power(c.node, true);
      case 'deleteNode': {
        if (!this.node(c.node)) return notFound('Node', c.node);
        this.store.remove('Node', undefined, c.node);
        return ok(`node "${c.node}" deleted`);
      }
      case 'addNode':
        return this.addNode(c.object);
      case 'drain': {
        if (!this.node(c.node)) return notFound('Node', c.node);
        if (!DRAIN) return { ok: false, error: 'drain is not available yet' };
        return DRAIN(this.ctx, c);
      }
      case 'deletePod': {
        const pod = this.store.get<Pod>('Pod', c.namespace, c.name);
        if (!pod) return notFound('Pod', c.name);
        deletePod(this.ctx, { metadata: { namespace: c.namespace, name: c.name } }, c.force ? { gracePeriodSeconds: 0 } : {});
        if (c.force) {
          return ok(
            'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
            `pod "${c.name}" force deleted`,
          );
        }
        return ok(`pod "${c.name}" deleted`);
      }
      case 'bindPod': {
        const pod = this.store.get<Pod>('Pod', c.namespace, c.name);
        if (!pod) return notFound('Pod', c.name);
        if (!this.node(c.node)) return notFound('Node', c.node);
        if (pod.spec.nodeName) return { ok: false, error: `pod ${c.namespace}/${c.name} is already assigned to node "${pod.spec.nodeName}"` };
        if (pod.metadata.deletionTimestamp) return { ok: false, error: `pod ${c.namespace}/${c.name} is being deleted, cannot be assigned to a host` };
        bindPod(this.ctx, pod, c.node);
        return ok(`pod/${c.name} bound to node/${c.node}`);
      }
      case 'scale': {
        if (!SCALABLE.includes(c.kind)) return { ok: false, error: `scale: kind "${c.kind}" cannot be scaled (use Deployment, ReplicaSet, StatefulSet or ReplicationController)` };
        const obj = this.store.get<Workload>(c.kind, c.namespace, c.name);
        if (!obj) return notFound(c.kind, c.name);
        if (!isObj(obj.spec)) return { ok: false, error: `${kubectlRef(c.kind, c.name)} has no spec` };
        // The cap an apply of spec.replicas meets (validate.ts): a scale past it would make pods for ever.
        if (c.replicas > MAX_PLAYGROUND_COUNT) return { ok: false, error: invalidObject(obj, [{ field: 'spec.replicas', message: playgroundCountMessage(c.replicas) }]) };
        const next = deepClone(obj);
        next.spec.replicas = c.replicas;
        this.store.update(next);
        return ok(`${kubectlRef(c.kind, c.name)} scaled`);
      }
      case 'apply':
        return this.applyObject(c.object);
      case 'rollout': {
        const obj = this.store.get<Workload>(c.kind, c.namespace, c.name);
        if (!obj) return notFound(c.kind, c.name);
        if (!isObj(obj.spec)) return { ok: false, error: `${kubectlRef(c.kind, c.name)} has no spec` };
        return rollout(this.ctx, c, obj);
      }
      case 'delete':
        return this.deleteObject(c.kind, c.namespace, c.name, c.propagationPolicy);
      case 'patch':
        return patchCommand(this.ctx, c);
      case 'label':
      case 'annotate':
        return labelCommand(this.ctx, c);
    }
  }

  private node(name: string): Node | undefined {
    return this.store.get<Node>('Node', undefined, name);
  }

  private cordon(name: string, on: boolean): CommandResult {
    const node = this.node(name);
    if (!node) return notFound('Node', name);
    const is = node.spec?.unschedulable === true;
    if (is === on) return ok(`node/${name} already ${on ? 'cordoned' : 'uncordoned'}`);
    const next = deepClone(node);
    next.spec = { ...(next.spec ?? {}) };
    if (on) next.spec.unschedulable = true;
    else delete next.spec.unschedulable;
    this.store.update(next);
    return ok(`node/${name} ${on ? 'cordoned' : 'uncordoned'}`);
  }

  private power(name: string, up: boolean): CommandResult {
    const node = this.node(name);
    const off = this.poweredOff.has(name);
    if (!up) {
      if (!node) return notFound('Node', name);
      if (off) return ok(`node/${name} is already powered off`);
      this.poweredOff.add(name);
      this.notifyPower(name, false);
      return ok(`node/${name} powered off`);
    }
    const machine = this.machines.get(name);
    if (!node && !machine) return notFound('Node', name);
    if (!off && node) return ok(`node/${name} is already running`);
    this.poweredOff.delete(name);
    // A machine whose Node object was deleted registers again when its kubelet starts.
    if (!node && machine) this.store.create(withCreationTaints(reRegistered(machine)));
    if (off) this.notifyPower(name, true);
    return ok(`node/${name} powered on`);
  }

  private notifyPower(node: string, up: boolean): void {
    for (const c of this.components) if (isPowerAware(c)) c.onPower(node, up);
  }

  private addNode(object: Node): CommandResult {
    const obj = { ...deepClone(object), kind: 'Node', apiVersion: object.apiVersion ?? 'v1' } as Node;
    const name = obj.metadata.name!;
    const invalid = validateObjects([obj], this.config);
    if (invalid.length > 0) return { ok: false, error: refusal(obj, invalid, this.node(name) !== undefined) };
    if (this.node(name)) return { ok: false, error: `Error from server (AlreadyExists): ${resourceOf('Node')} "${name}" already exists` };
    // A machine that registered before (its Node was deleted) is labelled by its kubelet only when
    // that kubelet registers again (a restart), not by this create.
    this.store.create(withCreationTaints(withNodeDefaults(obj, !this.machines.has(name))));
    if (this.poweredOff.delete(name)) this.notifyPower(name, true);
    return ok(`node/${name} created`);
  }

  private deleteObject(kind: string, namespace: string, name: string, policy?: PropagationPolicy): CommandResult {
    if (kind === 'Node') return this.apply({ action: 'deleteNode', node: name });
    if (kind === 'Pod') return this.apply({ action: 'deletePod', namespace, name });
    const obj = this.store.get(kind, namespace, name);
    if (!obj) return notFound(kind, name);
    this.gc.delete(obj, policy);
    return ok(`${kubectlRef(kind, name).replace(/\/.*$/, '')} "${name}" deleted`);
  }

  private applyObject(object: KubeObject): CommandResult {
    const kind = object.kind!;
    if (NOT_STORED.has(kind)) return { ok: false, error: `apply: a ${kind} cannot be applied to the cluster; load it with the scenario` };
    const obj = deepClone(object);
    const unserved = unservedKind(obj.apiVersion, kind);
    if (unserved !== undefined) return { ok: false, error: unmappedKind(obj, unserved) };
    const lookalike = simulatedLookalike(obj.apiVersion, kind);
    if (lookalike !== undefined) return { ok: false, error: `apply: ${lookalike}, so it cannot hold this one` };
    const name = obj.metadata.name!;
    const existing = this.store.get(kind, obj.metadata.namespace, name);
    // kubectl apply patches an existing object with what the manifest names: a manifest without
    // a spec (labels or annotations only) keeps the live spec, and the API server validates that.
    const checked = existing && !('spec' in obj) && 'spec' in existing ? { ...obj, spec: existing.spec } : obj;
    let invalid = validateObjects([checked], this.config);
    // The API server validates the patched object: a manifest that names only part of an existing
    // object (`spec.replicas` alone) passes when the three-way merge fills in the rest, and a
    // refusal names what is wrong in the merged object.
    let patched: KubeObject = { ...existing, ...obj } as KubeObject;
    if (invalid.length > 0 && existing && !invalid[0].badRequest) {
      const merged = mergeApplied(existing, obj, this.config);
      if (typeof merged !== 'string') {
        invalid = validateObjects([merged], this.config);
        patched = merged;
      }
    }
    if (invalid.length > 0) {
      // An update's spec errors come first, then the strategy's immutable-selector check.
      const selector = existing && !invalid[0].badRequest ? selectorChangeCause(existing, patched) : undefined;
      return { ok: false, error: refusal(obj, selector ? [...invalid, { index: 0, ...selector }] : invalid, existing !== undefined) };
    }
    if (!existing) {
      // kubectl apply creates the object with its manifest in the last-applied annotation.
      if (kind === 'Node') return this.addNode(withLastApplied(obj) as Node);
      // Admission refusals as kubectl prints a failed create: the status reason, then the source.
      const nsRefusal = namespaceRefusal(this.store, obj);
      if (nsRefusal !== undefined) return { ok: false, error: `Error from server (NotFound): error when creating "STDIN": ${nsRefusal}` };
      try {
        this.store.create(withLastApplied(obj));
      } catch (e) {
        if (!(e instanceof StoreError)) throw e;
        return { ok: false, error: `Error from server (${e.code}): error when creating "STDIN": ${e.message}` };
      }
      return ok(`${kubectlRef(kind, name)} created`);
    }
    const merged = mergeApplied(existing, obj, this.config);
    if (typeof merged === 'string') return { ok: false, error: merged };
    // Compared as the API server would store it: with the spec defaults the stored object already has.
    admitWorkload(merged, (existing as { spec?: unknown }).spec, this.config);
    if (deepEqual(stripServerFields(merged), stripServerFields(existing))) return ok(`${kubectlRef(kind, name)} unchanged`);
    this.store.update(merged);
    // An object kubectl apply did not create (a Node its kubelet registered, a controller's pod, one
    // imported without the annotation) gets kubectl's warning; the patch adds the annotation.
    if ((existing.metadata.annotations as Record<string, string> | undefined)?.[LAST_APPLIED] === undefined) return ok(missingLastAppliedWarning(pluralOf(kind), name), `${kubectlRef(kind, name)} configured`);
    return ok(`${kubectlRef(kind, name)} configured`);
  }
}

/** Creates a Simulation (components started, empty cluster at virtual time 0). */
export function createSimulation(options: SimulationOptions): Simulation {
  return new Simulation(options);
}

// ---- helpers ----------------------------------------------------------------------------

function ok(...messages: string[]): CommandResult {
  return { ok: true, messages };
}

/**
 * kubectl's line for a refused object. A body that does not decode is the create handler's 400,
 * printed with its source (`error when creating "STDIN": `). An existing object gets a patch,
 * which upstream fails in the patch's conversion (docs/fidelity.md round 14): the decode text.
 */
function refusal(obj: KubeObject, invalid: readonly ObjectError[], exists: boolean): string {
  const first = invalid[0];
  if (first.badRequest) return `Error from server (BadRequest): ${exists ? '' : 'error when creating "STDIN": '}${first.message}`;
  return invalidObject(obj, invalid);
}

function notFound(kind: string, name: string): CommandResult {
  // As kubectl prints the API server's 404 (drain words its own the same way).
  return { ok: false, error: `Error from server (NotFound): ${resourceOf(kind)} "${name}" not found` };
}

function describe(o: KubeObject | undefined): string {
  if (!o) return 'object';
  const ns = o.metadata?.namespace ? `${o.metadata.namespace}/` : '';
  return `${o.kind ?? 'object'} ${ns}${o.metadata?.name ?? ''}`.trim();
}
