/**
 * InterPodAffinity's PreFilter/Filter data (upstream filtering.go): three
 * (topologyKey, value) → count tables — existing pods' required anti-affinity
 * terms that select the incoming pod, and existing pods matching the incoming
 * pod's required affinity / anti-affinity terms.
 */
import type { Labels } from '../../../model/labels';
import type { StateData } from '../../framework/cycle-state';
import type { NodeInfo } from '../../framework/node-info';
import { affinityTermMatches, type PodInfo } from '../../framework/pod-info';
import type { TermGroup } from './term-index';
import { PairCounts, type IncomingTermMatcher } from './terms';

/**
 * Existing pods' anti-affinity counts. Read-only groups shared with the
 * plugin's index until AddPod/RemovePod first changes them; then a private
 * copy (materialized) takes over. The shared groups stay valid for the
 * cycle: the index only changes in the plugin's next PreFilter.
 */
export class ExistingAntiAffinity {
  constructor(
    private groups: readonly TermGroup[] | null,
    private own: PairCounts | null,
  ) {}

  get isEmpty(): boolean {
    return this.own !== null ? this.own.size === 0 : this.groups!.length === 0;
  }

  /** Whether any (key, value) label of the node has a positive count. */
  conflictsWith(labels: Labels): boolean {
    if (this.own !== null) return this.own.anyPositiveOn(labels);
    const groups = this.groups!;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      const v = labels === undefined ? undefined : labels[g.topologyKey];
      if (typeof v === 'string' && (g.table.get(v) ?? 0) > 0) return true;
    }
    return false;
  }

  mutable(): PairCounts {
    if (this.own === null) {
      const own = new PairCounts();
      for (const g of this.groups!) for (const [v, n] of g.table) own.add(g.topologyKey, v, n);
      this.own = own;
      this.groups = null;
    }
    return this.own;
  }

  clone(): ExistingAntiAffinity {
    return new ExistingAntiAffinity(this.groups, this.own === null ? null : this.own.clone());
  }
}

export class PreFilterState implements StateData {
  constructor(
    readonly pod: PodInfo,
    /** Labels of the incoming pod's namespace. */
    readonly nsLabels: Labels,
    readonly matcher: IncomingTermMatcher,
    readonly existingAntiAffinity: ExistingAntiAffinity,
    readonly affinity: PairCounts,
    readonly antiAffinity: PairCounts,
    /** The incoming pod matches all of its own required affinity terms. */
    readonly selfMatchesAffinity: boolean,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(
      this.pod,
      this.nsLabels,
      this.matcher,
      this.existingAntiAffinity.clone(),
      this.affinity.clone(),
      this.antiAffinity.clone(),
      this.selfMatchesAffinity,
    );
  }

  /** upstream updateWithPod: an existing pod (with `pi`'s terms) added to or removed from `node`. */
  updateWithPod(pi: PodInfo, node: NodeInfo, multiplier: number): void {
    const labels = node.labels;
    if (pi.requiredAntiAffinityTerms.length > 0) {
      let existing: PairCounts | null = null;
      for (const t of pi.requiredAntiAffinityTerms) {
        if (!affinityTermMatches(t, this.pod, this.nsLabels)) continue;
        existing ??= this.existingAntiAffinity.mutable();
        existing.addOnNode(labels, t.topologyKey, multiplier);
      }
    }
    const affinityTerms = this.pod.requiredAffinityTerms;
    if (this.matcher.matchesAll(affinityTerms, pi)) {
      for (const t of affinityTerms) this.affinity.addOnNode(labels, t.topologyKey, multiplier);
    }
    for (const t of this.pod.requiredAntiAffinityTerms) {
      if (this.matcher.matches(t, pi)) this.antiAffinity.addOnNode(labels, t.topologyKey, multiplier);
    }
  }

  /** Every affinity term's key is on the node with a matching pod in its domain, or the first-pod exception. */
  satisfiesPodAffinity(labels: Labels): boolean {
    const terms = this.pod.requiredAffinityTerms;
    let podsExist = true;
    for (let i = 0; i < terms.length; i++) {
      const key = terms[i].topologyKey;
      const v = labels === undefined ? undefined : labels[key];
      if (typeof v !== 'string') return false; // all topology labels must exist on the node
      if (this.affinity.get(key, v) <= 0) podsExist = false;
    }
    if (podsExist) return true;
    // The first pod of a group with affinity to itself: no pod matches yet anywhere,
    // and the pod matches its own terms.
    return this.affinity.size === 0 && this.selfMatchesAffinity;
  }

  /** No pod matching an anti-affinity term in the node's domain of that term. */
  satisfiesPodAntiAffinity(labels: Labels): boolean {
    if (this.antiAffinity.size === 0) return true;
    const terms = this.pod.requiredAntiAffinityTerms;
    for (let i = 0; i < terms.length; i++) {
      const key = terms[i].topologyKey;
      const v = labels === undefined ? undefined : labels[key];
      if (typeof v === 'string' && this.antiAffinity.get(key, v) > 0) return false;
    }
    return true;
  }
}
