/**
 * matchLabelKeys / mismatchLabelKeys validation (pkg/apis/core/validation
 * `ValidateMatchLabelKeysAndMismatchLabelKeys`, for pod (anti-)affinity terms, and for topology
 * spread constraints while MatchLabelKeysInPodTopologySpreadSelectorMerge is on, as in v1.36):
 * 1. the keys of each list must be label names, and a list may only be given with a labelSelector
 *    (`Forbidden: must not be specified when labelSelector is not set`);
 * 2. a matchLabelKeys key the selector already names is refused, `exists in both matchLabelKeys and
 *    labelSelector`. Upstream validates a created Pod after PrepareForCreate merged the keys into
 *    its selectors, and finds the key as an expression after the same key in matchLabels or an
 *    earlier expression; so a Pod is refused only when it has that label (the merge adds nothing
 *    otherwise), and a pod template (never merged) only when its selector names the key twice.
 *    The error's path is the term's path with the key's index appended (`…[0][0]`), as upstream
 *    writes it;
 * 3. a key in both lists: `exists in both matchLabelKeys and mismatchLabelKeys`.
 */
import { isQualifiedName } from '../scheduler/plugins/helpers/args-validation';
import { isObj } from './is-object';

export interface LabelKeyError {
  field: string;
  message: string;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function labelKeyNames(path: string, keys: string[], selector: unknown): LabelKeyError[] {
  if (keys.length === 0) return [];
  if (!isObj(selector)) return [{ field: path, message: 'Forbidden: must not be specified when labelSelector is not set' }];
  const out: LabelKeyError[] = [];
  keys.forEach((key, i) => {
    for (const m of isQualifiedName(key)) out.push({ field: `${path}[${i}]`, message: `Invalid value: ${JSON.stringify(key)}: ${m}` });
  });
  return out;
}

/**
 * The errors of one term or constraint at `path`. `labels`: a created Pod's labels (the merge is
 * played first); undefined for a pod template or a Pod from the API (already merged).
 */
export function validateLabelKeys(path: string, matchKeys: unknown, mismatchKeys: unknown, selector: unknown, labels: Record<string, string> | undefined): LabelKeyError[] {
  const match = strings(matchKeys);
  const mismatch = strings(mismatchKeys);
  const out = [...labelKeyNames(`${path}.matchLabelKeys`, match, selector), ...labelKeyNames(`${path}.mismatchLabelKeys`, mismatch, selector)];
  if (isObj(selector)) {
    const index = new Map<string, number>();
    match.forEach((k, i) => index.set(k, i));
    const seen = new Set<string>(isObj(selector.matchLabels) ? Object.keys(selector.matchLabels) : []);
    const expressionKeys = (Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []).map((e: unknown) => (isObj(e) && typeof e.key === 'string' ? e.key : ''));
    // PrepareForCreate's merge: an expression for each key the pod has a label for.
    if (labels !== undefined) {
      for (const k of [...match, ...mismatch]) if (Object.prototype.hasOwnProperty.call(labels, k)) expressionKeys.push(k);
    }
    for (const key of expressionKeys) {
      const i = index.get(key);
      if (i !== undefined && seen.has(key)) out.push({ field: `${path}[${i}]`, message: `Invalid value: ${JSON.stringify(key)}: exists in both matchLabelKeys and labelSelector` });
      seen.add(key);
    }
  }
  const mismatchSet = new Set(mismatch);
  match.forEach((k, i) => {
    if (mismatchSet.has(k)) out.push({ field: `${path}.matchLabelKeys[${i}]`, message: `Invalid value: ${JSON.stringify(k)}: exists in both matchLabelKeys and mismatchLabelKeys` });
  });
  return out;
}

/** Every term's and constraint's errors in a pod spec (paths from `spec`). */
export function validatePodLabelKeys(spec: Record<string, unknown>, labels: Record<string, string> | undefined): LabelKeyError[] {
  const out: LabelKeyError[] = [];
  const affinity = spec.affinity;
  if (isObj(affinity)) {
    for (const kind of ['podAffinity', 'podAntiAffinity']) {
      const a = affinity[kind];
      if (!isObj(a)) continue;
      const base = `spec.affinity.${kind}`;
      const required = Array.isArray(a.requiredDuringSchedulingIgnoredDuringExecution) ? a.requiredDuringSchedulingIgnoredDuringExecution : [];
      required.forEach((t: unknown, i: number) => {
        if (isObj(t)) out.push(...validateLabelKeys(`${base}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`, t.matchLabelKeys, t.mismatchLabelKeys, t.labelSelector, labels));
      });
      const preferred = Array.isArray(a.preferredDuringSchedulingIgnoredDuringExecution) ? a.preferredDuringSchedulingIgnoredDuringExecution : [];
      preferred.forEach((w: unknown, i: number) => {
        const t = isObj(w) ? w.podAffinityTerm : undefined;
        if (isObj(t)) out.push(...validateLabelKeys(`${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}].podAffinityTerm`, t.matchLabelKeys, t.mismatchLabelKeys, t.labelSelector, labels));
      });
    }
  }
  const spread = Array.isArray(spec.topologySpreadConstraints) ? spec.topologySpreadConstraints : [];
  spread.forEach((c: unknown, i: number) => {
    if (isObj(c)) out.push(...validateLabelKeys(`spec.topologySpreadConstraints[${i}]`, c.matchLabelKeys, undefined, c.labelSelector, labels));
  });
  return out;
}
