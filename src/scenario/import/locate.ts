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

const POSITION = /^(.*?):(\d+):(\d+): (.*)$/s;

/**
 * A load error as the import dialog shows it: `document 2 (items[5]), line 412, column 7:
 * spec.containers[0]…: …`. Messages without a `file:line:column:` position pass through.
 */
export function describeImportError(text: string, message: string): string {
  const m = POSITION.exec(message);
  if (!m) return message;
  const line = Number(m[2]);
  const where = locateInStream(text, line);
  const item = where.item !== null ? ` (items[${where.item}])` : '';
  return `document ${where.document}${item}, line ${line}, column ${m[3]}: ${m[4]}`;
}
