import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decodeShareParam, encodeShareFragment, findShareParam } from './codec';
import { digest } from './digest';
import { payloadToSession, sessionToPayload, type ShareSession } from './session';

const BUNDLED = [{ id: 'default', text: 'kind: Node\nmetadata: {name: a}\n' }];
const session: ShareSession = {
  scenarioText: BUNDLED[0].text,
  commands: [{ at: 100, action: 'killNode', node: 'a' }],
  time: 400,
  selected: { kind: 'node', key: 'a' },
};
const lookup = (id: string, d: string) => BUNDLED.find((b) => b.id === id && digest(b.text) === d)?.text;

describe('share sessions', () => {
  it('refers to a bundled scenario by id and digest, and back', async () => {
    const payload = sessionToPayload(session, BUNDLED);
    expect(payload.scenario).toEqual({ preset: 'default', digest: digest(BUNDLED[0].text) });
    const back = await payloadToSession(decodeShareParam(findShareParam(encodeShareFragment(payload))!), lookup);
    expect(back).toEqual({ ...session, file: 'scenarios/default.yaml' });
  });

  it('carries any other scenario whole, and leaves defaults out', () => {
    const payload = sessionToPayload({ scenarioText: 'other', file: 'mine.yaml', commands: [], time: 0, selected: null }, BUNDLED);
    expect(payload).toEqual({ v: 1, scenario: { text: 'other', file: 'mine.yaml' } });
  });

  it('refuses a bundled reference whose text this build does not have', async () => {
    const payload = sessionToPayload(session, BUNDLED);
    const stale = { ...payload, scenario: { preset: 'default', digest: '0123456789abcdef' } };
    await expect(payloadToSession(stale, lookup)).rejects.toThrow(/version of the bundled scenario "default" \(0123456789abcdef\) that this Podscape does not have/);
    // A lookup that answers with other text is caught too.
    await expect(payloadToSession(payload, () => 'changed')).rejects.toThrow(/does not have/);
  });

  it('digests differ for different texts and agree for equal ones', () => {
    expect(digest('a')).toMatch(/^[0-9a-f]{16}$/);
    expect(digest('a')).toBe(digest('a'));
    expect(new Set(['', 'a', 'b', 'ab', 'ba', 'a '].map(digest)).size).toBe(6);
  });
  it('carries a selected workload (Kind/namespace/name), and refuses a malformed one', async () => {
    const payload = sessionToPayload({ ...session, selected: { kind: 'workload', key: 'Deployment/default/web' } }, BUNDLED);
    expect(payload.view?.selected).toEqual({ kind: 'workload', key: 'Deployment/default/web' });
    const back = await payloadToSession(decodeShareParam(findShareParam(encodeShareFragment(payload))!), lookup);
    expect(back.selected).toEqual({ kind: 'workload', key: 'Deployment/default/web' });
    for (const key of ['web', 'Deployment/web', 'Service/default/web', 'Deployment//web', 'Deployment/default/']) {
      const value = `1.lz.${compressToEncodedURIComponent(JSON.stringify({ ...payload, view: { selected: { kind: 'workload', key } } }))}`;
      expect(() => decodeShareParam(value), key).toThrow(/view\.selected\.key/);
    }
  });

  it('carries the lesson step the sender had open, and refuses a malformed one', async () => {
    const withLesson = { ...session, lesson: { id: 'drain-pdb', step: 1 } };
    const payload = sessionToPayload(withLesson, BUNDLED);
    expect(payload.view).toEqual({ time: 400, selected: { kind: 'node', key: 'a' }, lesson: { id: 'drain-pdb', step: 1 } });
    const back = await payloadToSession(decodeShareParam(findShareParam(encodeShareFragment(payload))!), lookup);
    expect(back.lesson).toEqual({ id: 'drain-pdb', step: 1 });
    // Without a lesson nothing is written, so links without one are unchanged.
    expect(sessionToPayload(session, BUNDLED).view).not.toHaveProperty('lesson');
    for (const bad of [{ id: '__proto__', step: 0 }, { id: 'drain-pdb', step: -1 }, { id: 'drain-pdb', step: 0.5 }, { id: 'x', step: 0, extra: 1 }]) {
      const value = `1.lz.${compressToEncodedURIComponent(JSON.stringify({ ...payload, view: { lesson: bad } }))}`;
      expect(() => decodeShareParam(value)).toThrow(/lesson/);
    }
  });
});
