/**
 * kubectl apply's three-way merge (client-side apply, the default), computed as the object the API
 * server stores once it has applied kubectl's strategic-merge patch:
 *
 * - `live`: the stored object; `original`: the previous manifest (the last-applied annotation, or
 *   nothing when the object has none); `modified`: the new manifest.
 * - A field the new manifest names is set (maps are merged key by key, recursively); a field the
 *   previous manifest named and the new one does not is deleted; a field in neither (set by a
 *   controller, a default or another client) is kept.
 * - Lists are replaced whole, except where the API types give a strategic-merge patch strategy
 *   (`patchStrategy:"merge" patchMergeKey:"…"` in k8s.io/api): their items are matched by the merge
 *   key and merged one by one, items only in the live list stay, items the previous manifest had and
 *   the new one has not go; lists of scalars with the merge strategy (finalizers) are merged as sets.
 *   The order is the new manifest's, with the live-only items slotted in by their live position
 *   (strategicpatch `$setElementOrder`, normalizeElementOrder and mergeSortedSlice).
 * - A struct with the `retainKeys` strategy (a Deployment's `strategy`, a pod volume) keeps only the
 *   keys the new manifest names, so `type: Recreate` drops the live `rollingUpdate`.
 *
 * Upstream: k8s.io/apimachinery/pkg/util/strategicpatch (CreateThreeWayMergePatch: a delta of
 * current → modified without deletions, merged with the deletions of original → modified) and
 * k8s.io/kubectl/pkg/cmd/apply (patcher.patchSimple). Written from those rules, not translated.
 */
import { isObj } from '../model/is-object';
import { deepClone, getOwn, setOwn } from '../store/clone';

/** Keys are the manifest's own (a key `constructor` or `__proto__` is data, never an inherited member). */
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

type Obj = Record<string, unknown>;

/** One field's patch metadata: a merge key for a list of maps, `''` for a list of scalars merged as a set. */
export interface FieldStrategy {
  mergeKey?: string;
  retainKeys?: boolean;
  /** `patchStrategy:"replace"`: the struct is replaced whole, not merged. */
  replace?: boolean;
  /** The schema of the field's value (of each item, for a list). */
  of?: Schema;
}
export type Schema = Readonly<Record<string, FieldStrategy>>;

// ---- the patch strategies of the types Podscape models (k8s.io/api core/v1, apps/v1, batch/v1, policy/v1) ----

const ENV_VAR: Schema = {};
const CONTAINER: Schema = {
  ports: { mergeKey: 'containerPort' },
  env: { mergeKey: 'name', of: ENV_VAR },
  volumeMounts: { mergeKey: 'mountPath' },
  volumeDevices: { mergeKey: 'devicePath' },
};
const POD_SPEC: Schema = {
  volumes: { mergeKey: 'name', retainKeys: true },
  initContainers: { mergeKey: 'name', of: CONTAINER },
  containers: { mergeKey: 'name', of: CONTAINER },
  ephemeralContainers: { mergeKey: 'name', of: CONTAINER },
  imagePullSecrets: { mergeKey: 'name' },
  hostAliases: { mergeKey: 'ip' },
  topologySpreadConstraints: { mergeKey: 'topologyKey' },
  schedulingGates: { mergeKey: 'name' },
  resourceClaims: { mergeKey: 'name', retainKeys: true },
  // tolerations, readinessGates, affinity terms: no strategy (replaced whole).
};
const OBJECT_META: Schema = {
  finalizers: { mergeKey: '' },
  ownerReferences: { mergeKey: 'uid' },
};
const POD_TEMPLATE: Schema = { metadata: { of: OBJECT_META }, spec: { of: POD_SPEC } };
const WORKLOAD_SPEC: Schema = { template: { of: POD_TEMPLATE } };

/** The schema of each kind's top level (metadata and spec); an unknown kind merges maps and replaces lists (as a JSON merge patch). */
const KINDS: Record<string, Schema> = {
  Pod: { metadata: { of: OBJECT_META }, spec: { of: POD_SPEC } },
  Deployment: { metadata: { of: OBJECT_META }, spec: { of: { ...WORKLOAD_SPEC, strategy: { retainKeys: true } } } },
  ReplicaSet: { metadata: { of: OBJECT_META }, spec: { of: WORKLOAD_SPEC } },
  DaemonSet: { metadata: { of: OBJECT_META }, spec: { of: WORKLOAD_SPEC } },
  StatefulSet: { metadata: { of: OBJECT_META }, spec: { of: WORKLOAD_SPEC } },
  Job: { metadata: { of: OBJECT_META }, spec: { of: WORKLOAD_SPEC } },
  CronJob: { metadata: { of: OBJECT_META }, spec: { of: { jobTemplate: { of: { metadata: { of: OBJECT_META }, spec: { of: WORKLOAD_SPEC } } } } } },
  PodDisruptionBudget: { metadata: { of: OBJECT_META }, spec: { of: { selector: { replace: true } } } },
  Node: { metadata: { of: OBJECT_META }, spec: { of: { podCIDRs: { mergeKey: '' } } } },
  Service: { metadata: { of: OBJECT_META }, spec: { of: { ports: { mergeKey: 'port' } } } },
};

/** The strategic-merge schema of a kind (the metadata's alone for a kind not listed). */
export function schemaOf(kind: string): Schema {
  return KINDS[kind] ?? { metadata: { of: OBJECT_META } };
}

// ---- the merge ----

/**
 * The three-way merge of maps: `live` with the fields of `modified` set, those of `original` that
 * `modified` lacks deleted, and the rest kept. Returns a new map; the inputs are not written.
 */
export function threeWayMerge(live: Obj | undefined, original: Obj | undefined, modified: Obj, schema: Schema = {}, retainKeys = false): Obj {
  const out: Obj = { ...(live ?? {}) };
  if (original) for (const k of Object.keys(original)) if (!hasOwn(modified, k)) delete out[k];
  for (const [k, want] of Object.entries(modified)) {
    // An explicit null in the manifest deletes the field (a null in a merge patch).
    if (want === null || want === undefined) {
      delete out[k];
      continue;
    }
    const field = getOwn(schema, k) as FieldStrategy | undefined;
    const have = live && getOwn(live, k);
    const before = original && getOwn(original, k);
    if (isObj(want) && isObj(have) && !field?.replace) {
      setOwn(out, k, threeWayMerge(have, isObj(before) ? before : undefined, want, field?.of ?? {}, field?.retainKeys === true));
    } else if (Array.isArray(want) && Array.isArray(have) && field?.mergeKey !== undefined) {
      setOwn(out, k, mergeList(have, Array.isArray(before) ? before : undefined, want, field));
    } else {
      setOwn(out, k, withoutNulls(want));
    }
  }
  // retainKeys: the keys the manifest does not name are cleared (the `$retainKeys` directive is sent
  // when the manifest names at least one key).
  if (retainKeys && Object.values(modified).some((v) => v !== null && v !== undefined)) {
    for (const k of Object.keys(out)) if (!hasOwn(modified, k)) delete out[k];
  }
  return out;
}

/**
 * A copy of a manifest's value taken whole (its field is missing in the live object, or replaced),
 * without the nulls of its maps, at any depth: a null asks to delete a field, and there is nothing
 * to delete, so nothing is stored (strategicpatch's discardNullValuesFromPatch, which the API server
 * runs with IgnoreUnmatchedNulls; a JSON merge patch prunes them the same way). Items of a list are
 * kept as they are, nulls included, their maps cleaned.
 */
function withoutNulls<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map((x: unknown) => withoutNulls(x)) as T;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v as Obj)) if (x !== null && x !== undefined) setOwn(out, k, withoutNulls(x));
  return out as T;
}

export const keyOf = (item: unknown, mergeKey: string): unknown => (mergeKey === '' ? item : isObj(item) ? item[mergeKey] : undefined);

/** A list with a merge strategy: items matched by the merge key (or, for scalars, by value). */
function mergeList(live: unknown[], original: unknown[] | undefined, modified: unknown[], field: FieldStrategy): unknown[] {
  const mergeKey = field.mergeKey!;
  // An item without its merge key cannot be matched: upstream refuses the patch; replace the list instead.
  if (mergeKey !== '' && [...live, ...modified, ...(original ?? [])].some((i) => !isObj(i) || !(mergeKey in i))) return withoutNulls(modified);
  const find = (list: readonly unknown[] | undefined, key: unknown) => list?.find((i) => keyOf(i, mergeKey) === key);
  const wanted = new Set(modified.map((i) => keyOf(i, mergeKey)));
  const dropped = new Set((original ?? []).map((i) => keyOf(i, mergeKey)).filter((k) => !wanted.has(k)));
  const seen = new Set<unknown>();
  const patched: unknown[] = [];
  for (const item of modified) {
    const key = keyOf(item, mergeKey);
    if (seen.has(key)) continue;
    seen.add(key);
    const have = find(live, key);
    const before = find(original, key);
    if (mergeKey !== '' && isObj(have) && isObj(item)) patched.push(threeWayMerge(have, isObj(before) ? before : undefined, item, field.of ?? {}, field.retainKeys === true));
    else patched.push(withoutNulls(item));
  }
  const serverOnly = live.filter((i) => !wanted.has(keyOf(i, mergeKey)) && !dropped.has(keyOf(i, mergeKey))).map((i) => deepClone(i));
  return interleave(serverOnly, patched, live.map((i) => keyOf(i, mergeKey)), mergeKey);
}

/**
 * strategicpatch's mergeSortedSlice: the server-only items (in live order) slotted into the patched
 * items (in the manifest's order); a server-only item goes first when the live list has it before
 * the next patched item, otherwise the patched item does.
 */
export function interleave(serverOnly: unknown[], patched: unknown[], liveKeys: unknown[], mergeKey: string): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patched.length) {
    if (i >= serverOnly.length) out.push(patched[j++]);
    else if (j >= patched.length) out.push(serverOnly[i++]);
    else {
      const li = liveKeys.indexOf(keyOf(serverOnly[i], mergeKey));
      const ri = liveKeys.indexOf(keyOf(patched[j], mergeKey));
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
      else out.push(patched[j++]);
    }
  }
  return out;
}
