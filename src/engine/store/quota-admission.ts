/**
 * The ResourceQuota admission plugin on create (apiserver admission/plugin/resourcequota
 * controller.go CheckRequest, with pkg/quota/v1/evaluator/core/pods.go): the quotas of the
 * object's namespace that match it are read from their status (hard and used, as the quota
 * controller keeps them), the pod's containers must name every cpu/memory resource a matching
 * quota tracks, and the new usage may not pass any hard limit. Accepted, the quotas' status.used
 * is charged at once (upstream writes it before the object is stored); refused, the error is
 * the API server's Forbidden:
 * - `failed quota: <q>: must specify limits.cpu for: <containers>; requests.cpu for: <containers>`
 * - `status unknown for quota: <q>, resources: <names>` (the controller has not counted it yet)
 * - `exceeded quota: <q>, requested: <r=v,…>, used: <…>, limited: <…>`
 * Quotas are read in name order (upstream: the informer's order, which nothing fixes).
 * Only creates are checked: upstream charges a pod again only on a resize, which is not modelled.
 */
import type { KubeObject, Pod } from '../model/types';
import { isObj } from '../model/is-object';
import { type Amounts, MUST_SPECIFY, amountsOf, containerUsageNames, isBestEffort, listFrom, matchingResources, prettyPrint, usageOf } from '../model/quota-usage';
import { StoreError } from './store-error';
import { resourceOf } from './resources';

export interface ResourceQuota extends KubeObject {
  spec?: { hard?: Record<string, string>; scopes?: string[]; scopeSelector?: { matchExpressions?: ScopeRequirement[] } };
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}

interface ScopeRequirement {
  scopeName?: string;
  operator?: string;
  values?: string[];
}

/** The quota's scope requirements: `scopes` as Exists, then the scopeSelector's. */
function scopeSelectors(q: ResourceQuota): ScopeRequirement[] {
  const out: ScopeRequirement[] = (q.spec?.scopes ?? []).map((s) => ({ scopeName: s, operator: 'Exists' }));
  const exprs = q.spec?.scopeSelector?.matchExpressions;
  if (Array.isArray(exprs)) for (const e of exprs) if (isObj(e)) out.push(e);
  return out;
}

/** upstream podMatchesScopeFunc; other kinds match no scope (the object-count evaluator's MatchesNoScopeFunc). */
function matchesScope(kind: string, obj: KubeObject, s: ScopeRequirement): boolean {
  if (kind !== 'Pod') return false;
  const pod = obj as Pod;
  const terminating = typeof pod.spec.activeDeadlineSeconds === 'number' && pod.spec.activeDeadlineSeconds >= 0;
  switch (s.scopeName) {
    case 'Terminating':
      return terminating;
    case 'NotTerminating':
      return !terminating;
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'PriorityClass': {
      const pc = pod.spec.priorityClassName ?? '';
      const values = Array.isArray(s.values) ? s.values : [];
      if (s.operator === 'Exists') return pc !== '';
      if (s.operator === 'DoesNotExist') return pc === '';
      if (s.operator === 'In') return pc !== '' && values.includes(pc);
      if (s.operator === 'NotIn') return pc === '' || !values.includes(pc);
      return false;
    }
    default:
      return false;
  }
}

/** generic.Matches: the quota tracks one of the object's resources (in status.hard) and every scope matches. */
export function quotaMatches(q: ResourceQuota, kind: string, obj: KubeObject): boolean {
  if (matchingResources(kind, Object.keys(q.status?.hard ?? {})).length === 0) return false;
  return scopeSelectors(q).every((s) => matchesScope(kind, obj, s));
}

/** Like quotaMatches but against spec.hard: the controller's question of which objects a quota counts. */
export function quotaCounts(q: ResourceQuota, kind: string, obj: KubeObject): boolean {
  return scopeSelectors(q).every((s) => matchesScope(kind, obj, s));
}

/** upstream podEvaluator.Constraints: each container must name every required cpu/memory resource. */
function missingResources(pod: Pod, required: readonly string[]): string | undefined {
  const need = required.filter((r) => MUST_SPECIFY.has(r));
  if (need.length === 0) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])]) {
    if (!isObj(c)) continue;
    const has = containerUsageNames(c);
    for (const r of need) if (!has.has(r)) (missing.get(r) ?? missing.set(r, new Set()).get(r)!).add(String(c.name));
  }
  if (missing.size === 0) return undefined;
  return `must specify ${[...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`).join('; ')}`;
}

/**
 * Checks a create against `quotas` (the namespace's, any order) and returns the quotas whose
 * status.used must be charged, with their new status; throws the Forbidden refusal.
 */
export function admitQuota(quotas: readonly ResourceQuota[], kind: string, obj: KubeObject, now: number): ResourceQuota[] {
  if (quotas.length === 0) return [];
  const forbidden = (msg: string) => new StoreError('Forbidden', `${resourceOf(kind)} "${obj.metadata.name ?? ''}" is forbidden: ${msg}`);
  const sorted = [...quotas].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  const interesting: ResourceQuota[] = [];
  for (const q of sorted) {
    if (!quotaMatches(q, kind, obj)) continue;
    const hardNames = Object.keys(q.status?.hard ?? {});
    const restricted = matchingResources(kind, hardNames);
    if (kind === 'Pod') {
      const missing = missingResources(obj as Pod, restricted);
      if (missing) throw forbidden(`failed quota: ${q.metadata.name}: ${missing}`);
    }
    const used = q.status?.used ?? {};
    const unknown = restricted.filter((r) => !(r in used));
    if (unknown.length > 0) throw forbidden(`status unknown for quota: ${q.metadata.name}, resources: ${[...restricted].sort().join(',')}`);
    interesting.push(q);
  }
  if (interesting.length === 0) return [];
  const usage = usageOf(kind, obj, now);
  const out: ResourceQuota[] = [];
  for (const q of interesting) {
    const hard = amountsOf(q.status?.hard);
    const used = amountsOf(q.status?.used);
    const requested: Amounts = new Map([...usage].filter(([k, v]) => hard.has(k) && !v.isZero()));
    if (requested.size === 0) continue;
    const exceeded = [...requested.keys()].filter((k) => (used.get(k)?.add(requested.get(k)!) ?? requested.get(k)!).cmp(hard.get(k)!) > 0);
    if (exceeded.length > 0) {
      const mask = (m: Amounts) => new Map(exceeded.filter((k) => m.has(k)).map((k) => [k, m.get(k)!]));
      throw forbidden(`exceeded quota: ${q.metadata.name}, requested: ${prettyPrint(mask(requested))}, used: ${prettyPrint(mask(used))}, limited: ${prettyPrint(mask(hard))}`);
    }
    const next = new Map(used);
    for (const [k, v] of requested) next.set(k, next.get(k)?.add(v) ?? v);
    const keys = [...new Set([...Object.keys(q.status?.used ?? {}), ...requested.keys()])];
    out.push({ ...q, status: { ...q.status, used: listFrom(next, keys) } });
  }
  return out;
}
