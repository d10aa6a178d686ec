/**
 * The kubelet's eviction manager for memory (kubernetes/kubernetes pkg/kubelet/eviction:
 * eviction_manager.go synchronize, helpers.go rankMemoryPressure and evictionMessage), run only
 * on a node where some pod declares memory usage (memory-usage.ts), so that a cluster without
 * the annotation behaves as before.
 *
 * Every EVICTION_MONITORING_PERIOD (10 s from the kubelet's start) it observes the node's
 * memory.available = capacity − the usage of the pods whose containers run (never below 0).
 * Below the hard threshold (default `memory.available<100Mi`; a node may set its own with the
 * `podscape.dev/eviction-hard` annotation, e.g. `memory.available<500Mi`):
 * - the node is under memory pressure: the kubelet's next node status posts MemoryPressure True
 *   (`KubeletHasInsufficientMemory`, event NodeHasInsufficientMemory), and the node lifecycle
 *   controller then adds the `node.kubernetes.io/memory-pressure:NoSchedule` taint;
 * - a Warning `EvictionThresholdMet` `Attempting to reclaim memory` on the node, and one pod is
 *   evicted: the active pods ranked as rankMemoryPressure does (usage above its memory request
 *   first, then lower priority first, then the larger usage above request first; critical pods,
 *   priority ≥ 2000000000, are never evicted). The pod gets DisruptionTarget
 *   `TerminationByKubelet`, phase Failed, reason `Evicted` and evictionMessage's message, a
 *   Warning `Evicted` event with the same text, and its containers are killed with the hard
 *   eviction's 1 s grace period (`Killing`).
 * After an eviction the manager waits for the pod's cleanup (waitForPodsCleanup, polled each
 * second) and synchronizes again at once; otherwise it sleeps the monitoring period. Pressure
 * ends at the first observation PRESSURE_TRANSITION_PERIOD (5 min) after the threshold was last
 * met: the next node status posts MemoryPressure False (NodeHasSufficientMemory).
 *
 * Simplifications: memory.available counts only the pods' declared usage (no system daemons,
 * kernel or page cache; no kube-reserved); no soft thresholds, no minimum reclaim, no node-level
 * reclaim, no memcg notifications (only the periodic sync). Under pressure the kubelet refuses
 * BestEffort pods at admission (admission.ts, the eviction manager's Admit).
 */
import type { Node, Pod, PodCondition } from '../model/types';
import type { TimerHandle } from '../sim/contracts';
import { formatBytes, parseQuantity } from '../model/quantity';
import type { Kubelet, PodRuntime } from './kubelet';
import { MEMORY_USAGE_ANNOTATION, memoryBytes, memoryRequest, memoryUsage } from './memory-usage';
import { DEFAULT_CAPACITY } from './node-status';
import { terminatedStatus } from './pod-status';
import { containersExited } from './probe-restart';
import { annotationsOf, stopOutcome, type AnnotationProblem } from './exit-annotations';

export const EVICTION_HARD_ANNOTATION = 'podscape.dev/eviction-hard';
/** The eviction manager's monitoringInterval (kubelet.go evictionMonitoringPeriod). */
export const EVICTION_MONITORING_PERIOD = 10_000;
/** KubeletConfiguration evictionPressureTransitionPeriod default. */
export const PRESSURE_TRANSITION_PERIOD = 5 * 60_000;
/** The kubelet's default hard threshold, memory.available<100Mi. */
export const DEFAULT_MEMORY_THRESHOLD = '100Mi';
/** eviction_manager.go immediateEvictionGracePeriodSeconds: a hard eviction's grace period. */
export const HARD_EVICTION_GRACE_SECONDS = 1;
/** waitForPodsCleanup's poll frequency (podCleanupPollFreq). */
const CLEANUP_POLL = 1_000;
/** scheduling.SystemCriticalPriority: such pods are never evicted (IsCriticalPod). */
const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;

interface EvictionState {
  timer: TimerHandle | null;
  /** When memory.available was last seen below the threshold (nodeConditionsLastObservedAt). */
  lastMet?: number;
}

const states = new WeakMap<Kubelet, EvictionState>();

function stateOf(k: Kubelet): EvictionState {
  let s = states.get(k);
  if (!s) {
    s = { timer: null };
    states.set(k, s);
  }
  return s;
}

const THRESHOLD = /^memory\.available<(.+)$/;

/** The node's hard memory threshold: its quantity text and bytes; the default without (or with an invalid) annotation. */
export function memoryThreshold(node: Node | undefined): { text: string; bytes: number } {
  const raw = node?.metadata.annotations?.[EVICTION_HARD_ANNOTATION];
  const m = typeof raw === 'string' ? THRESHOLD.exec(raw.trim()) : null;
  const bytes = m ? memoryBytes(m[1]) : undefined;
  if (m && bytes !== undefined) return { text: parseQuantity(m[1]).toString(), bytes };
  return { text: DEFAULT_MEMORY_THRESHOLD, bytes: memoryBytes(DEFAULT_MEMORY_THRESHOLD)! };
}

/** Checks a Node's eviction-hard annotation. */
export function validateEvictionAnnotation(metadata: unknown): AnnotationProblem[] {
  const raw = annotationsOf(metadata)?.[EVICTION_HARD_ANNOTATION];
  if (raw === undefined) return [];
  const m = typeof raw === 'string' ? THRESHOLD.exec(raw.trim()) : null;
  if (m && memoryBytes(m[1]) !== undefined) return [];
  return [{ field: `metadata.annotations[${EVICTION_HARD_ANNOTATION}]`, message: `Invalid value: ${JSON.stringify(raw)}: must be memory.available<quantity, such as "memory.available<100Mi" (a Podscape simulation annotation)` }];
}

const active = (rt: PodRuntime) => rt.state !== 'terminating' && rt.state !== 'finished';

/** A pod whose containers started: make sure the manager runs when the pod declares usage. */
export function watchUsage(k: Kubelet, pod: Pod): void {
  if (pod.metadata.annotations?.[MEMORY_USAGE_ANNOTATION] === undefined) return;
  const s = stateOf(k);
  if (s.timer !== null) return;
  const { clock } = k.ctx;
  const next = k.bootTime + (Math.floor((clock.now - k.bootTime) / EVICTION_MONITORING_PERIOD) + 1) * EVICTION_MONITORING_PERIOD;
  s.timer = clock.at(next, `kubelet ${k.name}: eviction manager`, () => synchronize(k));
}

/** The kubelet process stopped: its eviction manager stops and forgets what it observed. */
export function stopEvictionManager(k: Kubelet): void {
  const s = states.get(k);
  if (!s) return;
  k.ctx.clock.cancel(s.timer);
  states.delete(k);
  k.memoryPressure = false;
}

interface Candidate {
  rt: PodRuntime;
  pod: Pod;
  usage: Map<string, number>;
  used: number;
  requested: number;
}

/** One observation: memory.available, the pressure condition, and at most one eviction. */
function synchronize(k: Kubelet): void {
  const s = stateOf(k);
  s.timer = null;
  if (!k.running) return;
  const { ctx } = k;
  const node = ctx.store.get<Node>('Node', undefined, k.name);
  const capacity = memoryBytes(node?.status?.capacity?.memory) ?? memoryBytes(DEFAULT_CAPACITY.memory)!;
  const candidates: Candidate[] = [];
  let used = 0;
  let declared = false;
  for (const rt of k.pods.values()) {
    if (!active(rt) && rt.runningSince === undefined) continue;
    const pod = ctx.store.get<Pod>('Pod', rt.namespace, rt.name);
    if (!pod || pod.metadata.uid !== rt.uid) continue;
    const usage = memoryUsage(pod);
    if (usage && active(rt)) declared = true;
    let podUsed = 0;
    if (usage && rt.runningSince !== undefined) for (const v of usage.values()) podUsed += v;
    used += podUsed;
    if (!active(rt)) continue;
    let requested = 0;
    for (const c of pod.spec.containers ?? []) requested += memoryRequest(c).bytes;
    candidates.push({ rt, pod, usage: usage ?? new Map(), used: rt.runningSince === undefined ? 0 : podUsed, requested });
  }
  const available = Math.max(0, capacity - used);
  const threshold = memoryThreshold(node);
  const now = ctx.clock.now;
  const met = available < threshold.bytes;
  if (met) s.lastMet = now;
  const pressure = s.lastMet !== undefined && now - s.lastMet < PRESSURE_TRANSITION_PERIOD;
  if (pressure !== k.memoryPressure) {
    k.memoryPressure = pressure;
    k.scheduleStatusPass();
  }
  let wait = EVICTION_MONITORING_PERIOD;
  if (met) {
    ctx.recorder.event({ kind: 'Node', metadata: { name: k.name } }, 'Warning', 'EvictionThresholdMet', 'Attempting to reclaim memory', 'kubelet');
    const victim = rankMemoryPressure(candidates).find((c) => (c.pod.spec.priority ?? 0) < SYSTEM_CRITICAL_PRIORITY);
    if (victim) wait = evict(k, victim, threshold.text, available);
  }
  if (declared || pressure) s.timer = ctx.clock.after(wait, `kubelet ${k.name}: eviction manager`, () => synchronize(k));
}

/** rankMemoryPressure: usage above request first, then lower priority, then larger usage above request (a stable sort). */
export function rankMemoryPressure<T extends { pod: Pod; used: number; requested: number }>(pods: readonly T[]): T[] {
  return pods
    .map((c, i) => ({ c, i }))
    .sort((a, b) => {
      const ea = a.c.used > a.c.requested ? 0 : 1;
      const eb = b.c.used > b.c.requested ? 0 : 1;
      if (ea !== eb) return ea - eb;
      const pa = a.c.pod.spec.priority ?? 0;
      const pb = b.c.pod.spec.priority ?? 0;
      if (pa !== pb) return pa - pb;
      const d = b.c.used - b.c.requested - (a.c.used - a.c.requested);
      return d !== 0 ? d : a.i - b.i;
    })
    .map((x) => x.c);
}

/** evictionMessage for memory: the node-low sentence, the threshold and reading, then each container using more than its request. */
export function evictionMessage(pod: Pod, usage: Map<string, number>, threshold: string, available: number): string {
  let out = `The node was low on resource: memory. Threshold quantity: ${threshold}, available: ${formatBytes(available)}. `;
  for (const c of pod.spec.containers ?? []) {
    const used = usage.get(c.name);
    if (used === undefined) continue;
    const req = memoryRequest(c);
    if (used > req.bytes) out += `Container ${c.name} was using ${formatBytes(used)}, request is ${req.bytes === 0 ? '0' : parseQuantity(req.text).toString()}, has larger consumption of memory. `;
  }
  return out;
}

/** evictPod: the event, the kill with the hard grace period, the Failed/Evicted status. Returns when to synchronize next (after the cleanup). */
function evict(k: Kubelet, victim: Candidate, threshold: string, available: number): number {
  const { ctx } = k;
  const { rt, pod } = victim;
  const running = rt.runningSince !== undefined;
  const message = evictionMessage(pod, running ? victim.usage : new Map(), threshold, available);
  ctx.recorder.event(pod, 'Warning', 'Evicted', message, 'kubelet');
  if (running) for (const c of rt.containers) ctx.recorder.event(pod, 'Normal', 'Killing', `Stopping container ${c}`, 'kubelet', `spec.containers{${c}}`);
  const end = stopOutcome(pod, HARD_EVICTION_GRACE_SECONDS, ctx.config.containerStopDelay);
  k.cancelTimer(rt);
  containersExited(rt);
  k.release(rt);
  rt.state = 'finished';
  const generation = typeof pod.metadata.generation === 'number' ? pod.metadata.generation : 1;
  const target: PodCondition = { type: 'DisruptionTarget', observedGeneration: generation, status: 'True', lastProbeTime: null, lastTransitionTime: ctx.timestamp(ctx.clock.now), reason: 'TerminationByKubelet', message };
  const evicted = (p: Pod, status: NonNullable<Pod['status']>): Pod => ({ ...p, status: { ...status, phase: 'Failed', reason: 'Evicted', message, conditions: [...(status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'), target] } });
  // killPodFunc's status function: Failed / Evicted is posted as the kill starts, the containers still shown running
  // (kubectl's STATUS `Evicted`); their exits follow when they stop (STATUS `Error`, kubernetes#105358).
  const stopped = (p: Pod) => evicted(p, terminatedStatus(p, ctx.timestamp(ctx.clock.now), 'failed', end.exitCode));
  if (!running) {
    ctx.store.update<Pod>(stopped(pod));
    return CLEANUP_POLL;
  }
  ctx.store.update<Pod>(evicted(pod, pod.status ?? {}));
  rt.timer = ctx.clock.after(end.delay, `kubelet ${k.name}: ${rt.key} evicted`, () => {
    rt.timer = null;
    const cur = ctx.store.get<Pod>('Pod', rt.namespace, rt.name);
    if (k.running && cur && cur.metadata.uid === rt.uid) ctx.store.update<Pod>(stopped(cur));
  });
  return Math.max(CLEANUP_POLL, Math.ceil(end.delay / CLEANUP_POLL) * CLEANUP_POLL);
}
