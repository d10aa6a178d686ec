import type { Lesson } from '../../../../scenario/lessons';
import type { Preset } from '../../../../scenario/presets';

/**
 * Whether a preset matches what was typed in the gallery's filter: every word of the query
 * (in any order, any case) appears in its title, its paragraph, what it teaches or its
 * lesson's title, or its id. An empty query matches every preset.
 *
 * The id is the preset's file name (`src/scenario/presets/memory-pressure.yaml`), which a
 * workshop handout or the CLI (`podscape run …`) names, so typing `memory-pressure` finds it; a hyphen, underscore or slash in the
 * query separates words (`image-pulls` also finds "Image pulls (…)").
 */
export function presetMatches(preset: Preset, lesson: Lesson | undefined, query: string): boolean {
  const words = query.toLowerCase().split(/[\s_/-]+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  const text = [preset.id, preset.title, preset.paragraph, preset.lesson, lesson?.title ?? ''].join('\n').toLowerCase();
  return words.every((w) => text.includes(w));
}
