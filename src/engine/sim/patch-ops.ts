/**
 * The three patch formats `kubectl patch --type` sends, applied as the API server applies them to
 * the stored object (pure functions on JSON values; the inputs are never written):
 *
 * - `merge`: a JSON merge patch (RFC 7386): maps merge key by key, `null` deletes a key, anything
 *   else (lists included) replaces the target's value.
 * - `json`: a JSON patch (RFC 6902): a list of add, remove, replace, move, copy and test operations
 *   on JSON pointers (RFC 6901, `~0` `~1` escapes, `-` for the end of a list), applied in order;
 *   any failure fails the whole patch.
 * - `strategic`: a strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch, two-way
 *   form): as a merge patch, except for lists with a patch strategy in the API types (three-way.ts's
 *   schema: containers, volumes, env, imagePullSecrets by name, ports by containerPort, volumeMounts
 *   by mountPath, ownerReferences by uid, finalizers as a set), whose items are matched by their
 *   merge key and merged one by one, new ones added; the `$patch: replace|delete|merge` directives
 *   on maps and list items, `$deleteFromPrimitiveList/<field>`, `$retainKeys` and
 *   `$setElementOrder/<field>` (order only). The merged list's order follows upstream's
 *   normalizeElementOrder: items the patch names in the patch's order, the others slotted in by
 *   their stored position (so a new container goes first, as the kubectl patch docs show).
 *
 * Written from the RFCs and from strategicpatch's behaviour, not translated.
 */
import { isObj } from '../model/is-object';
import { deepClone, deepEqual, getOwn, setOwn } from '../store/clone';
import { interleave, keyOf, type FieldStrategy, type Schema } from './three-way';

type Obj = Record<string, unknown>;
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** A patch the server cannot apply: `message` is kubectl's whole line. */
export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

// ---- RFC 7386 ----------------------------------------------------------------------------

/** The JSON merge patch of `target` with `patch` (a new value). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return deepClone(patch);
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else setOwn(out, k, mergePatch(getOwn(out, k), v));
  }
  return out;
}

// ---- RFC 6902 ----------------------------------------------------------------------------

/** Why one JSON-patch operation failed (the API server's message; kubectl shows its own line). */
export class JsonPatchError extends Error {}

function pointer(path: unknown): string[] {
  if (typeof path !== 'string') throw new JsonPatchError(`invalid path: ${String(path)}`);
  if (path === '') return [];
  if (!path.startsWith('/')) throw new JsonPatchError(`invalid path: ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const arrayIndex = (token: string, length: number, forAdd: boolean): number => {
  if (forAdd && token === '-') return length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new JsonPatchError(`invalid array index: ${token}`);
  const i = Number(token);
  if (i > length || (!forAdd && i === length)) throw new JsonPatchError(`index out of range: ${i}`);
  return i;
};

/** The container of the pointer's last token, and that token. */
function parentOf(doc: unknown, tokens: string[], path: string): [Obj | unknown[], string] {
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[arrayIndex(t, cur.length, false)];
    else if (isObj(cur) && hasOwn(cur, t)) cur = cur[t];
    else throw new JsonPatchError(`doc is missing path: ${path}`);
  }
  if (!Array.isArray(cur) && !isObj(cur)) throw new JsonPatchError(`doc is missing path: ${path}`);
  return [cur, tokens[tokens.length - 1]];
}

function getAt(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const t of pointer(path)) {
    if (Array.isArray(cur)) cur = cur[arrayIndex(t, cur.length, false)];
    else if (isObj(cur) && hasOwn(cur, t)) cur = cur[t];
    else throw new JsonPatchError(`doc is missing path: ${path}`);
  }
  return cur;
}

function addAt(doc: unknown, path: string, value: unknown): unknown {
  const tokens = pointer(path);
  if (tokens.length === 0) return deepClone(value);
  const [parent, key] = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(key, parent.length, true), 0, deepClone(value));
  else setOwn(parent, key, deepClone(value));
  return doc;
}

function removeAt(doc: unknown, path: string): unknown {
  const tokens = pointer(path);
  if (tokens.length === 0) throw new JsonPatchError('cannot remove the whole document');
  const [parent, key] = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(key, parent.length, false), 1);
  else if (hasOwn(parent, key)) delete parent[key];
  else throw new JsonPatchError(`unable to remove nonexistent key: ${key}: missing value`);
  return doc;
}

/** Applies a JSON patch (a list of operations) to a copy of `doc`; throws JsonPatchError. */
export function jsonPatch(doc: unknown, ops: readonly unknown[]): unknown {
  let out = deepClone(doc);
  for (const op of ops) {
    if (!isObj(op)) throw new JsonPatchError('operation must be an object');
    const path = op.path as string;
    switch (op.op) {
      case 'add':
        if (!hasOwn(op, 'value')) throw new JsonPatchError('add operation missing value');
        out = addAt(out, path, op.value);
        break;
      case 'remove':
        out = removeAt(out, path);
        break;
      case 'replace': {
        if (!hasOwn(op, 'value')) throw new JsonPatchError('replace operation missing value');
        getAt(out, path);
        const tokens = pointer(path);
        if (tokens.length === 0) out = deepClone(op.value);
        else {
          const [parent, key] = parentOf(out, tokens, path);
          if (Array.isArray(parent)) parent[arrayIndex(key, parent.length, false)] = deepClone(op.value);
          else setOwn(parent, key, deepClone(op.value));
        }
        break;
      }
      case 'move': {
        const from = op.from as string;
        if (typeof path === 'string' && typeof from === 'string' && path.startsWith(`${from}/`)) throw new JsonPatchError('move: the path is inside from');
        const value = getAt(out, from);
        out = addAt(removeAt(out, from), path, value);
        break;
      }
      case 'copy':
        out = addAt(out, path, getAt(out, op.from as string));
        break;
      case 'test':
        if (!deepEqual(getAt(out, path), op.value)) throw new JsonPatchError(`testing value ${path} failed: test failed`);
        break;
      default:
        throw new JsonPatchError(`Unexpected kind: ${String(op.op)}`);
    }
  }
  return out;
}

// ---- strategic merge patch -------------------------------------------------------------------

const DIRECTIVE = '$patch';
const DELETE_PRIMITIVES = '$deleteFromPrimitiveList/';
const ELEMENT_ORDER = '$setElementOrder/';
const RETAIN_KEYS = '$retainKeys';


/** Go's `%v` of a patch item, as strategicpatch's merge-key error prints it (`map[image:x]`). */
function goMap(v: unknown): string {
  if (!isObj(v)) return String(v);
  return `map[${Object.keys(v)
    .sort()
    .map((k) => `${k}:${isObj(v[k]) ? goMap(v[k]) : String(v[k])}`)
    .join(' ')}]`;
}

/** The strategic merge patch of the map `target` with `patch` and the kind's `schema`; throws PatchError. */
export function strategicMergePatch(target: Obj, patch: Obj, schema: Schema): Obj {
  return mergeMap(target, patch, schema);
}

function mergeMap(target: Obj | undefined, patch: Obj, schema: Schema): Obj {
  const directive = patch[DIRECTIVE];
  if (directive === 'replace') return stripDirectives({ ...patch, [DIRECTIVE]: undefined }) as Obj;
  if (directive !== undefined && directive !== 'merge' && directive !== 'delete') {
    throw new PatchError(`Error from server (BadRequest): Unable to merge: unknown patch type: ${String(directive)} in map: ${goMap(patch)}`);
  }
  const out: Obj = { ...(target ?? {}) };
  for (const [k, v] of Object.entries(patch)) {
    if (k === DIRECTIVE || k.startsWith(ELEMENT_ORDER)) continue;
    if (k === RETAIN_KEYS) continue;
    if (k.startsWith(DELETE_PRIMITIVES)) {
      const field = k.slice(DELETE_PRIMITIVES.length);
      const have = getOwn(out, field);
      if (Array.isArray(have) && Array.isArray(v)) setOwn(out, field, have.filter((x) => !v.some((d) => deepEqual(d, x))));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const field = getOwn(schema, k) as FieldStrategy | undefined;
    const have = getOwn(out, k);
    if (isObj(v)) {
      if (v[DIRECTIVE] === 'delete') {
        delete out[k];
        continue;
      }
      if (isObj(have) && !field?.replace) setOwn(out, k, mergeMap(have, v, field?.of ?? {}));
      else setOwn(out, k, stripDirectives(v));
    } else if (Array.isArray(v) && field?.mergeKey !== undefined) {
      setOwn(out, k, mergeList(Array.isArray(have) ? have : [], v, field));
    } else setOwn(out, k, stripDirectives(v));
  }
  const retain = patch[RETAIN_KEYS];
  if (Array.isArray(retain)) for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  return out;
}

/** A value taken whole from the patch: nulls and directives in its maps dropped (nothing to delete). */
function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null || x === undefined || k === DIRECTIVE || k === RETAIN_KEYS || k.startsWith(ELEMENT_ORDER) || k.startsWith(DELETE_PRIMITIVES)) continue;
    setOwn(out, k, stripDirectives(x));
  }
  return out;
}

function mergeList(have: unknown[], patch: unknown[], field: FieldStrategy): unknown[] {
  const mergeKey = field.mergeKey!;
  // `{$patch: replace}` among the items: the list is the other items.
  if (patch.some((i) => isObj(i) && i[DIRECTIVE] === 'replace')) return patch.filter((i) => !(isObj(i) && i[DIRECTIVE] === 'replace')).map(stripDirectives);
  if (mergeKey === '') {
    const out = [...have];
    for (const x of patch) if (!out.some((y) => deepEqual(x, y))) out.push(deepClone(x));
    const patchItems = out.filter((x) => patch.some((p) => deepEqual(p, x)));
    const serverOnly = out.filter((x) => !patch.some((p) => deepEqual(p, x)));
    return interleave(serverOnly, sortBy(patchItems, patch, ''), have, '');
  }
  let out = have.map((i) => deepClone(i));
  const named: unknown[] = [];
  for (const item of patch) {
    if (!isObj(item) || !hasOwn(item, mergeKey)) throw new PatchError(`Error from server: map: ${goMap(item)} does not contain declared merge key: ${mergeKey}`);
    const key = item[mergeKey];
    const at = out.findIndex((i) => keyOf(i, mergeKey) === key);
    if (item[DIRECTIVE] === 'delete') {
      out = out.filter((i) => keyOf(i, mergeKey) !== key);
      continue;
    }
    named.push(key);
    if (at >= 0 && isObj(out[at])) out[at] = mergeMap(out[at] as Obj, item, field.of ?? {});
    else out.push(stripDirectives(item));
  }
  const patchItems = named.map((k) => out.find((i) => keyOf(i, mergeKey) === k)).filter((i, idx, all) => i !== undefined && all.indexOf(i) === idx);
  const serverOnly = out.filter((i) => !named.includes(keyOf(i, mergeKey)));
  return interleave(serverOnly, patchItems, have.map((i) => keyOf(i, mergeKey)), mergeKey);
}

function sortBy(items: unknown[], order: unknown[], mergeKey: string): unknown[] {
  const pos = (x: unknown) => order.findIndex((o) => deepEqual(keyOf(o, mergeKey), keyOf(x, mergeKey)));
  return [...items].sort((a, b) => pos(a) - pos(b));
}

