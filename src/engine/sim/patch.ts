/**
 * `kubectl patch`, `kubectl label` and `kubectl annotate` (one object per command): the patch is
 * applied to the stored object as the API server applies it (patch-ops.ts), and the result goes
 * through the update path `kubectl apply` uses (validation, the immutable fields, the server's
 * metadata and the status kept, workload defaults), so the controllers see an ordinary update.
 * Like kubectl patch, none of them touch the `kubectl.kubernetes.io/last-applied-configuration`
 * annotation. Words follow kubectl (pkg/cmd/patch, label, annotate) and the API server's patch
 * handler (apiserver/pkg/endpoints/handlers/patch.go).
 */
import type { Command, CommandResult } from '../commands';
import type { KubeObject } from '../model/types';
import { validateObjects } from '../model/validate';
import { isObj } from '../model/is-object';
import { deepClone, deepEqual } from '../store/clone';
import { kubectlRef, pluralOf, resourceOf, scopeOf } from '../store/resources';
import { admitWorkload } from '../store/workload-admission';
import { isValidLabelValue } from '../scheduler/plugins/helpers/args-validation';
import { finishUpdate, invalidObject, selectorChangeCause, stripServerFields } from './apply';
import { jsonPatch, JsonPatchError, mergePatch, PatchError, strategicMergePatch } from './patch-ops';
import { schemaOf } from './three-way';
import type { SimContext } from './contracts';

export type PatchCommand = Extract<Command, { action: 'patch' }>;
export type LabelCommand = Extract<Command, { action: 'label' | 'annotate' }>;

type PatchType = NonNullable<PatchCommand['type']>;

const fail = (error: string): CommandResult => ({ ok: false, error });

/** The object a command names, or kubectl's error (an unknown resource type, NotFound). */
function target(ctx: SimContext, kind: string, namespace: string, name: string): KubeObject | CommandResult {
  const scope = scopeOf(kind);
  if (scope === 'Unknown') return fail(`error: the server doesn't have a resource type "${pluralOf(kind)}"`);
  const obj = ctx.store.get(kind, scope === 'Cluster' ? undefined : namespace, name);
  return obj ?? fail(`Error from server (NotFound): ${resourceOf(kind)} "${name}" not found`);
}

const isResult = (v: KubeObject | CommandResult): v is CommandResult => 'ok' in v && typeof v.ok === 'boolean';

/** kubectl's `-p` text as JSON: a string is parsed, a mapping or list (a scenario file's YAML) taken as it is. */
function patchValue(patch: unknown): unknown {
  if (typeof patch !== 'string') return patch;
  try {
    return JSON.parse(patch) as unknown;
  } catch (e) {
    throw new PatchError(`error: unable to parse ${JSON.stringify(patch)}: ${(e as Error).message}`);
  }
}

/** The kind of a decoded value, as Go's encoding/json names it in an unmarshal error. */
const goKind = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v);

/** The patched object (before the update checks); throws PatchError with kubectl's line. */
function patched(existing: KubeObject, type: PatchType, raw: unknown): KubeObject {
  const patch = patchValue(raw);
  if (type === 'json') {
    if (!Array.isArray(patch)) throw new PatchError(`Error from server (BadRequest): json: cannot unmarshal ${goKind(patch)} into Go value of type jsonpatch.Patch`);
    try {
      return jsonPatch(existing, patch) as KubeObject;
    } catch (e) {
      if (!(e instanceof JsonPatchError)) throw e;
      // A 422 without details: kubectl prints its generic Invalid line, not the operation's error.
      throw new PatchError('The request is invalid: the server rejected our request due to an error in our request');
    }
  }
  if (!isObj(patch)) throw new PatchError(`Error from server (BadRequest): error decoding patch: json: cannot unmarshal ${goKind(patch)} into Go value of type map[string]interface {}`);
  if (type === 'merge') return mergePatch(existing, patch) as KubeObject;
  return strategicMergePatch(existing as unknown as Record<string, unknown>, patch, schemaOf(existing.kind!)) as unknown as KubeObject;
}

/**
 * Stores `next` as an update of `existing` when the API server would; returns kubectl's line
 * (`<ref> <verb>` or `<ref> <unchanged>`) or its error, the state unchanged on an error.
 */
export function updateObject(ctx: SimContext, existing: KubeObject, candidate: KubeObject, verb: string, unchanged: string): CommandResult {
  const kind = existing.kind!;
  const name = existing.metadata.name!;
  const meta = isObj(candidate.metadata) ? candidate.metadata : {};
  // patch.go's checkName: the object may not move.
  if (meta.name !== name) return fail(`Error from server (BadRequest): the name of the object (${String(meta.name ?? '')}) does not match the name on the URL (${name})`);
  if ((meta.namespace ?? undefined) !== (existing.metadata.namespace ?? undefined)) {
    return fail('Error from server (BadRequest): the namespace of the provided object does not match the namespace sent on the request');
  }
  // The kind and version are the URL's, not the body's.
  const next = { ...candidate, kind, apiVersion: existing.apiVersion } as KubeObject;
  const updated = finishUpdate(existing, deepClone(next), ctx.config);
  const invalid = validateObjects([typeof updated === 'string' ? next : updated], ctx.config);
  if (invalid.length > 0) {
    if (invalid[0].badRequest) return fail(`Error from server (BadRequest): ${invalid[0].message}`);
    const selector = selectorChangeCause(existing, next);
    return fail(invalidObject(existing, selector ? [...invalid, { index: 0, ...selector }] : invalid));
  }
  if (typeof updated === 'string') return fail(updated);
  admitWorkload(updated, (existing as { spec?: unknown }).spec, ctx.config);
  const ref = kubectlRef(kind, name);
  if (deepEqual(stripServerFields(updated), stripServerFields(existing))) return { ok: true, messages: [`${ref} ${unchanged}`] };
  ctx.store.update(updated);
  return { ok: true, messages: [`${ref} ${verb}`] };
}

/** `kubectl patch <kind> <name> -p <patch> [--type strategic|merge|json]`. */
export function patchCommand(ctx: SimContext, c: PatchCommand): CommandResult {
  const existing = target(ctx, c.kind, c.namespace, c.name);
  if (isResult(existing)) return existing;
  let next: KubeObject;
  try {
    next = patched(existing, c.type ?? 'strategic', c.patch);
  } catch (e) {
    if (e instanceof PatchError) return fail(e.message);
    throw e;
  }
  if (!isObj(next) || !isObj(next.metadata)) return fail('Error from server (BadRequest): the patched object is not a Kubernetes object');
  return updateObject(ctx, existing, next, 'patched', 'patched (no change)');
}

/**
 * `kubectl label|annotate <kind> <name> key=value… key-… [--overwrite]`: kubectl's argument
 * checks (label.go parseLabels, annotate.go's pairs), its overwrite check, then the update.
 */
export function labelCommand(ctx: SimContext, c: LabelCommand): CommandResult {
  const label = c.action === 'label';
  const what = label ? 'label' : 'annotation';
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const spec of c.changes) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (label && parts.length !== 2) return fail(`error: invalid label spec: ${spec}`);
      const [key, ...rest] = parts;
      const value = rest.join('=');
      if (!label && key === '') return fail(`error: invalid annotation format: ${spec}`);
      if (label) {
        const errs = isValidLabelValue(value);
        if (errs.length > 0) return fail(`error: invalid label value: ${JSON.stringify(spec)}: ${errs.join(';')}`);
      }
      set[key] = value;
    } else if (spec.endsWith('-') && spec.length > 1) remove.push(spec.slice(0, -1));
    else return fail(label ? `error: unknown label spec: ${spec}` : `error: invalid annotation format: ${spec}`);
  }
  if (remove.some((k) => k in set)) return fail(`error: can not both modify and remove ${label ? 'a label' : 'an annotation'} in the same command`);
  if (Object.keys(set).length === 0 && remove.length === 0) return fail(`error: at least one ${what} update is required`);
  const existing = target(ctx, c.kind, c.namespace, c.name);
  if (isResult(existing)) return existing;
  const field = label ? 'labels' : 'annotations';
  const current = (isObj(existing.metadata[field]) ? existing.metadata[field] : {}) as Record<string, string>;
  if (!c.overwrite) {
    const taken = Object.keys(set).filter((k) => Object.hasOwn(current, k)).map((k) => `'${k}' already has a value (${current[k]})${label ? ', and --overwrite is false' : ''}`);
    if (taken.length > 0) {
      if (!label) return fail(`error: --overwrite is false but found the following declared annotation(s): ${taken.join('; ')}`);
      return fail(`error: ${taken.length === 1 ? taken[0] : `[${taken.join(', ')}]`}`);
    }
  }
  const values = { ...current, ...set };
  for (const k of remove) delete values[k];
  const next = deepClone(existing);
  next.metadata[field] = values;
  if (!label) return updateObject(ctx, existing, next, 'annotated', 'annotated');
  // label.go: a note for each label to remove that is not there; "unlabeled" when, without
  // --overwrite, the object got shorter (updateDataChangeMsg compares the JSON lengths).
  const notes = remove.filter((k) => !Object.hasOwn(current, k)).map((k) => `label ${JSON.stringify(k)} not found.`);
  const shorter = !c.overwrite && JSON.stringify(next).length < JSON.stringify(existing).length;
  const r = updateObject(ctx, existing, next, shorter ? 'unlabeled' : 'labeled', 'not labeled');
  return r.ok ? { ok: true, messages: [...notes, ...(r.messages ?? [])] } : r;
}
