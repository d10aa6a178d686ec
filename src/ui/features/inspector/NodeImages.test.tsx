import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NodeImages } from './NodeDetails';

describe('NodeImages (the node inspector’s status.images)', () => {
  it('lists each pulled image by name with its size in MB', () => {
    const html = renderToStaticMarkup(<NodeImages name="w" images={[{ names: ['docker.io/library/shop:2'], sizeBytes: 132_026_778 }]} />);
    expect(html).toContain('aria-label="Images on node w"');
    expect(html).toContain('<code>docker.io/library/shop:2</code> <span class="inspector-muted">132.0 MB</span>');
  });

  it('says that images without the pull annotation count as present when the node pulled none', () => {
    expect(renderToStaticMarkup(<NodeImages name="w" images={[]} />)).toContain('Images of pods without podscape.dev/image-pull count as present on every node.');
  });
});
