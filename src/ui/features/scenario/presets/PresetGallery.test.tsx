import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../../../scenario/lessons';
import { PRESETS } from '../../../../scenario/presets';
import { PresetGalleryView } from './PresetGallery';

const noop = () => {};

describe('PresetGalleryView', () => {
  const html = renderToStaticMarkup(<PresetGalleryView presets={PRESETS} lessons={LESSONS} onLoad={noop} onLesson={noop} onClose={noop} />);

  it('lists every preset with its title, paragraph, lesson and a labelled Load button', () => {
    expect(html.match(/data-preset="/g)).toHaveLength(PRESETS.length);
    for (const p of PRESETS) {
      expect(html).toContain(`aria-label="Load scenario ${p.title.replace(/"/g, '&quot;')}"`);
      expect(html).toContain(p.lesson);
    }
    expect(html).toContain('id="preset-gallery-heading">Presets and lessons</h2>');
  });

  it('marks the presets that shorten timings, and offers each lesson on its preset', () => {
    const cards = html.split('<li class="preset-card"').slice(1);
    for (const [i, p] of PRESETS.entries()) {
      expect(cards[i].includes('Shortened timings')).toBe(p.shortenedTimings);
      const lesson = LESSONS.find((l) => l.presetId === p.id);
      expect(cards[i].includes('Start lesson')).toBe(lesson !== undefined);
      if (lesson) expect(cards[i]).toContain(`aria-label="Start lesson ${lesson.title}"`);
    }
  });

  it('says which preset the cluster was loaded from, and only that one', () => {
    const loaded = PRESETS[2];
    const marked = renderToStaticMarkup(<PresetGalleryView presets={PRESETS} lessons={LESSONS} loaded={loaded.id} onLoad={noop} onLesson={noop} onClose={noop} />);
    const cards = marked.split('<li class="preset-card"').slice(1);
    for (const [i, p] of PRESETS.entries()) {
      expect(cards[i].includes('Loaded now')).toBe(p.id === loaded.id);
      expect(cards[i].includes('aria-current="true"')).toBe(p.id === loaded.id);
    }
    // A cluster that is no preset (the default, an import): no card says so.
    expect(html).not.toContain('Loaded now');
  });
});
