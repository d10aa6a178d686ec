/**
 * One node's kubelet (kubernetes/kubernetes pkg/kubelet: kubelet.go,
 * kubelet_node_status.go, kubelet_pods.go, status/status_manager.go,
 * kuberuntime's container start and kill), driven by the kubelet manager.
 *
 * While its machine is powered it posts node status (on boot and on change),
 * renews its Lease every leaseRenewInterval (see lease-table.ts: renewals are
 * arithmetic, the object is written at boot and power loss), admits pods bound
 * to the node, starts them after
 * podStartDelay, completes pods with a run-duration, and stops deleted pods
 * gracefully (`Killing`; the containers end as the on-sigterm annotation says:
 * 143 after containerStopDelay by default, or 137 at the grace period) before
 * removing the object (Failed, or Succeeded when they exited 0). Powered off, it does nothing at all: its pods
 * stay as they are in the API. Powered on again it boots (Starting,
 * NodeAllocatableEnforced, NodeHas*, Rebooted, NodeReady), finishes and removes
 * pods deleted meanwhile, shows the others' containers exited (255, `Unknown`) and
 * restarts them in place (restartCount + 1), or fails them (restartPolicy Never).
 *
 * Containers that exit (the run-duration, exit-code and exit-code-runs annotations,
 * exit-annotations.ts) follow the pod's restartPolicy (kubelet_pods.go getPhase,
 * kuberuntime_manager.go computePodActions): Never, or OnFailure with exit 0, ends
 * the pod (Failed / Succeeded); otherwise the containers restart in place under
 * the container back-off of doBackOff (client-go flowcontrol.Backoff: 10 s doubling
 * to MaxContainerBackOff 300 s, the entry forgotten once an exit comes more than
 * 2 × 300 s after its last update; the first restart of a pod is immediate). While
 * backing off the pod is Running, not ready, its containers `waiting`
 * `CrashLoopBackOff`; each pod sync in that time (every 10 s, the pod worker's
 * backOffPeriod) records a `BackOff` Warning.
 *
 * Simplifications: status is computed only when something can have changed
 * (cordon, a condition overwritten by someone else) instead of every 10 s — the
 * outcome and its timing (the next 10 s status tick) are the same; an unchanged
 * status is not re-posted every nodeStatusReportFrequency (5 min), so
 * lastHeartbeatTime is the time of the last change (the control plane judges
 * liveness from the Lease anyway); probes in prober.ts, no sandboxes beyond the
 * SandboxChanged event after a reboot; a pod's containers exit and restart
 * together; no jitter on the pod worker's 10 s re-sync (upstream: up to +50 %) or
 * on the back-off; an exit is seen at once (upstream: the next PLEG relist, ≤ 1 s);
 * the back-off starts at the exit (upstream: the first sync after it).
 */
import type { Node, Pod, ResourceList } from '../model/types';
import { Resource, sharedResourceFromList } from '../model/resource';
import { deletePod } from '../sim/api';
import type { SimContext, TimerHandle } from '../sim/contracts';
import { admit, admissionRequests, hostPortsOf, type HostPortUse } from './admission';
import { forgetLease, leaseTable, nextRenewal, startRenewing, stopRenewing } from './lease-table';
import { LEASE_NAMESPACE, adoptedNodeStatus, capacityDefaults, conditionsDrifted, kubeletConditions, newBootId, newLease, withDefaultLabels } from './node-status';
import { fromTimestamp } from '../clock/time';
import { nextExitCode, runDuration } from './exit-annotations';
import { containerNames, exitedStatus, isTerminalPhase, runningStatus, stoppedStatus, terminatedStatus } from './pod-status';
import { deadlineStatus, recordDeadline, rejectPod, startTermination, terminationEnd } from './rejection';
import type { PodProber } from './prober';
import { hasProbes } from './probe-spec';
import { containersExited, forgetProbers, newProber, startedStatus } from './probe-restart';
import { CONTAINER_BACKOFF_BASE, restartOrBackOff } from './backoff';
import { ImageStore, ensureImages, recordStart } from './image-manager';
import { containersRunning, stopEvictionManager } from './oom';

export const KUBELET = 'kubelet';

/** A container's events' fieldPath (GenerateContainerRef); Pulled/Created/Started in image-manager.ts recordStart. */
const containerField = (name: string) => `spec.containers{${name}}`;

/**
 * How long after a controller's pod reaches the kubelet its admission rejection (phase Failed,
 * the OutOfcpu/NodeAffinity/… reason and Warning event) is written. Upstream's rejection is a
 * status PATCH from the kubelet's status manager, tens of milliseconds after the pod's watch
 * event; a ReplicaSet whose template pins nodeName to a node that rejects it replaces each
 * failed pod at once and loops at about that pace (~1,800 pods a minute reported in
 * kubernetes/kubernetes#130411 and #131116). With no delay that loop never left its virtual
 * instant. Pods without a controller (a user's direct bind, the UI's "Bind anyway") are
 * still rejected in the instant they arrive: nothing replaces them, so no loop can form, and
 * a paused playground shows the refusal at once.
 */
export { KUBELET_REJECTION_DELAY } from './rejection';

export { CONTAINER_BACKOFF_BASE, MAX_CONTAINER_BACKOFF, POD_SYNC_BACKOFF } from './backoff';

/**
 * `exited`: the containers exited and will restart (the exit shown, no back-off written yet);
 * `backoff`: waiting in CrashLoopBackOff.
 */
type PodState = 'starting' | 'running' | 'exited' | 'backoff' | 'terminating' | 'finished';

/** What the kubelet knows of a pod it admitted. */
export interface PodRuntime {
  key: string;
  namespace: string;
  name: string;
  uid: string;
  state: PodState;
  /** Counted in the node's admitted pods and requests (until it finishes or goes). */
  counted: boolean;
  requests: Resource;
  ports: HostPortUse[];
  containers: string[];
  restartCount: number;
  admittedAt: string;
  /** When its containers last exited on their own (ms), while they wait to restart. */
  exitedAt: number;
  /** Its pending start, completion or stop. */
  timer: TimerHandle | null;
  /** Its spec.activeDeadlineSeconds running out (from startTime); undefined until it first starts. */
  deadline?: TimerHandle | null;
  /** Its probe workers (prober.ts), for a pod with probes. */
  prober?: PodProber;
  /** When its containers started, while they run (ms). */
  runningSince?: number;
  /** Its containers exited at least once (a previous instance exists, for doBackOff after a probe kill). */
  everExited?: boolean;
  /** The containers whose image was pulled for the start in progress (image-manager.ts). */
  pulled?: Set<string>;
}

export class Kubelet {
  /** The kubelet process runs (its machine is powered and it booted). */
  running = false;
  /** Its Node object exists and it posts status / renews the Lease. */
  private registered = false;
  /**
   * registerWithAPIServer succeeded in this kubelet process (upstream's registrationCompleted): it
   * never registers again until it restarts, even when its Node object is deleted and created anew.
   */
  private registrationCompleted = false;
  /** The capacity and allocatable this machine reported at its registration (MachineInfo's, each status sync). */
  private machine: { capacity: ResourceList; allocatable: ResourceList } | null = null;
  private everBooted = false;
  private bootId = '';
  bootTime = 0;
  private lastUnschedulable = false;
  /** The eviction manager observes memory pressure (eviction-manager.ts): the node status says MemoryPressure True. */
  memoryPressure = false;
  private statusTimer: TimerHandle | null = null;
  /** After its Node was deleted: the lease controller's next renewal, which creates the Lease again. */
  private leaseTimer: TimerHandle | null = null;
  /**
   * While a newly registered node's runtime is not up yet (config.nodeReadyDelay after
   * registration): the timer that posts Ready. Pods bound meanwhile wait in `deferred`, as the
   * sync loop skips pod work while the runtime reports errors.
   */
  private readyTimer: TimerHandle | null = null;
  private readonly deferred = new Map<string, { namespace: string; name: string }>();
  /** @internal (probe-restart.ts) */
  readonly pods = new Map<string, PodRuntime>();
  /** The container back-off per pod UID (flowcontrol.Backoff's perItemBackoff): lost when the kubelet restarts. */
  readonly backoff = new Map<string, { backoff: number; lastUpdate: number }>();
  /** The node's images, pull queue and image back-off (image-manager.ts). */
  readonly images = new ImageStore();
  /** Pods rejected at admission whose Failed status is not written yet (key → UID), see KUBELET_REJECTION_DELAY. */
  private readonly rejecting = new Map<string, string>();
  private admittedCount = 0;
  private readonly requested = new Resource();
  /** The node's allocatable, parsed, and the list it was parsed from. */
  private allocatable: { from: unknown; value: Resource } | null = null;

  constructor(
    readonly name: string,
    readonly ctx: SimContext,
    /** Runs ended per controller (or bare pod) UID, for exit-code-runs; shared by the nodes' kubelets. */
    private readonly runs: Map<string, number> = new Map(),
  ) {}

  // ---- power and registration ---------------------------------------------------------

  /**
   * Starts the kubelet process (first start or after power returns). `fresh`: its Node was
   * created while the simulation runs (not loaded with the scenario), so it registers before
   * its runtime answers (Ready=False for config.nodeReadyDelay).
   */
  boot(fresh = false): void {
    if (this.running || !this.ctx.nodeUp(this.name)) return;
    const reboot = this.everBooted;
    this.running = true;
    this.registrationCompleted = false;
    this.bootTime = this.ctx.clock.now;
    this.bootId = newBootId(this.ctx);
    this.lastUnschedulable = false;
    this.backoff.clear();
    this.images.restarted();
    const node = this.ctx.store.get<Node>('Node', undefined, this.name);
    // A Node loaded with the scenario names the boot of a machine that is already up: its kubelet
    // starts without a reboot, and /proc/sys/kernel/random/boot_id (nodestatus.MachineInfo's
    // BootID) only changes when the machine boots, so the loaded ID stays. The draw above is kept
    // so that the random stream is the same with or without one.
    const loadedBootId = (node?.status?.nodeInfo as { bootID?: unknown } | undefined)?.bootID;
    if (!reboot && !fresh && typeof loadedBootId === 'string' && loadedBootId !== '') this.bootId = loadedBootId;
    // A new kubelet process: its event correlator starts empty, so its events open new rows.
    if (reboot) this.forgetEvents();
    if (node) this.register(node, reboot, fresh && !reboot && this.ctx.config.nodeReadyDelay > 0);
  }

  /** Tells the recorder that this node's kubelet restarted, for its Node and the pods bound to it. */
  private forgetEvents(): void {
    const recorder = this.ctx.recorder;
    if (recorder.restarted === undefined) return;
    // The Node as nodeEvent names it.
    recorder.restarted({ kind: 'Node', metadata: { name: this.name } }, KUBELET);
    for (const pod of this.ctx.store.podsOnNode(this.name)) recorder.restarted(pod, KUBELET);
  }

  /** The machine lost power: every timer stops, the API objects stay as they are. */
  powerOff(): void {
    if (!this.running) return;
    this.running = false;
    this.stopReporting();
    this.stopStarting();
    // The Lease keeps the last renewal the kubelet made before the power went (also one it made
    // again after its Node was deleted).
    this.ctx.clock.cancel(this.leaseTimer);
    this.leaseTimer = null;
    if (this.registered || leaseTable(this.ctx).renewing(this.name)) this.writeLease(stopRenewing(this.ctx, this.name));
    for (const rt of this.pods.values()) this.cancelTimer(rt);
    forgetProbers(this.pods.values());
    stopEvictionManager(this);
  }

  /**
   * The Node object was (re)created while the kubelet runs: register it, unless this kubelet
   * process registered already (then its Node was deleted and someone else, `kubectl apply`,
   * created the new one: see adoptNode). `fresh`: see boot.
   */
  nodeAdded(node: Node, fresh = false): void {
    if (!this.running) {
      this.boot(fresh);
      return;
    }
    if (this.registered) return;
    else if (this.registrationCompleted) this.adoptNode();
    else this.register(node, false, fresh && this.ctx.config.nodeReadyDelay > 0);
  }

  /**
   * A Node object of this name created by someone else while this kubelet runs, after its own was
   * deleted. registerWithAPIServer returns at once (registrationCompleted), so there is no
   * registration (no Starting, no NodeAllocatableEnforced); the next node status sync
   * (nodeStatusUpdateFrequency from the kubelet's start) GETs the object and patches it
   * (kubelet_node_status.go tryUpdateNodeStatus → setNodeStatus; adoptedNodeStatus).
   * The lease controller, which kept renewing a Lease without an owner, sets the owner at its
   * next renewal (setNodeOwnerFunc); a Lease not created again yet is created with one.
   */
  private adoptNode(): void {
    const { ctx, name } = this;
    this.registered = true;
    this.stopReporting();
    this.scheduleStatusPass(() => {
      // The first status sync on a Node the kubelet did not create (adoptedNodeStatus).
      const node = this.running && this.registered ? ctx.store.get<Node>('Node', undefined, name) : undefined;
      if (!node) return;
      const { status, events } = adoptedNodeStatus(node, this.machine ?? capacityDefaults(node), this.bootId, ctx.timestamp(ctx.clock.now));
      const current = ctx.store.update<Node>({ ...node, status });
      for (const e of events) this.nodeEvent(e.type, e.reason, e.message);
      this.recordSchedulable(current);
    });
    const lease = ctx.store.get('Lease', LEASE_NAMESPACE, name);
    const renewal = nextRenewal(ctx, name);
    if (!lease || (lease.metadata.ownerReferences?.length ?? 0) > 0 || renewal === undefined) return;
    ctx.clock.cancel(this.leaseTimer);
    this.leaseTimer = ctx.clock.at(renewal, `kubelet ${name}: lease controller`, () => {
      this.leaseTimer = null;
      if (this.running && this.registered) this.writeLease(renewal);
    });
  }

  /**
   * The Node object was deleted: no more status (the kubelet does not register again), and its
   * Lease goes with it, as the garbage collector does. A running kubelet's lease controller then
   * fails to update the Lease at its next renewal, falls back to backoffEnsureLease and creates it
   * again, with no ownerReferences (setNodeOwnerFunc finds no Node), and renews it from then on
   * (component-helpers lease/controller.go `sync`).
   */
  nodeDeleted(): void {
    const { ctx, name } = this;
    const table = leaseTable(ctx);
    const last = this.running && table.renewing(name) ? table.renewTime(name, ctx.clock.now) : undefined;
    const interval = table.interval(name);
    this.registered = false;
    this.stopReporting();
    this.stopStarting();
    forgetLease(ctx, name);
    ctx.store.remove('Lease', LEASE_NAMESPACE, name);
    ctx.clock.cancel(this.leaseTimer);
    this.leaseTimer = null;
    if (last === undefined || interval === undefined) return;
    this.leaseTimer = ctx.clock.at(last + interval, `kubelet ${name}: lease controller`, () => {
      this.leaseTimer = null;
      if (!this.running) return;
      startRenewing(ctx, name);
      // A Node created again meanwhile (adoptNode) is the owner; otherwise the Lease has none.
      ctx.store.create(newLease(ctx.store.get<Node>('Node', undefined, name) ?? name, ctx.config.leaseDuration, ctx.timestamp(ctx.clock.now)));
    });
  }

  /**
   * `starting`: the runtime has not answered yet (a node registered mid-run). The first status
   * then carries Ready=False (STARTING_READY); a new Ready condition records no event
   * (nodestatus ReadyCondition records one only on a change), and NodeReady comes with the
   * post that turns it True, config.nodeReadyDelay later.
   */
  private register(node: Node, reboot: boolean, starting = false): void {
    const { ctx, name } = this;
    this.registered = true;
    this.registrationCompleted = true;
    this.everBooted = true;
    ctx.clock.cancel(this.leaseTimer);
    this.leaseTimer = null;
    this.nodeEvent('Normal', 'Starting', 'Starting kubelet.');
    this.nodeEvent('Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    const now = ctx.timestamp(ctx.clock.now);
    const { conditions, changed } = kubeletConditions(node, now, starting);
    const { capacity, allocatable } = capacityDefaults(node);
    this.machine = { capacity, allocatable };
    const oldInfo = (node.status?.nodeInfo as Record<string, unknown> | undefined) ?? {};
    // MachineInfo's setter records Rebooted only against a Node that already carries another
    // boot ID: a Node object created since this machine last ran (deleted, then registered
    // again) has none, and its conditions are the fresh ones of the registration.
    const oldBootId = typeof oldInfo.bootID === 'string' ? oldInfo.bootID : '';
    const sameObject = reboot && oldBootId !== '' && oldBootId !== this.bootId;
    const nodeInfo = { ...oldInfo, bootID: this.bootId };
    ctx.store.update<Node>({ ...node, metadata: withDefaultLabels(node.metadata, name), status: { ...(node.status ?? {}), capacity, allocatable, conditions, nodeInfo } });
    // The registration pass (initialNode → setNodeStatus) starts from a fresh node object, so
    // every pressure condition is "new" and records its event.
    for (const e of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) this.nodeEvent('Normal', e, `Node ${name} status is now: ${e}`);
    if (sameObject) {
      // The Node already exists: the first update runs the setters on the API's Node (old boot ID,
      // the conditions the node controller left). Each records its event only on a change: after a
      // long outage (Unknown) the three NodeHas* again and NodeReady; after one shorter than the
      // grace period (still True/False) neither.
      this.nodeEvent('Warning', 'Rebooted', `Node ${name} has been rebooted, boot id: ${this.bootId}`);
      for (const e of changed) this.nodeEvent('Normal', e, `Node ${name} status is now: ${e}`);
    } else if (reboot) {
      // A machine that ran before registers a new Node object (the old one was deleted): its
      // runtime is up at once (Ready True), and a new Ready condition records no event.
    } else if (starting) this.readyTimer = ctx.clock.after(ctx.config.nodeReadyDelay, `kubelet ${name}: runtime ready`, () => this.runtimeReady());
    else this.nodeEvent('Normal', 'NodeReady', `Node ${name} status is now: NodeReady`);
    this.recordSchedulable(node);
    startRenewing(ctx, name);
    this.writeLease(ctx.clock.now);
    if (reboot) {
      // Pods removed or replaced in the API while the machine was off: their containers died with it.
      for (const rt of [...this.pods.values()]) {
        const pod = ctx.store.get<Pod>('Pod', rt.namespace, rt.name);
        if (!pod || pod.metadata.uid !== rt.uid || pod.spec.nodeName !== name) {
          this.release(rt);
          this.pods.delete(rt.key);
        }
      }
    }
    for (const pod of ctx.store.podsOnNode(name) as Pod[]) {
      if (starting) this.deferred.set(`${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`, { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '' });
      else this.syncAtBoot(pod, reboot);
    }
  }

  private stopReporting(): void {
    this.ctx.clock.cancel(this.statusTimer);
    this.statusTimer = null;
  }

  /** Power lost or Node deleted while starting: no Ready post; the pods are looked at again at the next boot. */
  private stopStarting(): void {
    this.ctx.clock.cancel(this.readyTimer);
    this.readyTimer = null;
    this.deferred.clear();
  }

  /** The runtime answered (fastStatusUpdateOnce): post Ready at once, then the pods that waited. */
  private runtimeReady(): void {
    this.readyTimer = null;
    if (!this.running || !this.registered) return;
    this.statusPass();
    const waiting = [...this.deferred];
    this.deferred.clear();
    for (const [key, { namespace, name }] of waiting) this.syncPod(namespace, name, key);
  }

  // ---- node status and lease --------------------------------------------------------

  /** A change to the Node object: cordon / uncordon or overwritten conditions show at the next status tick. */
  nodeChanged(node: Node): void {
    if (!this.running || !this.registered) return;
    if ((node.spec?.unschedulable === true) !== this.lastUnschedulable || conditionsDrifted(node, this.readyTimer !== null, this.memoryPressure)) this.scheduleStatusPass();
  }

  /** @internal (eviction-manager.ts: a pressure change is posted at the next status tick) */
  scheduleStatusPass(pass = () => this.statusPass()): void {
    if (this.statusTimer) return;
    const { clock, config } = this.ctx;
    const f = config.nodeStatusUpdateFrequency;
    const next = this.bootTime + (Math.floor((clock.now - this.bootTime) / f) + 1) * f;
    this.statusTimer = clock.at(next, `kubelet ${this.name}: node status`, () => {
      this.statusTimer = null;
      pass();
    });
  }

  /** updateNodeStatus: post conditions when they changed; record transitions. */
  private statusPass(): void {
    if (!this.running || !this.registered) return;
    const { ctx, name } = this;
    const node = ctx.store.get<Node>('Node', undefined, name);
    if (!node) return;
    const { conditions, changed } = kubeletConditions(node, ctx.timestamp(ctx.clock.now), this.readyTimer !== null, this.memoryPressure);
    for (const e of changed) this.nodeEvent('Normal', e, `Node ${name} status is now: ${e}`);
    let current = node;
    if (changed.length > 0) current = ctx.store.update<Node>({ ...node, status: { ...(node.status ?? {}), conditions } });
    this.recordSchedulable(current);
  }

  /** recordNodeSchedulableEvent. */
  private recordSchedulable(node: Node): void {
    const unschedulable = node.spec?.unschedulable === true;
    if (unschedulable === this.lastUnschedulable) return;
    const reason = unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable';
    this.nodeEvent('Normal', reason, `Node ${this.name} status is now: ${reason}`);
    this.lastUnschedulable = unschedulable;
  }

  /** Writes (or creates) the node's Lease with this renewTime (renewals in between live in the lease table). */
  private writeLease(renewedAt: number | undefined): void {
    if (renewedAt === undefined) return;
    const { ctx, name } = this;
    const renewTime = ctx.timestamp(renewedAt);
    const lease = ctx.store.get('Lease', LEASE_NAMESPACE, name);
    const node = ctx.store.get<Node>('Node', undefined, name);
    if (lease) {
      const spec = { ...((lease.spec as Record<string, unknown> | undefined) ?? {}), holderIdentity: name, renewTime };
      // setNodeOwnerFunc: a Lease made while the Node was missing gets its owner once the Node exists.
      const owned = (lease.metadata.ownerReferences?.length ?? 0) > 0 || !node;
      const metadata = owned ? lease.metadata : { ...lease.metadata, ownerReferences: newLease(node, ctx.config.leaseDuration, renewTime).metadata.ownerReferences };
      ctx.store.update({ ...lease, metadata, spec });
      return;
    }
    if (node) ctx.store.create(newLease(node, ctx.config.leaseDuration, renewTime));
  }

  // ---- pods -------------------------------------------------------------------------

  /** A pod bound to this node (or that was) changed. `key` is `namespace/name` (the manager has it already). */
  syncPod(namespace: string, name: string, key = `${namespace}/${name}`): void {
    const pod = this.ctx.store.get<Pod>('Pod', namespace, name);
    let rt = this.pods.get(key);
    if (rt && (!pod || pod.metadata.uid !== rt.uid || pod.spec.nodeName !== this.name)) {
      this.podGone(rt);
      rt = undefined;
    }
    if (!pod || pod.spec.nodeName !== this.name || !this.running) return;
    if (this.readyTimer !== null) {
      this.deferred.set(key, { namespace, name });
      return;
    }
    if (pod.metadata.deletionTimestamp) {
      if (!rt || rt.state === 'finished') this.remove(pod);
      else if (rt.state !== 'terminating') this.beginTermination(rt, pod);
      return;
    }
    if (!rt && !isTerminalPhase(pod)) this.admit(pod);
  }

  private syncAtBoot(pod: Pod, reboot: boolean): void {
    const key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
    const rt = this.pods.get(key);
    if (rt && rt.uid !== pod.metadata.uid) this.podGone(rt);
    const known = this.pods.get(key);
    const terminal = isTerminalPhase(pod);
    if (pod.metadata.deletionTimestamp) {
      if (terminal || !known || known.state === 'finished') this.remove(pod);
      else if (reboot) this.finishLater(known, 'lost');
      else this.beginTermination(known, pod);
      return;
    }
    if (terminal) return;
    if (known) {
      if (known.state === 'finished') return;
      // The machine restarted: its containers died with it (containerd reports them exited, 255, `Unknown`).
      const wasRunning = known.state === 'running' || known.state === 'terminating';
      const restart = wasRunning || known.state === 'exited' || known.state === 'backoff';
      if (restart) this.ctx.recorder.event(pod, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.', KUBELET);
      const now = this.ctx.timestamp(this.ctx.clock.now);
      if (wasRunning && pod.spec.restartPolicy === 'Never') {
        // computePodActions: a Never pod whose sandbox is gone is not restarted; getPhase: Failed.
        this.cancelTimer(known);
        this.release(known);
        known.state = 'finished';
        this.ctx.store.update<Pod>({ ...pod, status: terminatedStatus(pod, now, 'failed', 255, 'Unknown') });
        return;
      }
      // Until the new containers run: the old ones terminated, no sandbox, not ready.
      if (wasRunning) this.ctx.store.update<Pod>({ ...pod, status: exitedStatus(pod, now, 255, 'Unknown', false) });
      known.state = 'starting';
      known.runningSince = undefined;
      if (hasProbes(pod)) known.prober = newProber(this, known, pod);
      if (restart) {
        known.restartCount++;
        // doBackOff for the exited containers: the new process has no entry, so it starts them and makes a fresh one.
        this.backoff.set(known.uid, { backoff: CONTAINER_BACKOFF_BASE, lastUpdate: this.ctx.clock.now });
      }
      this.scheduleStart(known, wasRunning);
    } else if (!reboot && pod.status?.phase === 'Running') {
      this.adopt(pod);
    } else {
      this.admit(pod);
    }
  }

  private newRuntime(pod: Pod, state: PodState, requests = admissionRequests(pod), ports = hostPortsOf(pod)): PodRuntime {
    const rt: PodRuntime = {
      key: `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`,
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name ?? '',
      uid: pod.metadata.uid ?? '',
      state,
      counted: true,
      requests,
      ports,
      containers: containerNames(pod),
      restartCount: 0,
      admittedAt: pod.status?.startTime ?? this.ctx.timestamp(this.ctx.clock.now),
      exitedAt: 0,
      timer: null,
    };
    if (hasProbes(pod)) rt.prober = newProber(this, rt, pod);
    this.pods.set(rt.key, rt);
    this.admittedCount++;
    this.requested.add(rt.requests);
    return rt;
  }

  /** A pod the scenario gives as already running when the kubelet first starts. */
  private adopt(pod: Pod): void {
    const rt = this.newRuntime(pod, 'running');
    const statuses = (pod.status?.containerStatuses as { restartCount?: number }[] | undefined) ?? [];
    rt.restartCount = statuses.reduce((m, s) => Math.max(m, s.restartCount ?? 0), 0);
    rt.runningSince = fromTimestamp(pod.status?.startTime ?? '') ?? this.ctx.clock.now;
    // The loaded status says which containers are ready and started: the prober starts from that.
    rt.prober?.adopt(statuses as { name?: string; ready?: boolean; started?: boolean }[]);
    // A scenario may say only `phase: Running`: post the status such a pod has (no events: nothing starts).
    if (!pod.status?.conditions?.some((c) => c && c.type === 'Ready')) {
      const since = pod.status?.startTime ?? this.ctx.timestamp(this.ctx.clock.now);
      this.ctx.store.update<Pod>({ ...pod, status: runningStatus(pod, since, since, rt.restartCount, false) });
    }
    if (containersRunning(this, rt, pod)) return;
    const d = runDuration(pod);
    if (d !== undefined) this.scheduleCompletion(rt, d);
  }

  private admit(pod: Pod): void {
    const node = this.ctx.store.get<Node>('Node', undefined, this.name);
    if (!node) return;
    const requests = admissionRequests(pod);
    const wanted = hostPortsOf(pod);
    const used: HostPortUse[] = [];
    if (wanted.length > 0) for (const rt of this.pods.values()) if (rt.counted) used.push(...rt.ports);
    const list = node.status?.allocatable;
    // Nodes of one type share their parsed allocatable (read-only here).
    if (!this.allocatable || this.allocatable.from !== list) this.allocatable = { from: list, value: sharedResourceFromList(list) };
    const r = admit(pod, node, { count: this.admittedCount, requested: this.requested, ports: used, allocatable: this.allocatable.value, memoryPressure: this.memoryPressure }, requests, wanted);
    if (!r.admit) {
      this.reject(pod, r.reason, r.message);
      return;
    }
    this.scheduleStart(this.newRuntime(pod, 'starting', requests, wanted), false);
  }

  /** The pod's admission rejection (rejection.ts). */
  private reject(pod: Pod, reason: string, message: string): void {
    rejectPod(this.ctx, this.name, this.rejecting, () => this.running, pod, reason, message);
  }

  scheduleStart(rt: PodRuntime, restart: boolean): void {
    this.cancelTimer(rt);
    rt.pulled = undefined;
    const delay = this.ctx.config.podStartDelay;
    rt.timer = this.ctx.clock.after(delay, `kubelet ${this.name}: start ${rt.key}`, () => {
      rt.timer = null;
      this.startContainers(rt, restart);
    });
  }

  /** Cancels the pod's pending timer, if any. */
  cancelTimer(rt: PodRuntime): void {
    const t = rt.timer;
    if (t === null) return;
    rt.timer = null;
    this.ctx.clock.cancel(t);
  }

  /** @internal (image-manager.ts) Creates and starts the pod's containers once their images are on the node. */
  startContainers(rt: PodRuntime, restart: boolean): void {
    const pod = this.ctx.store.get<Pod>('Pod', rt.namespace, rt.name);
    if (!pod || pod.metadata.uid !== rt.uid || pod.metadata.deletionTimestamp) return;
    const pulled = ensureImages(this, rt, pod, restart);
    if (pulled === null) return;
    recordStart(this, pod, pulled);
    const now = this.ctx.timestamp(this.ctx.clock.now);
    this.ctx.store.update<Pod>({ ...pod, status: startedStatus(rt, runningStatus(pod, now, rt.admittedAt, rt.restartCount, restart), now) });
    rt.state = 'running';
    rt.runningSince = this.ctx.clock.now;
    rt.prober?.triggerReadiness();
    if (rt.deadline === undefined) rt.deadline = this.scheduleDeadline(rt, pod);
    if (containersRunning(this, rt, pod)) return;
    const d = runDuration(pod);
    if (d !== undefined) this.scheduleCompletion(rt, d);
  }

  /**
   * activeDeadlineHandler (active_deadline.go): at startTime + spec.activeDeadlineSeconds the pod
   * fails with DeadlineExceeded (a Normal event) and its containers are killed.
   */
  private scheduleDeadline(rt: PodRuntime, pod: Pod): TimerHandle | null {
    const seconds = pod.spec.activeDeadlineSeconds;
    const start = fromTimestamp(rt.admittedAt);
    if (typeof seconds !== 'number' || start === undefined) return null;
    return this.ctx.clock.at(Math.max(this.ctx.clock.now, start + seconds * 1000), `kubelet ${this.name}: ${rt.key} deadline`, () => {
      const cur = this.ctx.store.get<Pod>('Pod', rt.namespace, rt.name);
      if (!this.running || this.pods.get(rt.key) !== rt || cur?.metadata.uid !== rt.uid || rt.state === 'terminating' || rt.state === 'finished') return;
      recordDeadline(this.ctx, cur, rt.state === 'running' ? rt.containers : []);
      this.cancelTimer(rt);
      this.release(rt);
      rt.state = 'finished';
      this.ctx.store.update<Pod>({ ...cur, status: deadlineStatus(cur, this.ctx.timestamp(this.ctx.clock.now), terminationEnd(this.ctx, cur, true).exitCode!) });
    });
  }

  private scheduleCompletion(rt: PodRuntime, runFor: number): void {
    rt.timer = this.ctx.clock.after(runFor, `kubelet ${this.name}: ${rt.key} completes`, () => {
      rt.timer = null;
      this.complete(rt);
    });
  }

  /**
   * The pod's run-duration is over: its containers exit with the pod's exit code. Never, or
   * OnFailure with 0: the pod is done (Succeeded for 0, else Failed). Otherwise they restart in
   * place: the exit shown (phase Running, not ready), then the back-off decides when.
   */
  private complete(rt: PodRuntime): void {
    const pod = this.ctx.store.get<Pod>('Pod', rt.namespace, rt.name);
    if (!pod || pod.metadata.uid !== rt.uid) return;
    const code = nextExitCode(this.runs, pod);
    containersExited(rt);
    const now = this.ctx.timestamp(this.ctx.clock.now);
    const policy = pod.spec.restartPolicy;
    if (policy === 'Never' || (policy === 'OnFailure' && code === 0)) {
      this.release(rt);
      rt.state = 'finished';
      this.ctx.store.update<Pod>({ ...pod, status: code === 0 ? terminatedStatus(pod, now, 'completed') : terminatedStatus(pod, now, 'failed', code) });
      return;
    }
    rt.state = 'exited';
    rt.exitedAt = this.ctx.clock.now;
    this.ctx.store.update<Pod>({ ...pod, status: exitedStatus(pod, now, code) });
    this.restartOrBackOff(rt);
  }

  /**
   * A pod sync for exited containers that are to restart (kuberuntime_manager.go doBackOff with
   * flowcontrol.Backoff): within the back-off window since the exit, record BackOff, show
   * `waiting` `CrashLoopBackOff` and sync again in POD_SYNC_BACKOFF; else move the back-off on
   * (a fresh 10 s entry when there was none or it expired: exit − lastUpdate > 2 × max; else
   * doubled, capped) and start the containers again, restartCount + 1.
   */
  restartOrBackOff(rt: PodRuntime): void {
    restartOrBackOff(this, rt);
  }

  /** Graceful stop of a deleted pod: the status at the new generation and Killing, containers exit, then the object goes. */
  private beginTermination(rt: PodRuntime, pod: Pod): void {
    const wasRunning = rt.state === 'running';
    rt.state = 'terminating';
    rt.prober?.terminating();
    startTermination(this.ctx, pod, wasRunning ? rt.containers : []);
    const end = terminationEnd(this.ctx, pod, wasRunning);
    this.finishLater(rt, end.exitCode, end.delay);
  }

  /** `how`: the exit code of containers stopped by the kubelet, or `lost` (a reboot found them gone). */
  private finishLater(rt: PodRuntime, how: number | 'lost' | undefined, delay = this.ctx.config.containerStopDelay): void {
    rt.state = 'terminating';
    this.cancelTimer(rt);
    rt.timer = this.ctx.clock.after(delay, `kubelet ${this.name}: ${rt.key} stopped`, () => {
      rt.timer = null;
      this.stopped(rt, how);
    });
  }

  /** The containers of a terminating pod have exited: the final status, then the object goes. */
  private stopped(rt: PodRuntime, how: number | 'lost' | undefined): void {
    this.release(rt);
    this.pods.delete(rt.key);
    let pod = this.ctx.store.get<Pod>('Pod', rt.namespace, rt.name);
    if (!pod || pod.metadata.uid !== rt.uid) return;
    if (how !== undefined && !isTerminalPhase(pod)) pod = this.ctx.store.update<Pod>({ ...pod, status: stoppedStatus(pod, this.ctx.timestamp(this.ctx.clock.now), how) });
    this.remove(pod);
  }

  /** The status manager's final delete (grace 0) of a pod that is done. */
  private remove(pod: Pod): void {
    if (this.ctx.store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name ?? '')?.metadata.uid !== pod.metadata.uid) return;
    deletePod(this.ctx, pod, { gracePeriodSeconds: 0 });
  }

  /** The pod left the API (force delete, PodGC): a live kubelet kills what still runs. */
  private podGone(rt: PodRuntime): void {
    this.cancelTimer(rt);
    if (this.running && rt.state === 'running') {
      const ref = { kind: 'Pod', metadata: { namespace: rt.namespace, name: rt.name } };
      for (const c of rt.containers) this.ctx.recorder.event(ref, 'Normal', 'Killing', `Stopping container ${c}`, KUBELET, containerField(c));
    }
    this.release(rt);
    this.pods.delete(rt.key);
  }

  release(rt: PodRuntime): void {
    this.backoff.delete(rt.uid);
    rt.prober?.stop();
    if (rt.deadline) this.ctx.clock.cancel(rt.deadline);
    if (!rt.counted) return;
    rt.counted = false;
    this.admittedCount--;
    this.requested.sub(rt.requests);
  }

  private nodeEvent(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.event({ kind: 'Node', metadata: { name: this.name } }, type, reason, message, KUBELET);
  }
}
