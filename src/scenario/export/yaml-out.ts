/** YAML output shared by the exports: block style, no line folding, documents separated by `---`. */
import { Document, isScalar, visit } from 'yaml';
import { quoteForGoYaml } from '../go-yaml-scalars';

/**
 * One YAML document for `value` (ends with a newline). A key that is literally `<<` is
 * written quoted: plain, kubectl's reader and Podscape's (parse.ts) take it for a merge key.
 * So are strings kubectl would read as booleans or numbers (`yes`, `on`, `1_000`: go-yaml-scalars.ts).
 */
export function toYaml(value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false, customTags: quoteForGoYaml });
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<') pair.key.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** A multi-document stream: an optional comment header, then each value as a document. */
export function toYamlStream(values: readonly unknown[], header?: string): string {
  const head = header
    ? header
        .split('\n')
        .map((l) => (l ? `# ${l}` : '#'))
        .join('\n') + '\n'
    : '';
  return head + values.map((v) => toYaml(v)).join('---\n');
}
