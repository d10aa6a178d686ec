/**
 * Fields the real API schema does not have. Since v1.27 `kubectl apply` asks the API server
 * for strict field validation (`--validate=strict`, the default), and the server refuses an
 * object with a field its type does not have:
 *   Error from server (BadRequest): error when creating "web.yaml": Deployment in version "v1"
 *   cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"
 * Podscape keeps such fields (and writes them back on export), but reports each one, located,
 * with the nearest real field as a suggestion (`did you mean "replicas"?`). It does not refuse
 * the import: its field table (api-fields.ts) covers the kinds it simulates and leaves some
 * rare structs unopened, and a warning that is wrong costs less than a refusal that is.
 * Only objects of the simulated kinds at their served version are checked; JSON field names
 * are case-sensitive, as the API server's decoder (sigs.k8s.io/json) reads them.
 */
import { ManifestError, type Manifests } from '../parse';
import { KINDS, TYPES } from './api-fields';

export interface UnknownField {
  /** The field's path, as the API server names it: `spec.template.spec.containers[0].resource`. */
  field: string;
  line: number;
  column: number;
  /** `Kind namespace/name`. */
  object: string;
  /** The real field the user probably meant, as a path (`spec.replicas`), or ''. */
  suggestion: string;
  /** The whole located warning: `file:line:column: field: unknown field "…" (in …); did you mean …? …`. */
  message: string;
}

/** At most this many are reported (each object's count is still right in kubectl's sentence). */
export const MAX_UNKNOWN_FIELDS = 100;

type Fields = ReadonlyMap<string, string | null>;
const parsed = new Map<string, Fields>();

/** A field list (`a b:T c`) as name → type name (null for a leaf). */
function fieldsOf(spec: string): Fields {
  let f = parsed.get(spec);
  if (!f) {
    f = new Map(spec.split(' ').map((w) => {
      const [name, type] = w.split(':');
      return [name, type ?? null] as const;
    }));
    parsed.set(spec, f);
  }
  return f;
}

const typeFields = (type: string): Fields | null => (TYPES[type] !== undefined ? fieldsOf(TYPES[type]) : null);

/** Optimal string alignment distance (edits, with a swap of two neighbours as one). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The sibling field closest to `key`: the same name in another case, or one or two edits away (one for short names). */
function closest(key: string, fields: Fields): string {
  const lower = key.toLowerCase();
  let best = '';
  let bestD = Infinity;
  for (const name of fields.keys()) {
    if (name.toLowerCase() === lower) return name;
    const d = distance(lower, name.toLowerCase());
    if (d < bestD) [best, bestD] = [name, d];
  }
  return bestD <= (key.length >= 6 ? 2 : 1) ? best : '';
}

interface Frame {
  path: string;
  fields: Fields;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * A suggestion for an unknown `key` at `frames` (outermost first): a sibling field spelled
 * alike; else the same name one level up or further out (`backoffLimit` under a Job's pod
 * spec belongs to the Job's spec); else one level down (`claims` under a container belongs
 * in `resources`).
 */
function suggest(key: string, frames: readonly Frame[]): string {
  const here = frames[frames.length - 1];
  const near = closest(key, here.fields);
  if (near) return join(here.path, near);
  for (let i = frames.length - 2; i >= 0; i--) if (frames[i].fields.has(key)) return join(frames[i].path, key);
  for (const [name, type] of here.fields) {
    if (type && typeFields(type)?.has(key)) return join(join(here.path, name), key);
  }
  return '';
}

/**
 * The unknown fields of every object of a checked kind, in input order (at most
 * MAX_UNKNOWN_FIELDS; `tally.total`, when given, counts them all). The objects a Scenario's timeline applies
 * (`spec.timeline[].object`, of `apply` and `addNode`) are checked too, located inside their
 * entry: the API server would refuse them when the command runs.
 */
export function unknownFields(manifests: Manifests, tally: { total: number } = { total: 0 }): UnknownField[] {
  const out: UnknownField[] = [];
  tally.total = 0;
  manifests.objects.forEach((o, index) => {
    check(manifests, out, tally, o, index, '', manifests.describe(index));
    if (o.kind !== 'Scenario') return;
    const timeline = (o as { spec?: { timeline?: unknown } }).spec?.timeline;
    if (!Array.isArray(timeline)) return;
    timeline.forEach((entry: unknown, i) => {
      if (!isObj(entry) || !isObj(entry.object)) return;
      const at = `spec.timeline[${i}].object`;
      check(manifests, out, tally, entry.object, index, `${at}.`, `${describeObject(entry.object)} at ${at}`);
    });
  });
  return out;
}

/** `Kind namespace/name` of an object that is not a document of its own. */
function describeObject(o: Record<string, unknown>): string {
  const meta = isObj(o.metadata) ? o.metadata : {};
  const ns = typeof meta.namespace === 'string' && meta.namespace ? `${meta.namespace}/` : '';
  return `${typeof o.kind === 'string' ? o.kind : 'object'} ${ns}${typeof meta.name === 'string' ? meta.name : ''}`.trim();
}

/** Adds the unknown fields of `o` (document `index`, at `prefix` in it) to `out`. */
function check(manifests: Manifests, out: UnknownField[], tally: { total: number }, o: Record<string, unknown>, index: number, prefix: string, object: string): void {
  const spec = KINDS[`${String(o.apiVersion)} ${String(o.kind)}`];
  if (spec === undefined) return;
  const found: { field: string; suggestion: string }[] = [];
  const walk = (value: Record<string, unknown>, frames: Frame[]) => {
    const here = frames[frames.length - 1];
    for (const [key, child] of Object.entries(value)) {
      const field = join(here.path, key);
      if (!here.fields.has(key)) {
        found.push({ field, suggestion: suggest(key, frames) });
        continue;
      }
      const type = here.fields.get(key);
      const fields = type ? typeFields(type) : null;
      if (!fields) continue;
      if (isObj(child)) walk(child, [...frames, { path: field, fields }]);
      else if (Array.isArray(child)) child.forEach((item, i) => isObj(item) && walk(item, [...frames, { path: `${field}[${i}]`, fields }]));
    }
  };
  walk(o, [{ path: '', fields: fieldsOf(spec) }]);
  tally.total += found.length;
  if (found.length === 0) return;
  const version = String(o.apiVersion).split('/').pop();
  const kind = String(o.kind);
  const kubectl = `kubectl apply refuses the object: ${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${found.map((f) => `unknown field "${f.field}"`).join(', ')}`;
  for (const f of found) {
    if (out.length >= MAX_UNKNOWN_FIELDS) return;
    const parent = (path: string) => path.replace(/\.?[^.]*$/, '');
    // A sibling by its name (`"replicas"`), a field elsewhere by its path (`"spec.backoffLimit"`).
    const named = f.suggestion && parent(f.suggestion) === parent(f.field) ? f.suggestion.slice(f.suggestion.lastIndexOf('.') + 1) : f.suggestion;
    const hint = named ? `; did you mean "${named}"?` : '';
    const { line, column } = manifests.locateKey(index, prefix + f.field);
    const err = new ManifestError(manifests.file, line, column, f.field, `unknown field "${f.field}" (in ${object})${hint} (Podscape keeps the field; ${kubectl})`);
    out.push({ field: f.field, line, column, object, suggestion: f.suggestion, message: err.message });
  }
}

/** The line that says how many unknown fields were not listed ('' when all were): `file: and 50 more unknown fields …`. */
export function unlistedUnknownFields(file: string, listed: number, total: number): string {
  return total > listed ? `${file}: and ${total - listed} more unknown ${total - listed === 1 ? 'field' : 'fields'} (the first ${listed} are listed)` : '';
}

/**
 * A refusal of an object that also has unknown fields: kubectl's strict decoding refuses those
 * first, and a misspelt field is often the cause (`matchLabel` leaves the selector empty, so
 * `spec.selector: Required value`). The error then names them.
 */
export function withUnknownFields(e: ManifestError, unknown: readonly UnknownField[]): ManifestError {
  const note = unknownFieldsNote(unknown, /\(in ([^)]*)\)/.exec(e.detail)?.[1] ?? '');
  return note ? new ManifestError(e.file, e.line, e.column, e.field, `${e.detail}${note}`) : e;
}

/**
 * What a refusal of `object` (`Kind namespace/name`) adds when that object has unknown fields
 * ('' when it has none): `; this object also has a field the API schema does not have, …`.
 */
export function unknownFieldsNote(unknown: readonly UnknownField[], object: string): string {
  const mine = unknown.filter((u) => u.object === object);
  if (mine.length === 0) return '';
  const list = mine.map((u) => `unknown field "${u.field}" at line ${u.line}${u.suggestion ? ` (did you mean "${u.suggestion.slice(u.suggestion.lastIndexOf('.') + 1)}"?)` : ''}`).join(', ');
  const fields = mine.length === 1 ? 'a field' : 'fields';
  return `; this object also has ${fields} the API schema does not have, and kubectl apply refuses it for that first: ${list}`;
}
