/**
 * Mirrors upstream's DaemonSet controller (pkg/controller/daemon): one pod per eligible node, pinned by node affinity for the
 * default scheduler and never moved elsewhere; failed pods killed with backoff; RollingUpdate and OnDelete.
 * RollingUpdate with maxUnavailable (delete first) or maxSurge (create first; update.go's surge path).
 * ControllerRevisions are stored (workload/controller-revisions.ts; pods carry their hash in `controller-revision-hash`).
 */
import type { Node, Pod } from '../../model/types';
import type { Component, SimContext, WatchEvent } from '../../sim/contracts';
import { Controller } from '../../store/watch-interest';

/** Pod events onPod acts on: of pods that are (or were) a DaemonSet's or orphans (another controller's pod changes nothing here). */
export const DAEMONSET_INTEREST = { Pod: { controllers: Controller.DAEMON_SET | Controller.NONE } };
import { deepClone, deepEqual } from '../../store/clone';
import { compileSelector } from '../replicaset/replicaset-controller';
import { claim, controllerRef, newControllerRef, OrphanIndex } from '../workload/owners';
import { keyOf, splitKey } from '../workload/pods';
import { createPod, deleteOwnedPod, slowStartBatch } from '../workload/pod-control';
import { SyncQueue } from '../workload/sync-queue';
import { computeHash, podFromTemplate } from '../workload/template';
import { ensureRevision, trimHistory } from '../workload/controller-revisions';
import { addDaemonTolerations, compileDaemonTemplate, nodeShouldRunDaemonPod, pinToNode, targetNodeName, type CompiledDaemonTemplate } from './daemon-pods';
import { byCreationAndPhase, calculateStatus, CONTROLLER_REVISION_HASH, maxSurgeOf, rollingUpdate, surgeExcess, TEMPLATE_GENERATION_LABEL, templateGeneration, type DaemonSet } from './rollout';

export { CONTROLLER_REVISION_HASH };
export type { DaemonSet, DaemonSetStatus } from './rollout';

export const DAEMONSET_CONTROLLER = 'daemonset-controller';
export { TEMPLATE_GENERATION_LABEL };

/** Upstream's burstReplicas for DaemonSets: creates/deletes per sync. */
const BURST_REPLICAS = 250;
/** failedPodsBackoff: 1 s doubling to 15 min. */
const FAILED_BACKOFF_INITIAL = 1000;
const FAILED_BACKOFF_MAX = 15 * 60_000;

export function createDaemonSetController(): Component {
  let ctx!: SimContext;
  let queue!: SyncQueue;
  const orphans = new OrphanIndex('Pod');
  /** failedPodsBackoff entries, keyed `<ds uid>/<node>`. */
  const backoff = new Map<string, { delay: number; last: number }>();
  const compiled = new Map<string, { rv: string | undefined; t: CompiledDaemonTemplate }>();

  function templateOf(ds: DaemonSet): CompiledDaemonTemplate {
    const key = keyOf(ds);
    const hit = compiled.get(key);
    if (hit && hit.rv === ds.metadata.resourceVersion) return hit.t;
    const t = compileDaemonTemplate(ds.spec.template);
    compiled.set(key, { rv: ds.metadata.resourceVersion, t });
    return t;
  }

  const hashOf = (ds: DaemonSet) => computeHash(ds.spec.template, ds.status?.collisionCount as number | undefined);

  function claimPods(ds: DaemonSet): Pod[] {
    return claim<Pod>(ctx, { kind: 'Pod', owner: ds, ownerApiVersion: 'apps/v1', ownerKind: 'DaemonSet', selector: compileSelector(ds.spec.selector), orphans });
  }

  /** getNodesToDaemonPods: pods by target node, leaving out finished pods that are already being deleted. */
  function nodeToDaemonPods(pods: Pod[]): Map<string, Pod[]> {
    const out = new Map<string, Pod[]>();
    for (const p of pods) {
      const phase = p.status?.phase;
      if ((phase === 'Succeeded' || phase === 'Failed') && p.metadata.deletionTimestamp) continue;
      const node = targetNodeName(p);
      if (node === undefined) continue;
      let list = out.get(node);
      if (!list) out.set(node, (list = []));
      list.push(p);
    }
    return out;
  }

  function inBackoff(key: string, now: number): boolean {
    const e = backoff.get(key);
    return !!e && now - e.last < e.delay;
  }

  function nextBackoff(key: string, now: number): void {
    const e = backoff.get(key);
    if (!e || now - e.last > 2 * FAILED_BACKOFF_MAX) backoff.set(key, { delay: FAILED_BACKOFF_INITIAL, last: now });
    else backoff.set(key, { delay: Math.min(e.delay * 2, FAILED_BACKOFF_MAX), last: now });
  }

  /** manage + podsShouldBeOnNode: which nodes need a pod, which pods must go. */
  function manage(ds: DaemonSet, nodes: Node[], byNode: Map<string, Pod[]>, hash: string): { create: string[]; remove: Pod[] } {
    const t = templateOf(ds);
    const create: string[] = [];
    const remove: Pod[] = [];
    const now = ctx.clock.now;
    let surge: boolean | undefined;
    for (const node of nodes) {
      const name = node.metadata.name ?? '';
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, t);
      const daemonPods = byNode.get(name);
      if (shouldRun && !daemonPods) {
        create.push(name);
      } else if (shouldContinueRunning) {
        const running: Pod[] = [];
        for (const pod of daemonPods ?? []) {
          if (pod.metadata.deletionTimestamp) continue;
          const phase = pod.status?.phase;
          if (phase === 'Failed') {
            // The kubelet may keep rejecting the pod: back off instead of hot-looping.
            const key = `${ds.metadata.uid}/${name}`;
            if (inBackoff(key, now)) {
              queue.enqueue(keyOf(ds), backoff.get(key)!.delay);
              continue;
            }
            nextBackoff(key, now);
            const msg = `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${name}, will try to kill it`;
            ctx.recorder.event(ds, 'Warning', 'FailedDaemonPod', msg, DAEMONSET_CONTROLLER);
            remove.push(pod);
          } else if (phase === 'Succeeded') {
            const msg = `Found succeeded daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${name}, will try to delete it`;
            ctx.recorder.event(ds, 'Warning', 'SucceededDaemonPod', msg, DAEMONSET_CONTROLLER);
            remove.push(pod);
          } else running.push(pod);
        }
        surge ??= maxSurgeOf(ds, nodes.filter((n) => nodeShouldRunDaemonPod(n, t).shouldRun).length) > 0;
        if (surge) {
          // Surging: the node needs a pod as soon as none is left that is not being deleted; with
          // two, the old and the new one stay while the new one is not available yet.
          if (running.length === 0 && shouldRun) create.push(name);
          else if (running.length > 1) remove.push(...surgeExcess(ds, running, hash, now));
        } else if (running.length > 1) {
          // More than one running pod on a node: keep the oldest.
          remove.push(...running.sort(byCreationAndPhase).slice(1));
        }
      } else if (daemonPods) {
        for (const pod of daemonPods) if (!pod.metadata.deletionTimestamp) remove.push(pod);
      }
    }
    // Pods pinned to nodes that no longer exist are never scheduled, and PodGC cannot see them.
    const names = new Set(nodes.map((n) => n.metadata.name ?? ''));
    for (const [node, pods] of byNode) {
      if (names.has(node)) continue;
      for (const p of pods) if (!p.spec.nodeName && !p.metadata.deletionTimestamp) remove.push(p);
    }
    return { create, remove };
  }

  /** syncNodes: creates pinned pods and deletes the others, at most BURST_REPLICAS of each. */
  function syncNodes(ds: DaemonSet, remove: Pod[], create: string[], hash: string): { capped: boolean; failed: boolean } {
    const template = deepClone(ds.spec.template ?? { spec: { containers: [] } });
    addDaemonTolerations(template.spec);
    template.metadata = {
      ...(template.metadata ?? {}),
      labels: { ...(template.metadata?.labels ?? {}), [TEMPLATE_GENERATION_LABEL]: templateGeneration(ds), [CONTROLLER_REVISION_HASH]: hash },
    };
    // slowStartBatch: batches of 1, 2, 4, …; a batch with a refused create is finished, the later ones are skipped.
    const nodesToCreate = create.slice(0, BURST_REPLICAS);
    const { failed } = slowStartBatch(nodesToCreate.length, (i) => {
      const pod = podFromTemplate(template, ds, newControllerRef(ds, 'apps/v1', 'DaemonSet'));
      pod.metadata.generateName = `${ds.metadata.name}-`;
      pod.spec.affinity = pinToNode(pod.spec.affinity, nodesToCreate[i]);
      return createPod(ctx, ds, pod, DAEMONSET_CONTROLLER) !== undefined;
    });
    for (const pod of remove.slice(0, BURST_REPLICAS)) deleteOwnedPod(ctx, ds, pod, DAEMONSET_CONTROLLER);
    return { capped: create.length > BURST_REPLICAS || remove.length > BURST_REPLICAS, failed };
  }

  function sync(key: string): void {
    const [ns, name] = splitKey(key);
    const ds = ctx.store.get<DaemonSet>('DaemonSet', ns, name);
    if (!ds) return;
    // syncDaemonSet: a DaemonSet being deleted (foreground or orphan) is left alone, its status included ("we cannot
    // reliably calculate the status of a DaemonSet being deleted"); the garbage collector removes its pods.
    if (ds.metadata.deletionTimestamp) return queue.forget(key);
    const nodes = ctx.store.list<Node>('Node');
    const hash = hashOf(ds);
    // constructHistory: the current template's ControllerRevision (`<ds>-<hash>`), before any pod.
    const revision = `${ds.metadata.name}-${hash}`;
    ensureRevision(ctx, { owner: ds, kind: 'DaemonSet', name: revision, hashLabel: [CONTROLLER_REVISION_HASH, hash] });
    let pods = claimPods(ds);
    let again = false;
    let failed = false;
    const { create, remove } = manage(ds, nodes, nodeToDaemonPods(pods), hash);
    if (create.length > 0 || remove.length > 0) {
      const r = syncNodes(ds, remove, create, hash);
      failed = r.failed;
      // Deleted pods make room for new ones on a later pass (upstream: once the deletes are observed).
      again = r.capped || remove.length > 0;
      pods = claimPods(ds);
    } else if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
      // Upstream updates only once the creates and deletes of manage() have been observed.
      const update = rollingUpdate(ds, templateOf(ds), nodes, nodeToDaemonPods(pods), hash, ctx.clock.now);
      if (update.remove.length > 0 || update.create.length > 0) {
        syncNodes(ds, update.remove, update.create, hash);
        pods = claimPods(ds);
      }
    }
    const current = ctx.store.get<DaemonSet>('DaemonSet', ns, name) ?? ds;
    // cleanupHistory: old revisions beyond revisionHistoryLimit go, oldest first, unless a pod still has their hash.
    const live = new Set<string>();
    for (const p of pods) {
      const h = p.metadata.labels?.[CONTROLLER_REVISION_HASH];
      if (h) live.add(`${ds.metadata.name}-${h}`);
    }
    trimHistory(ctx, current, revision, live, true);
    const status = calculateStatus(current, templateOf(current), nodes, nodeToDaemonPods(pods), hash, ctx.clock.now);
    if (!deepEqual(current.status, status)) ctx.store.update<DaemonSet>({ ...current, status });
    if (failed) queue.enqueueRateLimited(key);
    else {
      queue.forget(key);
      if (again) queue.enqueue(key);
    }
    const minReady = current.spec.minReadySeconds ?? 0;
    if (minReady > 0 && status.numberReady !== status.numberAvailable) queue.enqueue(key, minReady * 1000);
  }

  function enqueueAll(filter?: (ds: DaemonSet) => boolean): void {
    for (const ds of ctx.store.list<DaemonSet>('DaemonSet')) if (!filter || filter(ds)) queue.enqueue(keyOf(ds));
  }

  function onNode(e: WatchEvent): void {
    const node = e.object as Node;
    if (e.type === 'ADDED') return enqueueAll((ds) => nodeShouldRunDaemonPod(node, templateOf(ds)).shouldRun);
    if (e.type === 'DELETED') return enqueueAll();
    const old = e.old as Node | undefined;
    if (!old) return enqueueAll();
    // Only a node's name, labels and taints decide where daemon pods run.
    if (deepEqual(old.metadata.labels, node.metadata.labels) && deepEqual(old.spec?.taints, node.spec?.taints)) return;
    enqueueAll((ds) => {
      const t = templateOf(ds);
      const a = nodeShouldRunDaemonPod(old, t);
      const b = nodeShouldRunDaemonPod(node, t);
      return a.shouldRun !== b.shouldRun || a.shouldContinueRunning !== b.shouldContinueRunning;
    });
  }

  function onPod(e: WatchEvent): void {
    orphans.observe(e);
    const pod = e.object as Pod;
    const ns = pod.metadata.namespace ?? 'default';
    const ref = controllerRef(pod);
    if (ref?.kind === 'DaemonSet') {
      const key = `${ns}/${ref.name}`;
      if (!queue.isSyncing(key)) queue.enqueue(key);
    }
    if (e.type === 'MODIFIED' && e.old) {
      const oldRef = controllerRef(e.old);
      if (oldRef?.kind === 'DaemonSet' && oldRef.name !== ref?.name) queue.enqueue(`${ns}/${oldRef.name}`);
    }
    if (!ref && e.type !== 'DELETED' && !pod.metadata.deletionTimestamp) {
      for (const ds of ctx.store.list<DaemonSet>('DaemonSet', ns)) {
        if (compileSelector(ds.spec.selector).matches(pod.metadata.labels)) queue.enqueue(keyOf(ds));
      }
    }
  }

  function onEvent(e: WatchEvent): void {
    switch (e.kind) {
      case 'Pod':
        return onPod(e);
      case 'Node':
        return onNode(e);
      case 'DaemonSet': {
        const key = keyOf(e.object);
        if (e.type === 'DELETED') {
          compiled.delete(key);
          return;
        }
        if (queue.isSyncing(key) && e.old && deepEqual((e.old as DaemonSet).spec, (e.object as DaemonSet).spec)) return;
        queue.enqueue(key);
      }
    }
  }

  return {
    name: DAEMONSET_CONTROLLER,
    start(c: SimContext): void {
      ctx = c;
      queue = new SyncQueue(ctx.clock, DAEMONSET_CONTROLLER, sync);
      for (const p of ctx.store.list<Pod>('Pod')) orphans.observe({ type: 'ADDED', kind: 'Pod', object: p });
      enqueueAll();
      ctx.store.watch(onEvent, ['Pod', 'Node', 'DaemonSet'], DAEMONSET_INTEREST);
    },
  };
}
