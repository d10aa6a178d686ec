/**
 * The claim of a Deployment whose ReplicaSets have not changed but for their status.
 *
 * A recovery makes ~3 Deployment syncs per replaced pod, each after a ReplicaSet status write
 * (readyReplicas − 1, terminatingReplicas + 1, readyReplicas + 1). Each sync claims its
 * ReplicaSets (the store's owner index, a selector match per owned ReplicaSet, the namespace's
 * orphans) and checks for a scaling event (the ReplicaSets' desired-replicas annotations) before
 * the rollout. Both read only what a status write leaves as it is: the Deployment's spec and uid,
 * and each ReplicaSet's controller reference, labels, annotations, deletionTimestamp and spec
 * (the store keeps those objects on a write that leaves them equal) — plus which ReplicaSets
 * exist and are owned or orphaned.
 *
 * So after a sync that claimed exactly one ReplicaSet, adopted and released nothing (no write but
 * the Deployment's own status), found no scaling event and took the rolling update, this keeps
 * what it read. The next sync of that Deployment, while the Deployment has the same spec and uid
 * and is not being deleted, the ReplicaSet is still stored with the same references, labels,
 * annotations and spec, and no other ReplicaSet has since appeared, changed its owner or labels,
 * or become an orphan (the controller forgets on those watch events, and only trusts this while
 * it has seen every store write), would claim that same ReplicaSet and find no scaling event:
 * it skips both.
 */
import type { WatchEvent } from '../../sim/contracts';
import type { Store } from '../../sim/contracts';
import type { ReplicaSet } from '../replicaset/replicaset-controller';
import { controllerRef } from '../workload/owners';
import type { Deployment } from './util';

/** Tests turn the shortcut off to compare against claiming on every sync. */
export const STEADY_CLAIMS = { enabled: true };

interface Claimed {
  uid: string | undefined;
  spec: Deployment['spec'];
  rsName: string;
  rsUid: string | undefined;
  rsSpec: ReplicaSet['spec'];
  rsLabels: unknown;
  rsAnnotations: unknown;
  rsRefs: unknown;
}

export class SteadyClaims {
  /** Deployment key → what its last steady sync claimed. */
  private readonly claimed = new Map<string, Claimed>();

  /** Remembers that the sync of `key` over `d` claimed `rs` alone, wrote nothing else and found no scaling event. */
  note(key: string, d: Deployment, rs: ReplicaSet): void {
    if (!STEADY_CLAIMS.enabled) return;
    const m = rs.metadata;
    this.claimed.set(key, {
      uid: d.metadata.uid,
      spec: d.spec,
      rsName: m.name ?? '',
      rsUid: m.uid,
      rsSpec: rs.spec,
      rsLabels: m.labels,
      rsAnnotations: m.annotations,
      rsRefs: m.ownerReferences,
    });
  }

  /**
   * The ReplicaSet the sync of `key` over `d` would claim alone (with no scaling event), when the
   * last steady sync's reading still holds; undefined otherwise. The caller has seen every write.
   */
  replicaSetFor(key: string, d: Deployment, store: Store): ReplicaSet | undefined {
    const c = this.claimed.get(key);
    if (c === undefined) return undefined;
    if (c.spec !== d.spec || c.uid !== d.metadata.uid || d.metadata.deletionTimestamp) return undefined;
    const rs = store.get<ReplicaSet>('ReplicaSet', d.metadata.namespace, c.rsName);
    if (rs === undefined) return undefined;
    const m = rs.metadata;
    if (rs.spec !== c.rsSpec || m.uid !== c.rsUid || m.labels !== c.rsLabels || m.annotations !== c.rsAnnotations || m.ownerReferences !== c.rsRefs) return undefined;
    return m.deletionTimestamp ? undefined : rs;
  }

  forget(key: string): void {
    this.claimed.delete(key);
  }

  /**
   * A ReplicaSet event: one that may change which ReplicaSets a Deployment claims (anything but a
   * write that kept its references, labels and deletionTimestamp) forgets its owners, old and
   * new, and every Deployment when it is or was an orphan (any Deployment might adopt it).
   */
  observe(e: WatchEvent): void {
    if (this.claimed.size === 0) return;
    const rs = e.object;
    const old = e.old;
    if (e.type === 'MODIFIED' && old !== undefined) {
      const a = old.metadata;
      const b = rs.metadata;
      if (a.ownerReferences === b.ownerReferences && a.labels === b.labels && a.deletionTimestamp === b.deletionTimestamp) return;
    }
    const ns = rs.metadata.namespace ?? 'default';
    const ref = controllerRef(rs);
    const oldRef = old !== undefined ? controllerRef(old) : undefined;
    if (ref === undefined || (old !== undefined && oldRef === undefined)) {
      this.claimed.clear();
      return;
    }
    if (ref.kind === 'Deployment') this.claimed.delete(`${ns}/${ref.name}`);
    if (oldRef !== undefined && oldRef.kind === 'Deployment') this.claimed.delete(`${ns}/${oldRef.name}`);
  }
}
