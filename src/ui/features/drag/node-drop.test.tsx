import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DropVerdictNote } from './node-drop';
import { SCORE_MEANING } from './verdict';

describe('DropVerdictNote', () => {
  it('puts a fitting node’s score on a scale and says what it sums, where the number is shown', () => {
    const html = renderToStaticMarkup(<DropVerdictNote verdict={{ kind: 'fits', score: 383, best: false, top: { node: 'worker-3', score: 453 } }} current={false} />);
    expect(html).toContain('fits — score 383; worker-3 scores highest, 453');
    expect(html).toContain(`<span class="drop-verdict-why">${SCORE_MEANING.replace(/'/g, '&#x27;')}</span>`);
    // No number, nothing to explain.
    expect(renderToStaticMarkup(<DropVerdictNote verdict={{ kind: 'fits', score: null, best: true }} current={false} />)).not.toContain('drop-verdict-why');
  });
});
