/**
 * matchLabelKeys / mismatchLabelKeys, merged into the selectors when the API server creates a
 * pod (pkg/registry/core/pod/strategy.go PrepareForCreate → mutatePodAffinity,
 * mutateTopologySpreadConstraints; MatchLabelKeysInPodAffinity is GA and locked on since v1.33,
 * MatchLabelKeysInPodTopologySpreadSelectorMerge beta and on by default since v1.34). For each
 * key the pod has a label for, the term's labelSelector gets `key In [value]` (matchLabelKeys)
 * or `key NotIn [value]` (mismatchLabelKeys, pod (anti-)affinity only) appended to its
 * matchExpressions; a key without a label adds nothing; a term without a labelSelector is left
 * alone (a nil selector matches nothing). The scheduler then reads the merged selectors.
 * The keys are validated as upstream validates the merged pod (model/validate-label-keys.ts).
 */
import type { Affinity, LabelSelector, Pod, PodAffinityTerm } from '../model/types';
import { isObj } from '../model/is-object';

type Operator = 'In' | 'NotIn';

/** The selector with the expressions for `keys` appended (a new object), or the same one when none applies. */
function merged(selector: LabelSelector, keys: unknown, operator: Operator, labels: Record<string, string>): LabelSelector {
  if (!Array.isArray(keys)) return selector;
  let out = selector;
  for (const key of keys) {
    if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(labels, key)) continue;
    out = { ...out, matchExpressions: [...(out.matchExpressions ?? []), { key, operator, values: [labels[key]] }] };
  }
  return out;
}

function mergedTerm(term: PodAffinityTerm, labels: Record<string, string>): PodAffinityTerm {
  if (!term || typeof term !== 'object' || !term.labelSelector || typeof term.labelSelector !== 'object') return term;
  const selector = merged(merged(term.labelSelector, term.matchLabelKeys, 'In', labels), term.mismatchLabelKeys, 'NotIn', labels);
  return selector === term.labelSelector ? term : { ...term, labelSelector: selector };
}

/** `list` mapped with `f`, or the same array when `f` changed nothing. */
function mapped<T>(list: T[] | undefined, f: (x: T) => T): T[] | undefined {
  if (!Array.isArray(list)) return list;
  const out = list.map(f);
  return out.some((x, i) => x !== list[i]) ? out : list;
}

/**
 * Merges the pod's label keys into its affinity and topology spread selectors (on create). The
 * spec's own fields are replaced, never edited in place: their objects may be a template's.
 */
export function mergeLabelKeys(pod: Pod): void {
  const spec = pod.spec;
  const labels = pod.metadata.labels ?? {};
  if (isObj(spec.affinity)) {
    let affinity = spec.affinity as Affinity;
    for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
      const a = affinity[kind];
      if (!a || typeof a !== 'object') continue;
      const preferred = mapped(a.preferredDuringSchedulingIgnoredDuringExecution, (w) => {
        if (!w || typeof w !== 'object' || !w.podAffinityTerm || typeof w.podAffinityTerm !== 'object') return w;
        const t = mergedTerm(w.podAffinityTerm, labels);
        return t === w.podAffinityTerm ? w : { ...w, podAffinityTerm: t };
      });
      const required = mapped(a.requiredDuringSchedulingIgnoredDuringExecution, (t) => mergedTerm(t, labels));
      if (preferred !== a.preferredDuringSchedulingIgnoredDuringExecution || required !== a.requiredDuringSchedulingIgnoredDuringExecution) {
        affinity = { ...affinity, [kind]: { ...a, preferredDuringSchedulingIgnoredDuringExecution: preferred, requiredDuringSchedulingIgnoredDuringExecution: required } };
      }
    }
    if (affinity !== spec.affinity) spec.affinity = affinity;
  }
  const spread = mapped(spec.topologySpreadConstraints, (c) => {
    if (!c || typeof c !== 'object' || !c.labelSelector || typeof c.labelSelector !== 'object' || !Array.isArray(c.matchLabelKeys) || c.matchLabelKeys.length === 0) return c;
    const selector = merged(c.labelSelector, c.matchLabelKeys, 'In', labels);
    return selector === c.labelSelector ? c : { ...c, labelSelector: selector };
  });
  if (spread !== spec.topologySpreadConstraints) spec.topologySpreadConstraints = spread;
}
