import { describe, expect, it } from 'vitest';
import { readScenario } from '../scenario';
import { parseManifests } from '../parse';
import { scenarioWithTimeline } from './scenario-file';

const NODE = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1 # the only node\n';
const commands = [
  { at: 1500, action: 'cordon' as const, node: 'n1' },
  { at: 90_000, action: 'killNode' as const, node: 'n1' },
];
const timelineOf = (text: string) => readScenario(parseManifests(text, 'x.yaml')).timeline;
// The session's commands ran after the work due at their instants: the file says so.
const late = commands.map((c) => ({ ...c, afterDueWork: true }));

describe('scenarioWithTimeline', () => {
  it('adds a Scenario object holding the commands when the file has none, keeping comments', () => {
    const out = scenarioWithTimeline(NODE, commands);
    expect(out).toContain('# the only node');
    expect(timelineOf(out)).toEqual(late);
  });

  it('appends to an existing timeline', () => {
    const text = `apiVersion: podscape.dev/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  seed: 3\n  timeline:\n    - {at: 1s, action: uncordon, node: n1}\n---\n${NODE}`;
    const out = scenarioWithTimeline(text, commands);
    expect(timelineOf(out)).toEqual([{ at: 1000, action: 'uncordon', node: 'n1' }, ...late]);
    expect(readScenario(parseManifests(out, 'x.yaml')).scenario.seed).toBe(3);
  });

  it('refuses an afterDueWork that is not a boolean, naming the entry', () => {
    const text = `apiVersion: podscape.dev/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  timeline:\n    - {at: 1s, action: uncordon, node: n1, afterDueWork: "yes"}\n`;
    expect(() => timelineOf(text)).toThrow(/spec\.timeline\[0\]\.afterDueWork: Invalid value: "yes": must be true or false/);
  });

  it('leaves the text alone when there are no commands', () => {
    expect(scenarioWithTimeline(NODE, [])).toBe(NODE);
  });
});
