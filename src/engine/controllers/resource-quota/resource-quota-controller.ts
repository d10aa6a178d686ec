/**
 * The resource quota controller of kube-controller-manager (kubernetes
 * pkg/controller/resourcequota/resource_quota_controller.go). It keeps each ResourceQuota's
 * status: `hard` a copy of spec.hard, `used` what the namespace's objects cost for each of those
 * resources (zero included), both in key order as the API server serialises a map. It syncs a
 * quota when it is created and when its spec.hard differs from its status.hard (a new limit),
 * and replenishes the namespace's quotas when a pod stops being charged (it turned Succeeded or
 * Failed) or when a counted object is deleted. The ResourceQuota admission charges creates
 * itself (store/quota-admission.ts), so a create needs no sync.
 *
 * Simplified: a sync runs in the instant of the event that asks for it (upstream: a workqueue,
 * milliseconds later), and there is no 5-minute full resync, so a pod stuck terminating past its
 * grace period stops counting only at the next sync something else causes.
 */
import type { KubeObject, Pod } from '../../model/types';
import type { Component, SimContext, WatchEvent } from '../../sim/contracts';
import { Change } from '../../store/watch-interest';
import { deepEqual } from '../../store/clone';
import { NAMESPACED_KINDS } from '../../store/resources';
import { type Amounts, amountsOf, countNames, listFrom, matchingResources, podCharged, usageOf } from '../../model/quota-usage';
import { quotaCounts, type ResourceQuota } from '../../store/quota-admission';
import { Quantity } from '../../model/quantity';

export function createResourceQuotaController(): Component {
  return new ResourceQuotaController();
}

/** Kinds whose deletion replenishes a quota (every namespaced kind but the quota's own and Events). */
const COUNTED = NAMESPACED_KINDS.filter((k) => k !== 'ResourceQuota' && k !== 'Event' && k !== 'Pod');

class ResourceQuotaController implements Component {
  readonly name = 'resourcequota-controller';
  private ctx!: SimContext;
  /** How many quotas exist per namespace (nothing to do where there are none). */
  private readonly quotas = new Map<string, number>();

  start(ctx: SimContext): void {
    this.ctx = ctx;
    ctx.store.watch((e) => this.onQuota(e), ['ResourceQuota']);
    ctx.store.watch((e) => this.onPod(e), ['Pod'], { Pod: { changes: Change.DELETED | Change.PHASE } });
    ctx.store.watch(
      (e) => {
        if (e.type === 'DELETED') this.replenish(e.object.metadata.namespace ?? '');
      },
      COUNTED,
      Object.fromEntries(COUNTED.map((k) => [k, { changes: Change.DELETED }])),
    );
  }

  private onQuota(e: WatchEvent): void {
    const ns = e.object.metadata.namespace ?? '';
    if (e.type === 'DELETED') {
      const n = (this.quotas.get(ns) ?? 1) - 1;
      if (n <= 0) this.quotas.delete(ns);
      else this.quotas.set(ns, n);
      return;
    }
    if (e.type === 'ADDED') this.quotas.set(ns, (this.quotas.get(ns) ?? 0) + 1);
    const q = e.object as ResourceQuota;
    if (e.type === 'ADDED' || !sameAmounts(amountsOf(q.spec?.hard), amountsOf(q.status?.hard))) this.sync(q);
  }

  private onPod(e: WatchEvent): void {
    const ns = e.object.metadata.namespace ?? '';
    if (!this.quotas.has(ns)) return;
    const now = this.ctx.clock.now;
    if (e.type === 'DELETED' || (e.type === 'MODIFIED' && e.old && podCharged(e.old as Pod, now) && !podCharged(e.object as Pod, now))) this.replenish(ns);
  }

  private replenish(ns: string): void {
    if (!this.quotas.has(ns)) return;
    for (const q of this.ctx.store.list<ResourceQuota>('ResourceQuota', ns)) this.sync(q);
  }

  /** syncResourceQuota: status.hard from spec.hard, status.used recounted; written only when it changed. */
  private sync(stale: ResourceQuota): void {
    const ns = stale.metadata.namespace ?? '';
    const q = this.ctx.store.get<ResourceQuota>('ResourceQuota', ns, stale.metadata.name ?? '');
    if (!q) return;
    const hardAmounts = amountsOf(q.spec?.hard);
    const names = [...hardAmounts.keys()].sort();
    const used: Amounts = new Map(names.map((n) => [n, Quantity.zero()]));
    const now = this.ctx.clock.now;
    const charge = (kind: string, obj: KubeObject) => {
      if (!quotaCounts(q, kind, obj)) return;
      for (const [k, v] of usageOf(kind, obj, now)) if (used.has(k)) used.set(k, used.get(k)!.add(v));
    };
    if (matchingResources('Pod', names).length > 0) for (const p of this.ctx.store.list('Pod', ns)) charge('Pod', p);
    for (const kind of COUNTED) {
      if (!countNames(kind).some((n) => used.has(n))) continue;
      for (const o of this.ctx.store.list(kind, ns)) charge(kind, o);
    }
    const status = { ...(q.status ?? {}), hard: listFrom(hardAmounts, names), used: listFrom(used, names) };
    if (deepEqual(status, q.status)) return;
    this.ctx.store.update({ ...q, status });
  }
}

function sameAmounts(a: Amounts, b: Amounts): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (!b.get(k)?.equals(v)) return false;
  return true;
}
