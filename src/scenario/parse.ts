/**
 * Reads Kubernetes YAML or JSON as `kubectl get … -o yaml` prints it: a
 * multi-document stream, a `kind: List`, or a single object. Every object
 * keeps a link to its source so errors can name the file, line and field.
 */
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser, Scalar, type Document, type Lexer } from 'yaml';
import type { KubeObject } from '../engine/model/types';
import { goYamlTags, resolveCore, resolveGoYaml } from './go-yaml-scalars';
import { MAX_MANIFEST_BYTES, oversizeBytes } from './limits';

/** A problem in the input, located in its source. */
export class ManifestError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${field ? `${field}: ` : ''}${detail}`);
    this.name = 'ManifestError';
  }
}

interface Origin {
  doc: Document;
  base: (string | number)[];
}

/** Parsed objects plus a way back to the source text. */
export class Manifests {
  constructor(
    readonly file: string,
    readonly objects: KubeObject[],
    private readonly origins: Origin[],
    private readonly lines: LineCounter,
  ) {}

  /** Line/column (1-based) of a field of object `index`; the nearest existing parent when the field is absent. */
  locate(index: number, field: string): { line: number; column: number } {
    const o = this.origins[index];
    if (!o) return { line: 1, column: 1 };
    const segs = parseFieldPath(field);
    for (let n = segs.length; n >= 0; n--) {
      const node = nodeAt(o.doc, [...o.base, ...segs.slice(0, n)]) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) {
        const p = this.lines.linePos(node.range[0]);
        return { line: p.line, column: p.col };
      }
    }
    return { line: 1, column: 1 };
  }

  /** Line/column of a field's key (`replica:` rather than its value); as locate() when the key is not found. */
  locateKey(index: number, field: string): { line: number; column: number } {
    const o = this.origins[index];
    const segs = parseFieldPath(field);
    const last = segs.pop();
    const parent = o ? nodeAt(o.doc, [...o.base, ...segs]) : undefined;
    const key = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last))?.key : undefined;
    const range = (key as { range?: [number, number, number] } | undefined)?.range;
    if (!range) return this.locate(index, field);
    const p = this.lines.linePos(range[0]);
    return { line: p.line, column: p.col };
  }

  /**
   * An error on a whole map of labels or annotations names the map (`metadata.labels`, as
   * upstream does) and the bad key or value (`Invalid value: "web server"`): located at that entry.
   */
  private locateEntry(index: number, field: string, message: string): { line: number; column: number } | null {
    const bad = /^Invalid value: "((?:[^"\\]|\\.)*)"/.exec(message);
    const o = this.origins[index];
    if (!bad || !o || !/(?:^|\.)(?:labels|annotations)$/.test(field)) return null;
    const text = JSON.parse(`"${bad[1]}"`) as string;
    const map = nodeAt(o.doc, [...o.base, ...parseFieldPath(field)]);
    if (!isMap(map)) return null;
    const scalarText = (n: unknown) => (isScalar(n) ? String(n.value) : undefined);
    const pair = map.items.find((p) => scalarText(p.key) === text) ?? map.items.find((p) => scalarText(p.value) === text);
    const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
    if (!range) return null;
    const p = this.lines.linePos(range[0]);
    return { line: p.line, column: p.col };
  }

  /** `Kind namespace/name` of object `index` ('' when there is none). */
  describe(index: number): string {
    const o = this.objects[index];
    if (!o) return '';
    // A name or namespace that is not a string (`name: !!binary …`, `name: [a]`) is the error itself: left out.
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const namespace = text(o.metadata?.namespace);
    return `${o.kind ?? 'object'} ${namespace ? `${namespace}/` : ''}${text(o.metadata?.name)}`.trim();
  }

  /** A ManifestError for a field of object `index`, naming the object. */
  error(index: number, field: string, message: string): ManifestError {
    const { line, column } = this.locateEntry(index, field, message) ?? this.locate(index, field);
    const what = this.describe(index);
    return new ManifestError(this.file, line, column, field, `${what ? `${message} (in ${what})` : message}${this.yaml11Note(index, field, message)}`);
  }

  /**
   * For a type error (`cannot unmarshal bool …`) on an unquoted value that YAML 1.1 reads
   * differently from YAML 1.2 (`yes`, `on`, `0644`): says how kubectl read it and how to
   * write the string. '' otherwise.
   */
  yaml11Note(index: number, field: string, message: string): string {
    if (!/cannot unmarshal (?:bool|number)/.test(message)) return '';
    const o = this.origins[index];
    const node = o ? nodeAt(o.doc, [...o.base, ...parseFieldPath(field)]) : undefined;
    if (!isScalar(node) || node.type !== Scalar.PLAIN || typeof node.source !== 'string') return '';
    const text = node.source;
    const go = resolveGoYaml(text);
    if (Object.is(go.value, resolveCore(text))) return '';
    return `; kubectl reads YAML 1.1, where the unquoted ${text} is ${go.type === 'bool' ? 'the boolean' : 'the number'} ${String(go.value)}: write "${text}" in quotes for the string`;
  }
}

/**
 * The syntax node at `path`, matching a mapping's keys by their JSON text: a key written
 * `on` or `0644` is the field `true` or `420` (go-yaml-scalars.ts), as in the parsed object.
 */
function nodeAt(doc: Document, path: readonly (string | number)[]): unknown {
  let node: unknown = doc.contents;
  for (const seg of path) {
    if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
    else if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : p.key) === String(seg));
      if (!pair) return doc.getIn(path, true); // the library's own lookup, as before
      node = pair.value;
    } else return undefined;
  }
  return node;
}

/** `spec.containers[0].resources` → ['spec', 'containers', 0, 'resources']. */
export function parseFieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(m[1]);
  }
  return out;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export { MAX_MANIFEST_BYTES } from './limits';

/**
 * A key indented deeper than the key above it (`name: a`, then `   labels:`): the YAML library
 * reads the value `a` and the next line as one two-line key, and reports the line of `a`, one
 * line early. This names the deeper line, says how deep it is against the key above, and how
 * deep it should be. Null for any other syntax error.
 */
function overIndented(doc: Document, text: string, lines: LineCounter): { line: number; column: number; what: string; fix: string } | null {
  const multi = doc.errors.find((e) => e.code === 'MULTILINE_IMPLICIT_KEY');
  if (!multi || !doc.errors.some((e) => e.code === 'BLOCK_AS_IMPLICIT_KEY')) return null;
  const above = lines.linePos(multi.pos[0]).line;
  const lineText = (n: number) => text.slice(lines.lineStarts[n - 1], lines.lineStarts[n] ?? text.length).replace(/\r?\n$/, '');
  const upper = lineText(above);
  const deeper = lineText(above + 1);
  // Where the key above starts: after its indentation and any "- " of a list item.
  const keyAt = /^[ ]*(?:-[ ]+)*/.exec(upper)![0].length;
  const depth = /^[ ]*/.exec(deeper)![0].length;
  const key = /^[^:]*/.exec(upper.slice(keyAt))![0].trim();
  if (depth <= keyAt || deeper.trim() === '') return null;
  return {
    line: above + 1,
    column: depth + 1,
    what: `this line is indented ${depth} spaces, deeper than "${upper.trim()}" above it (${keyAt}), so it reads as more of that value`,
    fix: key ? `indent it ${keyAt} spaces, as ${key} is` : `indent it ${keyAt} spaces`,
  };
}

/**
 * The deepest nesting of lists and mappings read (the document's top mapping is level 1).
 * Kubernetes objects nest about a dozen levels (managedFields about 15); the API server's
 * decoders stop at 10,000, but the parser and the engine walk objects recursively, and
 * past about 800 levels the JavaScript stack runs out (a "Maximum call stack size
 * exceeded" that said nothing useful). A simplification: Podscape's limit is far lower.
 */
export const MAX_NESTING = 100;
const NESTING = `lists and mappings nested more than ${MAX_NESTING} levels deep; the limit is ${MAX_NESTING} (Kubernetes objects nest about a dozen levels)`;

/**
 * Entries of the YAML parser's stack (each open list or mapping, plus the document) past which
 * reading stops. A text of nested brackets or dashes builds one entry per level before any check
 * on the documents can run: a share link's 2 MiB hold a million levels, which took 34 s and 1.2 GB
 * to read (and 32 MiB could exhaust the worker's memory). No text within MAX_NESTING gets here.
 */
const MAX_PARSER_STACK = 2 * MAX_NESTING;

/**
 * Called while the text is read, every LEXEMES_PER_CHECKPOINT tokens, with the offset reached: a
 * caller's wall-clock budget takes its look there and may throw to stop reading (worker/work-budget.ts).
 */
export type ParseCheckpoint = (offset: number) => void;
/** About 5 ms of reading on this project's machines. */
const LEXEMES_PER_CHECKPOINT = 4096;

/** Thrown from inside the parser when its stack passes MAX_PARSER_STACK, with the offset reached. */
class NestingBomb extends Error {
  constructor(readonly offset: number) {
    super('nested too deep');
  }
}

/**
 * The `yaml` library's parseAllDocuments, with the parser's stack watched between tokens (no extra
 * pass over the text): throws NestingBomb once it passes MAX_PARSER_STACK.
 */
function parseDocuments(text: string, lines: LineCounter, checkpoint?: ParseCheckpoint): Document.Parsed[] {
  const parser = new Parser(lines.addNewLine);
  const inner = (parser as unknown as { lexer: Lexer }).lexer;
  let lexemes = 0;
  (parser as unknown as { lexer: Pick<Lexer, 'lex'> }).lexer = {
    *lex(source: string, incomplete?: boolean) {
      for (const lexeme of inner.lex(source, incomplete)) {
        if (parser.stack.length > MAX_PARSER_STACK) throw new NestingBomb(parser.offset);
        if (checkpoint && ++lexemes % LEXEMES_PER_CHECKPOINT === 0) checkpoint(parser.offset);
        yield lexeme;
      }
    },
  };
  const composer = new Composer({ prettyErrors: false, uniqueKeys: true, merge: true, customTags: goYamlTags });
  return Array.from(composer.compose(parser.parse(text)));
}

/** The first list or mapping nested deeper than `limit` in a document's syntax tree (aliases not followed), or null. */
function tooDeep(root: unknown, limit: number): { range?: [number, number, number] | null } | null {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > limit) return node;
    // Last pushed is visited first: push in reverse so the first too-deep node in the text is found.
    for (let i = node.items.length - 1; i >= 0; i--) {
      const item: unknown = node.items[i];
      if (isPair(item)) {
        stack.push([item.value, depth + 1], [item.key, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  return null;
}

/**
 * The first mapping key that is a list or a mapping (or an alias of one), or null. JSON keys are
 * strings, and kubectl's YAML reader (go-yaml v2) refuses such a key ("invalid map key"); the
 * `yaml` library would make a string of it (`"[ a ]"`) and warn on the console.
 */
function collectionKey(root: unknown, doc: Document): { range?: [number, number, number] | null } | null {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isMap(node) && !isSeq(node)) continue;
    for (let i = node.items.length - 1; i >= 0; i--) {
      const item: unknown = node.items[i];
      if (!isPair(item)) {
        stack.push(item);
        continue;
      }
      const key = item.key;
      if (isMap(key) || isSeq(key)) return key;
      if (isAlias(key)) {
        const target = key.resolve(doc);
        if (isMap(target) || isSeq(target)) return key;
      }
      stack.push(item.value);
    }
  }
  return null;
}

/** How deep a plain value nests, counting past `limit` no further (aliases may have built it). */
function valueDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0 && max <= limit) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) max = depth;
    for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push([x, depth + 1]);
  }
  return max;
}

/**
 * Parses a YAML/JSON stream into Kubernetes objects. Throws ManifestError on
 * a syntax error or on a document that is not a Kubernetes object.
 */
export function parseManifests(text: string, file = '<input>', checkpoint?: ParseCheckpoint): Manifests {
  const oversize = oversizeBytes(text);
  if (oversize !== null) {
    throw new ManifestError(file, 1, 1, '', `input is ${oversize} bytes (UTF-8); the limit is ${MAX_MANIFEST_BYTES}`);
  }
  const lines = new LineCounter();
  let list: Document.Parsed[];
  try {
    list = parseDocuments(text, lines, checkpoint);
  } catch (e) {
    if (!(e instanceof NestingBomb)) throw e;
    const p = lines.linePos(e.offset);
    throw new ManifestError(file, p.line, p.col, '', NESTING);
  }
  const objects: KubeObject[] = [];
  const origins: Origin[] = [];
  const at = (offset: number) => lines.linePos(offset);
  list.forEach((doc, di) => {
    const err = doc.errors[0];
    if (err) {
      const slip = overIndented(doc, text, lines);
      if (slip) throw new ManifestError(file, slip.line, slip.column, '', `YAML syntax error: ${slip.what} (${err.message.split('\n')[0].split(' at line ')[0]}); ${slip.fix}`);
      const p = at(err.pos[0]);
      // The parser's recursion ran out of stack: the text nests hundreds of levels deep.
      if (err.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(err.message)) throw new ManifestError(file, p.line, p.col, '', NESTING);
      throw new ManifestError(file, p.line, p.col, '', `YAML syntax error: ${err.message.split('\n')[0]}`);
    }
    if (doc.contents === null) return; // an empty document
    const deep = tooDeep(doc.contents, MAX_NESTING);
    if (deep) {
      const p = at(deep.range?.[0] ?? doc.range[0]);
      throw new ManifestError(file, p.line, p.col, '', NESTING);
    }
    const badKey = collectionKey(doc.contents, doc);
    if (badKey) {
      const p = at(badKey.range?.[0] ?? doc.range[0]);
      throw new ManifestError(file, p.line, p.col, '', 'YAML syntax error: a list or mapping cannot be a mapping key (kubectl: error converting YAML to JSON: yaml: invalid map key)');
    }
    const startLine = at(doc.range[0]).line;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      if (e instanceof RangeError) throw new ManifestError(file, startLine, 1, '', NESTING);
      // The alias limit ("billion laughs"): at the document's first line, not the file's.
      throw new ManifestError(file, startLine, 1, '', `document ${di + 1}: ${(e as Error).message}`);
    }
    // Aliases can stack one deep structure inside another.
    if (valueDepth(value, MAX_NESTING) > MAX_NESTING) throw new ManifestError(file, startLine, 1, '', NESTING);
    if (value === null || value === undefined) return;
    if (!isObj(value) || !isMap(doc.contents)) {
      throw new ManifestError(file, startLine, 1, '', `document ${di + 1} is not a Kubernetes object (expected a mapping with apiVersion, kind and metadata)`);
    }
    const add = (obj: unknown, base: (string | number)[]) => {
      const where = doc.getIn(base, true) as { range?: [number, number, number] } | undefined;
      const line = where?.range ? at(where.range[0]).line : startLine;
      if (!isObj(obj)) throw new ManifestError(file, line, 1, base.join('.'), 'expected a Kubernetes object (a mapping)');
      if (typeof obj.kind !== 'string' || obj.kind === '') {
        // A List whose last lines were lost (kubectl prints `kind: List` after the items): say so.
        const cut = base.length === 0 && Array.isArray(obj.items) ? '; this document has items but no kind: List (kubectl prints that line after the items): was the text cut short?' : '';
        throw new ManifestError(file, line, 1, 'kind', `Required value: every object needs a kind${cut}`);
      }
      if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
      if (!isObj(obj.metadata)) throw new ManifestError(file, line, 1, 'metadata', 'Invalid value: must be a mapping');
      objects.push(obj as KubeObject);
      origins.push({ doc, base });
    };
    if (value.kind === 'List' || (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items))) {
      const items = value.items;
      if (!Array.isArray(items)) throw new ManifestError(file, startLine, 1, 'items', 'Invalid value: a List needs an items list');
      items.forEach((it, i) => add(it, ['items', i]));
    } else add(value, []);
  });
  return new Manifests(file, objects, origins, lines);
}
