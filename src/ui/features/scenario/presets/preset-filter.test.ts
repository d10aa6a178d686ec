import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../../../scenario/lessons';
import { PRESETS } from '../../../../scenario/presets';
import { presetMatches } from './preset-filter';

const lessonOf = (id: string) => LESSONS.find((l) => l.presetId === id);
const matching = (query: string) => PRESETS.filter((p) => presetMatches(p, lessonOf(p.id), query)).map((p) => p.id);

describe('presetMatches', () => {
  it('keeps every preset for an empty or blank query', () => {
    expect(matching('')).toHaveLength(PRESETS.length);
    expect(matching('   ')).toHaveLength(PRESETS.length);
  });

  it('finds a preset by a word of its title, in any case', () => {
    const power = PRESETS.find((p) => p.title === 'Node failure (power loss)')!;
    expect(matching('POWER')).toContain(power.id);
    expect(matching('power').length).toBeLessThan(PRESETS.length);
  });

  it('needs every word, in any order, and searches the lesson title too', () => {
    const withLesson = PRESETS.find((p) => lessonOf(p.id) !== undefined)!;
    const lessonTitle = lessonOf(withLesson.id)!.title;
    expect(matching(lessonTitle)).toContain(withLesson.id);
    const [first, second] = withLesson.title.split(/\s+/);
    expect(matching(`${second ?? first} ${first}`)).toContain(withLesson.id);
    expect(matching(`${first} zzqx`)).toEqual([]);
  });

  it('finds a preset by its id (its file name), hyphens and all', () => {
    // The ids a handout or the CLI names (src/scenario/presets/<id>.yaml); before round 32 each found nothing.
    expect(matching('memory-pressure')).toContain('memory-pressure');
    expect(matching('image-pulls')).toContain('image-pulls');
    expect(matching('drain-pdb')).toContain('drain-pdb');
    expect(matching('drain-pdb')).not.toContain('memory-pressure');
    // A hyphen separates words: both must still appear.
    expect(matching('memory-zzqx')).toEqual([]);
  });
});
