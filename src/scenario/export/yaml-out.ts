/** YAML output shared by the exports: block style, no line folding, documents separated by `---`. */
import { stringify } from 'yaml';

/** One YAML document for `value` (ends with a newline). */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
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
