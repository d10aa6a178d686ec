/**
 * The markdown subset lesson steps use, parsed to plain data that Markdown.tsx renders
 * as React elements (never as HTML): paragraphs, `-` and `1.` lists, `#`–`###`
 * headings, and inline **strong**, *emphasis* and `code`. Anything else is text.
 */
export type Inline = { type: 'text' | 'strong' | 'em' | 'code'; text: string };

export type Block =
  | { type: 'paragraph'; content: Inline[] }
  | { type: 'heading'; level: 1 | 2 | 3; content: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] };

const BULLET = /^\s*[-*]\s+/;
const NUMBERED = /^\s*\d+[.)]\s+/;
const HEADING = /^(#{1,3})\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of source.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const heading = lines.length === 1 ? HEADING.exec(lines[0].trim()) : null;
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1].length as 1 | 2 | 3, content: parseInline(heading[2]) });
    } else if (lines.every((l) => BULLET.test(l)) || lines.every((l) => NUMBERED.test(l))) {
      const ordered = NUMBERED.test(lines[0]);
      blocks.push({ type: 'list', ordered, items: lines.map((l) => parseInline(l.replace(ordered ? NUMBERED : BULLET, ''))) });
    } else {
      blocks.push({ type: 'paragraph', content: parseInline(lines.map((l) => l.trim()).join(' ')) });
    }
  }
  return blocks;
}

const INLINE = /(\*\*[^*\n]+\*\*|`[^`\n]+`|\*[^*\n]+\*)/;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  for (const part of text.split(INLINE)) {
    if (part === '') continue;
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4) out.push({ type: 'strong', text: part.slice(2, -2) });
    else if (part.startsWith('`') && part.endsWith('`') && part.length > 2) out.push({ type: 'code', text: part.slice(1, -1) });
    else if (part.startsWith('*') && part.endsWith('*') && part.length > 2) out.push({ type: 'em', text: part.slice(1, -1) });
    else out.push({ type: 'text', text: part });
  }
  return out;
}
