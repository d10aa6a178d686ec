import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { UnknownFieldsNotice } from './UnknownFieldsNotice';

const field = (i: number) => ({ field: `spec.extra${i}`, line: 5 + i, column: 3, object: 'Node n1', suggestion: '' });

describe('UnknownFieldsNotice', () => {
  it('counts every unknown field, not only the 100 listed, and says how many more than it shows', () => {
    const fields = Array.from({ length: 100 }, (_, i) => field(i));
    const html = renderToStaticMarkup(<UnknownFieldsNotice fields={fields} total={150} onDismiss={() => {}} />);
    expect(html).toContain('150 fields the Kubernetes API does not have');
    expect(html).toContain('<li>and 142 more</li>');
    expect(html.match(/data-unknown-field=/g)).toHaveLength(8);
  });

  it('without a total, counts the fields it is given', () => {
    const html = renderToStaticMarkup(<UnknownFieldsNotice fields={[field(0)]} onDismiss={() => {}} />);
    expect(html).toContain('1 field the Kubernetes API does not have');
    expect(html).not.toContain('more</li>');
  });
});
