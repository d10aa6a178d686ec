import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown';

describe('parseMarkdown', () => {
  it('reads paragraphs, lists and headings, joining wrapped lines', () => {
    expect(parseMarkdown('# Title\n\nFirst line\nsecond line.\n\n- one\n- **two**\n\n1. a\n2. b')).toEqual([
      { type: 'heading', level: 1, content: [{ type: 'text', text: 'Title' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'First line second line.' }] },
      { type: 'list', ordered: false, items: [[{ type: 'text', text: 'one' }], [{ type: 'strong', text: 'two' }]] },
      { type: 'list', ordered: true, items: [[{ type: 'text', text: 'a' }], [{ type: 'text', text: 'b' }]] },
    ]);
  });

  it('keeps markup it does not know as text, HTML included', () => {
    expect(parseMarkdown('<img src=x onerror=alert(1)> [link](http://x)')).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: '<img src=x onerror=alert(1)> [link](http://x)' }] },
    ]);
  });
});

describe('parseInline', () => {
  it('finds strong, emphasis and code, and leaves lone stars alone', () => {
    expect(parseInline('a **b** *c* `d*e*` 2 * 3')).toEqual([
      { type: 'text', text: 'a ' },
      { type: 'strong', text: 'b' },
      { type: 'text', text: ' ' },
      { type: 'em', text: 'c' },
      { type: 'text', text: ' ' },
      { type: 'code', text: 'd*e*' },
      { type: 'text', text: ' 2 * 3' },
    ]);
  });
});
