/**
 * Where an import error is: the document of a YAML stream (and the item of a List) that
 * holds a line, and the error message as the import dialog shows it. Only needs the
 * `yaml` package, so the UI can load it on demand when an import fails.
 */
import { isMap, isSeq, LineCounter, parseAllDocuments } from 'yaml';

/** Where a line sits in a YAML stream: its document (1-based) and, inside a List, the item index. */
export interface StreamLocation {
  document: number;
  documents: number;
  item: number | null;
}

/**
 * The document (and List item) holding 1-based `line` of `text`. Lenient: works on
 * text with syntax errors, and returns document 1 for a line outside every document.
 */
export function locateInStream(text: string, line: number): StreamLocation {
  const lines = new LineCounter();
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  } catch {
    return { document: 1, documents: 1, item: null };
  }
  const list = Array.isArray(docs) ? docs : [docs];
  const lineOf = (offset: number) => lines.linePos(offset).line;
  let document = 1;
  let item: number | null = null;
  list.forEach((doc, i) => {
    if (lineOf(doc.range[0]) > line) return;
    document = i + 1;
    item = null;
    const contents = doc.contents;
    if (!isMap(contents)) return;
    const items = contents.get('items', true);
    if (!isSeq(items)) return;
    items.items.forEach((it, j) => {
      const range = (it as { range?: [number, number, number] } | null)?.range;
      if (range && lineOf(range[0]) <= line && line <= lineOf(Math.max(range[0], range[1] - 1))) item = j;
    });
  });
  return { document, documents: Math.max(1, list.length), item };
}

/**
 * Texts longer than this are located by scanStream, not by parsing: the dialog locates on the
 * page's main thread, where the YAML reader takes about 0.3 s per MB (a refused 20 MB import
 * froze the page 6 s). 128 KiB reads in about 40 ms.
 */
export const SCAN_ABOVE_CHARS = 128 * 1024;

/**
 * locateInStream without the YAML reader, line by line in one pass: a document starts at a
 * `---` marker at column 0, or at the first content (not a comment, a blank or a directive) at
 * the start or after a `...`; inside a document whose top level has a block `items:` key (a
 * List as kubectl prints it), an item starts at each `- ` at the items' indentation, and the
 * items end at the next line less indented. A List written in flow style (`items: [ … ]`, JSON)
 * gets no item number.
 */
export function scanStream(text: string, line: number): StreamLocation {
  let documents = 0;
  let ended = false;
  let found: StreamLocation | null = null;
  // The current document's items: -2 none; -1 `items:` seen, no item yet; n: item n.
  let item = -2;
  let itemIndent = -1;
  let n = 0;
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const l = text.slice(start, end).replace(/\r$/, '');
    n++;
    const marker = (m: string) => l.startsWith(m) && (l.length === 3 || l[3] === ' ' || l[3] === '\t');
    const trimmed = l.trimStart();
    const content = trimmed !== '' && !trimmed.startsWith('#');
    if (marker('---')) {
      documents++;
      ended = false;
      item = -2;
    } else if (marker('...')) {
      ended = true;
      item = -2;
    } else if (content && !(l.startsWith('%') && (documents === 0 || ended))) {
      if (documents === 0 || ended) {
        documents++;
        ended = false;
        item = -2;
      }
      const indent = l.length - trimmed.length;
      if (/^items:[ \t]*(?:#.*)?$/.test(l)) {
        item = -1;
        itemIndent = -1;
      } else if (item >= -1) {
        const dash = /^-(?:[ \t]|$)/.test(trimmed);
        if (item === -1 && itemIndent < 0 && dash) itemIndent = indent;
        if (dash && indent === itemIndent) item++;
        else if (indent < itemIndent || itemIndent < 0 || (indent === itemIndent && !dash)) item = -2;
      }
    }
    if (n === line) found = { document: Math.max(1, documents), documents: 0, item: item >= 0 && content ? item : null };
    if (nl < 0) break;
    start = nl + 1;
  }
  const total = Math.max(1, documents);
  return found ? { ...found, documents: total } : { document: 1, documents: total, item: null };
}

const POSITION = /^(.*?):(\d+):(\d+): (.*)$/s;

/**
 * A load error as the import dialog shows it: `document 2 (items[5]), line 412, column 7:
 * spec.containers[0]…: …`. Messages without a `file:line:column:` position pass through.
 */
export function describeImportError(text: string, message: string): string {
  const m = POSITION.exec(message);
  if (!m) return message;
  const line = Number(m[2]);
  const where = text.length > SCAN_ABOVE_CHARS ? scanStream(text, line) : locateInStream(text, line);
  const item = where.item !== null ? ` (items[${where.item}])` : '';
  return `document ${where.document}${item}, line ${line}, column ${m[3]}: ${m[4]}`;
}
