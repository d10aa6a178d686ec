/**
 * Affinity-term helpers for InterPodAffinity: term signatures (equal
 * signatures select the same pods, so work can be shared across pods and
 * cycles), matching of the incoming pod's terms against existing pods, and
 * the (topologyKey, value) → count maps of upstream's topologyToMatchedTermCount.
 */
import type { Labels } from '../../../model/labels';
import type { LabelSelector, PodAffinityTerm, WeightedPodAffinityTerm } from '../../../model/types';
import type { ClusterListers } from '../../framework/interfaces';
import type { AffinityTerm, PodInfo } from '../../framework/pod-info';
import { labelValue } from '../helpers/node-columns';

/** What identifies a term for sharing: equal signatures select the same pods. */
export interface TermKey {
  readonly sig: string;
  /**
   * A `key\0value` label every pod the term selects must have (from
   * matchLabels, or an In requirement with one value); null if there is none.
   */
  readonly requiredLabel: string | null;
}

/** Term keys of a pod, index-aligned with PodInfo's term arrays. */
export interface PodSigs {
  readonly requiredAffinity: readonly TermKey[];
  readonly requiredAntiAffinity: readonly TermKey[];
  readonly preferredAffinity: readonly TermKey[];
  readonly preferredAntiAffinity: readonly TermKey[];
}

const sigCache = new WeakMap<PodInfo, PodSigs>();

function requiredLabel(sel: LabelSelector | null | undefined): string | null {
  if (!sel) return null;
  const ml = Object.entries(sel.matchLabels ?? {}).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (ml.length > 0) return `${ml[0][0]}\0${ml[0][1]}`;
  for (const r of sel.matchExpressions ?? []) {
    if (r.operator === 'In' && r.values?.length === 1) return `${r.key}\0${r.values[0]}`;
  }
  return null;
}

function termKey(term: AffinityTerm, spec: PodAffinityTerm | undefined): TermKey {
  return {
    sig: JSON.stringify([[...term.namespaces].sort(), spec?.labelSelector ?? null, spec?.namespaceSelector ?? null, term.topologyKey]),
    requiredLabel: requiredLabel(spec?.labelSelector),
  };
}

function keys(terms: readonly AffinityTerm[], specs: readonly PodAffinityTerm[] | undefined): TermKey[] {
  return terms.map((t, i) => termKey(t, specs?.[i]));
}

function weightedSpecs(w: readonly WeightedPodAffinityTerm[] | undefined): PodAffinityTerm[] | undefined {
  return w?.map((x) => x.podAffinityTerm);
}

/** The keys of every term of `pi`, computed once per PodInfo. */
export function podSigs(pi: PodInfo): PodSigs {
  let s = sigCache.get(pi);
  if (s === undefined) {
    const a = pi.pod.spec.affinity;
    s = {
      requiredAffinity: keys(pi.requiredAffinityTerms, a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
      requiredAntiAffinity: keys(pi.requiredAntiAffinityTerms, a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
      preferredAffinity: keys(pi.preferredAffinityTerms, weightedSpecs(a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution)),
      preferredAntiAffinity: keys(pi.preferredAntiAffinityTerms, weightedSpecs(a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution)),
    };
    sigCache.set(pi, s);
  }
  return s;
}

/**
 * A term of the incoming pod matches an existing pod without looking up that
 * pod's namespace labels: namespaces listed (or the pod's own), or a
 * namespaceSelector that is nil (no namespace) or empty (every namespace).
 */
export function isSelfContained(term: AffinityTerm): boolean {
  return term.namespaceSelector.empty || term.namespaceSelector.nothing;
}

/**
 * Matches the incoming pod's terms against existing pods. Upstream first
 * replaces a term's namespaceSelector by the namespaces it selects; here the
 * labels of each namespace met are looked up once, lazily.
 */
export class IncomingTermMatcher {
  private readonly nsLabels = new Map<string, Labels>();

  constructor(private readonly listers: ClusterListers) {}

  matches(term: AffinityTerm, p: PodInfo): boolean {
    if (!term.selector.matches(p.labels)) return false;
    if (term.namespaces.has(p.namespace)) return true;
    const nsSel = term.namespaceSelector;
    if (nsSel.empty) return true;
    if (nsSel.nothing) return false;
    let labels = this.nsLabels.get(p.namespace);
    if (labels === undefined && !this.nsLabels.has(p.namespace)) {
      labels = this.listers.namespaceLabels(p.namespace);
      this.nsLabels.set(p.namespace, labels);
    }
    return nsSel.matches(labels);
  }

  /** upstream podMatchesAllAffinityTerms: false for no terms. */
  matchesAll(terms: readonly AffinityTerm[], p: PodInfo): boolean {
    if (terms.length === 0) return false;
    for (const t of terms) if (!this.matches(t, p)) return false;
    return true;
  }
}

/** (topologyKey, value) → count; zero counts are removed (upstream topologyToMatchedTermCount). */
export class PairCounts {
  private readonly byKey = new Map<string, Map<string, number>>();
  private pairs = 0;

  /** Number of (key, value) pairs with a non-zero count. */
  get size(): number {
    return this.pairs;
  }

  get(key: string, value: string): number {
    const m = this.byKey.get(key);
    if (m === undefined) return 0;
    return m.get(value) ?? 0;
  }

  add(key: string, value: string, delta: number): void {
    let m = this.byKey.get(key);
    if (m === undefined) this.byKey.set(key, (m = new Map()));
    const old = m.get(value);
    const next = (old ?? 0) + delta;
    if (next === 0) {
      if (old !== undefined) {
        m.delete(value);
        this.pairs--;
      }
    } else {
      if (old === undefined) this.pairs++;
      m.set(value, next);
    }
  }

  /** Adds `delta` at (key, the node's value of key) when the node has the key. */
  addOnNode(labels: Labels, key: string, delta: number): void {
    const v = labelValue(labels, key);
    if (v !== undefined) this.add(key, v, delta);
  }

  /** Whether any of the node's (key, value) labels has a positive count. */
  anyPositiveOn(labels: Labels): boolean {
    if (this.pairs === 0) return false;
    for (const [key, m] of this.byKey) {
      const v = labelValue(labels, key);
      if (v !== undefined && (m.get(v) ?? 0) > 0) return true;
    }
    return false;
  }

  clone(): PairCounts {
    const c = new PairCounts();
    for (const [k, m] of this.byKey) if (m.size > 0) c.byKey.set(k, new Map(m));
    c.pairs = this.pairs;
    return c;
  }
}
