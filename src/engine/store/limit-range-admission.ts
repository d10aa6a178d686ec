/**
 * The LimitRanger admission plugin for pods on create (kubernetes plugin/pkg/admission/limitranger):
 * - mutating, before the name is generated: each container and init container gets the
 *   namespace's Container `default` as limits and `defaultRequest` as requests where it has none,
 *   and the pod the annotation `kubernetes.io/limit-ranger: LimitRanger plugin set: cpu, memory
 *   request for container app; cpu limit for container app`;
 * - validating, after: `min`, `max` and `maxLimitRequestRatio` per Container (each container and
 *   init container) and per Pod (the pod's aggregate requests and limits), refused as Forbidden
 *   with upstream's words (`maximum cpu usage per Container is 1, but limit is 2`; several as
 *   `[a, b]`), the first LimitRange with a violation giving the error.
 * A LimitRange item's own API defaults are applied when it is read (SetDefaults_LimitRangeItem:
 * a Container item's `default` from `max`, `defaultRequest` from `default`, then from `min`);
 * the stored LimitRange does not show them. The API server's requests-from-limits defaulting
 * comes first, as upstream decodes before admission. Resource names are walked in sorted order
 * (upstream: Go map order). PersistentVolumeClaim items are not enforced (claims are inert).
 */
import type { Container, KubeObject, Pod } from '../model/types';
import { isObj } from '../model/is-object';
import type { Quantity } from '../model/quantity';
import { type Amounts, amountsOf, podAmounts } from '../model/quota-usage';
import { defaultRequestsFromLimits } from '../model/pod-requests';
import { StoreError } from './store-error';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

interface LimitItem {
  type?: string;
  min?: Record<string, string>;
  max?: Record<string, string>;
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  maxLimitRequestRatio?: Record<string, string>;
}

export interface LimitRange extends KubeObject {
  spec?: { limits?: LimitItem[] };
}

/** The items with SetDefaults_LimitRangeItem applied. */
function items(lr: LimitRange): LimitItem[] {
  const list = Array.isArray(lr.spec?.limits) ? lr.spec!.limits! : [];
  return list.filter(isObj).map((item) => {
    if (item.type !== 'Container') return item;
    const def = { ...(item.max ?? {}), ...(item.default ?? {}) };
    const defReq = { ...(item.min ?? {}), ...def, ...(item.defaultRequest ?? {}) };
    return { ...item, default: def, defaultRequest: defReq };
  });
}

/** The mutating half: defaults into the pod (copy-on-write of the spec, containers and annotations). */
export function applyLimitRangeDefaults(pod: Pod, ranges: readonly LimitRange[]): void {
  if (ranges.length === 0 || !isObj(pod.spec)) return;
  defaultRequestsFromLimits(pod);
  const notes: string[] = [];
  const merge = (list: Container[] | undefined, prefix: string, limits: Record<string, string>, requests: Record<string, string>) =>
    Array.isArray(list)
      ? list.map((c) => {
          if (!isObj(c)) return c;
          const res = isObj(c.resources) ? c.resources : {};
          const lim = { ...(isObj(res.limits) ? res.limits : {}) } as Record<string, string>;
          const req = { ...(isObj(res.requests) ? res.requests : {}) } as Record<string, string>;
          const setLim = Object.keys(limits).filter((k) => !(k in lim)).sort();
          const setReq = Object.keys(requests).filter((k) => !(k in req)).sort();
          for (const k of setLim) lim[k] = limits[k];
          for (const k of setReq) req[k] = requests[k];
          if (setReq.length > 0) notes.push(`${setReq.join(', ')} request for ${prefix} ${c.name}`);
          if (setLim.length > 0) notes.push(`${setLim.join(', ')} limit for ${prefix} ${c.name}`);
          if (setLim.length === 0 && setReq.length === 0) return c;
          return { ...c, resources: { ...res, limits: lim, requests: req } };
        })
      : list;
  // upstream runs the mutation once per LimitRange, each seeing the previous one's defaults.
  for (const lr of ranges) {
    const limits: Record<string, string> = {};
    const requests: Record<string, string> = {};
    for (const item of items(lr)) {
      if (item.type !== 'Container') continue;
      Object.assign(requests, item.defaultRequest);
      Object.assign(limits, item.default);
    }
    if (Object.keys(limits).length === 0 && Object.keys(requests).length === 0) continue;
    notes.length = 0;
    const containers = merge(pod.spec.containers, 'container', limits, requests)!;
    const initContainers = merge(pod.spec.initContainers, 'init container', limits, requests);
    pod.spec = { ...pod.spec, containers, ...(initContainers ? { initContainers } : {}) };
    if (notes.length > 0) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
  }
}

/** Request, limit and bound at one precision (requestLimitEnforcedValues): milli-units unless too large. */
const milli = (q: Quantity | undefined): bigint => (q === undefined ? 0n : q.milliValueBig());

function minCheck(type: string, name: string, bound: Quantity, req: Amounts, lim: Amounts): string | undefined {
  const r = req.get(name);
  const l = lim.get(name);
  if (!r) return `minimum ${name} usage per ${type} is ${bound}.  No request is specified`;
  if (milli(r) < milli(bound)) return `minimum ${name} usage per ${type} is ${bound}, but request is ${r}`;
  if (l && milli(l) < milli(bound)) return `minimum ${name} usage per ${type} is ${bound}, but limit is ${l}`;
  return undefined;
}

function maxCheck(type: string, name: string, bound: Quantity, req: Amounts, lim: Amounts): string | undefined {
  const r = req.get(name);
  const l = lim.get(name);
  if (!l) return `maximum ${name} usage per ${type} is ${bound}.  No limit is specified`;
  if (milli(l) > milli(bound)) return `maximum ${name} usage per ${type} is ${bound}, but limit is ${l}`;
  if (r && milli(r) > milli(bound)) return `maximum ${name} usage per ${type} is ${bound}, but request is ${r}`;
  return undefined;
}

function ratioCheck(type: string, name: string, bound: Quantity, req: Amounts, lim: Amounts): string | undefined {
  const r = milli(req.get(name));
  const l = milli(lim.get(name));
  if (r === 0n) return `${name} max limit to request ratio per ${type} is ${bound}, but no request is specified or request is 0`;
  if (l === 0n) return `${name} max limit to request ratio per ${type} is ${bound}, but no limit is specified or limit is 0`;
  const ratio = Number(l) / Number(r);
  if (ratio * 1000 > Number(milli(bound))) return `${name} max limit to request ratio per ${type} is ${bound}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function checks(type: string, item: LimitItem, req: Amounts, lim: Amounts): string[] {
  const out: string[] = [];
  const run = (list: Record<string, string> | undefined, f: typeof minCheck) => {
    const bounds = amountsOf(list);
    for (const name of [...bounds.keys()].sort()) {
      const e = f(type, name, bounds.get(name)!, req, lim);
      if (e) out.push(e);
    }
  };
  run(item.min, minCheck);
  run(item.max, maxCheck);
  run(item.maxLimitRequestRatio, ratioCheck);
  return out;
}

const resourcesOf = (c: Container, field: 'requests' | 'limits'): Amounts => amountsOf(isObj(c.resources) ? (c.resources as Record<string, unknown>)[field] : undefined);

/** The validating half: throws the first LimitRange's violations as Forbidden. */
export function validateLimitRanges(pod: Pod, ranges: readonly LimitRange[]): void {
  for (const lr of ranges) {
    const errs: string[] = [];
    for (const item of items(lr)) {
      if (item.type === 'Container') {
        for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])]) {
          if (isObj(c)) errs.push(...checks('Container', item, resourcesOf(c, 'requests'), resourcesOf(c, 'limits')));
        }
      } else if (item.type === 'Pod') {
        errs.push(...checks('Pod', item, podAmounts(pod, 'requests'), podAmounts(pod, 'limits')));
      }
    }
    if (errs.length > 0) throw new StoreError('Forbidden', `pods "${pod.metadata.name ?? ''}" is forbidden: ${errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`}`);
  }
}

