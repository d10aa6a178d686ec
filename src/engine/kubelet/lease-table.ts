/**
 * The node Leases as the kubelets renew them, kept as arithmetic instead of
 * one store write per node every leaseRenewInterval (which would dominate a
 * 5,000-node run: 30,000 writes a minute).
 *
 * A running kubelet renews at boot and every leaseRenewInterval after it, so
 * its Lease's renewTime at any moment is the last such tick; a stopped one's is
 * frozen at its last renewal. The kubelet writes the Lease object itself only
 * when that changes (boot, power loss, node deletion); `renewTime` answers for
 * any moment in between, and `refreshLeaseObjects` copies the current values
 * into the stored objects for whoever shows them (it writes in place: no
 * resourceVersion bump, no watch event, so calling it never changes a run).
 *
 * The node lifecycle controller reads renewals here, as upstream reads them
 * from its Lease informer.
 */
import type { KubeObject } from '../model/types';
import type { SimContext, VirtualTime } from '../sim/contracts';
import { LEASE_NAMESPACE } from './node-status';

interface LeaseState {
  /** First renewal of the current run (boot time). */
  since: VirtualTime;
  /** Renewal period while running. */
  interval: number;
  /** Set when the kubelet stopped renewing: the last renewal. */
  frozenAt?: VirtualTime;
}

export interface LeaseTable {
  /** renewTime (virtual ms) of the node's Lease at `now`, or undefined when it has none. */
  renewTime(node: string, now: VirtualTime): VirtualTime | undefined;
  /** Whether the node's kubelet is renewing its Lease. */
  renewing(node: string): boolean;
  /** The renewal period of a renewing kubelet. */
  interval(node: string): number | undefined;
}

class Table implements LeaseTable {
  readonly leases = new Map<string, LeaseState>();

  renewTime(node: string, now: VirtualTime): VirtualTime | undefined {
    const l = this.leases.get(node);
    if (!l) return undefined;
    if (l.frozenAt !== undefined) return l.frozenAt;
    if (now < l.since) return undefined;
    return l.since + Math.floor((now - l.since) / l.interval) * l.interval;
  }

  renewing(node: string): boolean {
    const l = this.leases.get(node);
    return !!l && l.frozenAt === undefined;
  }

  interval(node: string): number | undefined {
    return this.leases.get(node)?.interval;
  }
}

const TABLES = new WeakMap<SimContext, Table>();

function tableOf(ctx: SimContext): Table {
  let t = TABLES.get(ctx);
  if (!t) {
    t = new Table();
    TABLES.set(ctx, t);
  }
  return t;
}

/** The Lease renewals of every kubelet of this simulation. */
export function leaseTable(ctx: SimContext): LeaseTable {
  return tableOf(ctx);
}

/** A kubelet starts renewing at `now`. */
export function startRenewing(ctx: SimContext, node: string): void {
  tableOf(ctx).leases.set(node, { since: ctx.clock.now, interval: ctx.config.leaseRenewInterval });
}

/** The next renewal after `now` of a renewing kubelet's Lease, or undefined when it is not renewing. */
export function nextRenewal(ctx: SimContext, node: string): VirtualTime | undefined {
  const t = tableOf(ctx);
  const last = t.renewing(node) ? t.renewTime(node, ctx.clock.now) : undefined;
  const interval = t.interval(node);
  return last === undefined || interval === undefined ? undefined : last + interval;
}

/** A kubelet stops renewing (power loss): renewTime freezes at its last renewal, which is returned. */
export function stopRenewing(ctx: SimContext, node: string): VirtualTime | undefined {
  const t = tableOf(ctx);
  const last = t.renewTime(node, ctx.clock.now);
  const l = t.leases.get(node);
  if (l && last !== undefined) l.frozenAt = last;
  return last;
}

/** The Lease is gone (its Node was deleted). */
export function forgetLease(ctx: SimContext, node: string): void {
  tableOf(ctx).leases.delete(node);
}

/**
 * Copies each Lease's current renewTime into its stored object, in place.
 * For views and exports; the simulation itself never reads Lease objects.
 */
export function refreshLeaseObjects(ctx: SimContext): void {
  const t = tableOf(ctx);
  const now = ctx.clock.now;
  for (const [node, l] of t.leases) {
    if (l.frozenAt !== undefined) continue;
    const lease = ctx.store.get<KubeObject & { spec?: { renewTime?: string } }>('Lease', LEASE_NAMESPACE, node);
    const at = t.renewTime(node, now);
    if (lease?.spec && at !== undefined) lease.spec.renewTime = ctx.timestamp(at);
  }
}
