import { describe, expect, it } from 'vitest';
import { createInProcessClient, createManualTicker } from '../../../bridge/in-process-client';
import { connectEngine, dispatchCommand, stepClock } from '../../../store/actions';
import { createPodscapeStore } from '../../../store/podscape-store';
import { historyKey, redo, reset, undo } from '../history/history';
import { shareUrl, SHARE_URL_BUDGET } from '../share/share-url';
import { AUTOSAVE_KEY, saveSession } from './autosave';
import { bootSession } from './boot';
import { encodeSession } from './session-codec';
import { createSessionStore } from './session-store';

/** A Storage in memory; `full` makes every write fail as a browser's full quota does. */
function memoryStorage({ full = false } = {}): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      data.set(k, v);
    },
  };
}

async function setup() {
  const store = createPodscapeStore();
  const sessions = createSessionStore();
  const client = createInProcessClient({ ticker: createManualTicker() });
  await connectEngine(store, client);
  return { store, sessions, client };
}

const boot = (runtime: Awaited<ReturnType<typeof setup>>, hash: string, storage?: Storage) => {
  let cleared = false;
  const source = bootSession(runtime.store, runtime.client, { hash, clearHash: () => (cleared = true), storage });
  return source.then((s) => ({ source: s, cleared }));
};

describe('boot, share links and autosave', () => {
  it('opens the default scenario, and its share link fits in 2 KB', async () => {
    const app = await setup();
    expect(await boot(app, '')).toEqual({ source: 'default', cleared: false });
    await dispatchCommand(app.store, app.client, { action: 'killNode', node: 'worker-2' });
    await stepClock(app.store, app.client, 60_000);
    const url = await shareUrl('http://localhost:4173/podscape/#old', await app.client.exportSession(), { kind: 'node', key: 'worker-2' });
    expect(url.startsWith('http://localhost:4173/podscape/#s=1.lz.')).toBe(true);
    expect(url.length).toBeLessThanOrEqual(SHARE_URL_BUDGET);

    const visitor = await setup();
    expect(await boot(visitor, new URL(url).hash)).toEqual({ source: 'link', cleared: true });
    expect((await visitor.client.stateHash()).hash).toBe((await app.client.stateHash()).hash);
    expect(visitor.store.getState()).toMatchObject({ error: null, selected: { kind: 'node', key: 'worker-2' } });
  });

  it('a link reopens the inspector on the workload the sender had selected, as it does for a pod', async () => {
    const app = await setup();
    await boot(app, '');
    await dispatchCommand(app.store, app.client, { action: 'killNode', node: 'worker-2' });
    const url = await shareUrl('http://localhost/#', await app.client.exportSession(), { kind: 'workload', key: 'StatefulSet/default/postgres' });
    expect(url.length).toBeLessThanOrEqual(SHARE_URL_BUDGET);
    const visitor = await setup();
    expect((await boot(visitor, new URL(url).hash)).source).toBe('link');
    expect(visitor.store.getState()).toMatchObject({ error: null, selected: { kind: 'workload', key: 'StatefulSet/default/postgres' } });
    expect((await visitor.client.stateHash()).hash).toBe((await app.client.stateHash()).hash);

    // A link to a workload that is gone opens the cluster all the same, the inspector on the name (it says the workload no longer exists).
    const gone = await shareUrl('http://localhost/#', await app.client.exportSession(), { kind: 'workload', key: 'Deployment/default/gone' });
    const late = await setup();
    expect((await boot(late, new URL(gone).hash)).source).toBe('link');
    expect(late.store.getState()).toMatchObject({ status: 'ready', error: null, selected: { kind: 'workload', key: 'Deployment/default/gone' } });
    expect((await late.client.stateHash()).hash).toBe((await app.client.stateHash()).hash);
  });

  it('a link reopens the lesson step the sender had open; an unknown lesson is reported and the cluster kept', async () => {
    const app = await setup();
    await boot(app, '');
    await dispatchCommand(app.store, app.client, { action: 'cordon', node: 'worker-1' });
    const session = await app.client.exportSession();
    const url = await shareUrl('http://localhost/#', session, null, { id: 'drain-pdb', step: 1, completed: [0], revealed: [] });

    const visitor = await setup();
    expect((await boot(visitor, new URL(url).hash)).source).toBe('link');
    expect(visitor.store.getState()).toMatchObject({ error: null, lesson: { id: 'drain-pdb', step: 1 } });
    expect((await visitor.client.stateHash()).hash).toBe((await app.client.stateHash()).hash);

    // A lesson's preset travels by id and digest, like the default scenario: its link stays short.
    const pupil = await setup();
    await boot(pupil, '');
    const { openLesson } = await import('../lessons/lesson-actions');
    await openLesson(pupil.store, pupil.client, 'drain-pdb', 1);
    const lessonUrl = await shareUrl('http://localhost/#', await pupil.client.exportSession(), null, pupil.store.getState().lesson);
    expect(lessonUrl.length).toBeLessThanOrEqual(SHARE_URL_BUDGET);
    const follower = await setup();
    await boot(follower, new URL(lessonUrl).hash);
    expect((await follower.client.stateHash()).hash).toBe((await pupil.client.stateHash()).hash);
    expect(follower.store.getState().lesson).toMatchObject({ id: 'drain-pdb', step: 1 });

    const stranger = await setup();
    const unknown = `#${encodeSession(session, null, { id: 'no-such-lesson', step: 0 })}`;
    expect((await boot(stranger, unknown)).source).toBe('link');
    expect(stranger.store.getState().lesson).toBeNull();
    expect(stranger.store.getState().error).toMatch(/lesson "no-such-lesson", which this Podscape does not have/);
    expect(stranger.store.getState().frame!.nodes.find((n) => n.name === 'worker-1')!.unschedulable).toBe(true);
  });

  it('prefers a link to the autosave, the autosave to the default, and falls through bad ones with an alert', async () => {
    const app = await setup();
    await boot(app, '');
    await dispatchCommand(app.store, app.client, { action: 'cordon', node: 'worker-1' });
    const saved = memoryStorage();
    expect(saveSession(saved, encodeSession(await app.client.exportSession(), null))).toBeNull();

    const restored = await setup();
    expect((await boot(restored, '', saved)).source).toBe('autosave');
    expect(restored.store.getState().frame!.nodes.find((n) => n.name === 'worker-1')!.unschedulable).toBe(true);

    const badLink = await setup();
    expect(await boot(badLink, '#s=1.lz.AAAA', saved)).toEqual({ source: 'autosave', cleared: true });
    expect(badLink.store.getState().error).toMatch(/^Could not open the share link: its data is damaged/);

    const nothing = await setup();
    const corrupt = memoryStorage();
    corrupt.setItem(AUTOSAVE_KEY, 's=1.lz.%%%');
    expect((await boot(nothing, '#s=2.lz.abc', corrupt)).source).toBe('default');
    expect(nothing.store.getState().error).toMatch(/Could not open the share link: it was made by a newer Podscape.*Could not restore your autosaved session/);
    expect(nothing.store.getState().frame!.nodes.length).toBeGreaterThan(0);
  });

  it('a link whose command the engine refuses names the command and keeps a working cluster', async () => {
    const app = await setup();
    await boot(app, '');
    const session = { ...(await app.client.exportSession()), commands: [{ at: 5, action: 'killNode' as const, node: 'worker-42' }], time: 10 };
    const visitor = await setup();
    expect((await boot(visitor, `#${encodeSession(session, null)}`)).source).toBe('default');
    expect(visitor.store.getState().error).toMatch(/Could not open the share link: command 1 of 1 \(killNode at 5 ms\) was refused/);
  });

  it('reports a full storage instead of throwing', () => {
    expect(saveSession(memoryStorage({ full: true }), 's=1.lz.x')).toMatch(/storage for this site is full/);
  });
});

describe('undo, redo and reset', () => {
  it('replays the log without its last command, puts it back, and resets to time 0 with everything redoable', async () => {
    const app = await setup();
    await boot(app, '');
    const cordoned = (name: string) => app.store.getState().frame!.nodes.find((n) => n.name === name)!.unschedulable;
    await dispatchCommand(app.store, app.client, { action: 'cordon', node: 'worker-1' });
    await stepClock(app.store, app.client, 5000);
    await dispatchCommand(app.store, app.client, { action: 'cordon', node: 'worker-2' });
    const full = await app.client.stateHash();

    expect(await undo(app)).toBe(true);
    expect([cordoned('worker-1'), cordoned('worker-2')]).toEqual([true, false]);
    expect(app.store.getState().frame!.time).toBe(5000);
    expect(await redo(app)).toBe(true);
    expect(await app.client.stateHash()).toEqual(full);
    expect(await redo(app)).toBe(false);

    await reset(app);
    expect(app.store.getState().frame!.time).toBe(0);
    expect([cordoned('worker-1'), cordoned('worker-2')]).toEqual([false, false]);
    expect(await redo(app)).toBe(true);
    expect(await redo(app)).toBe(true);
    expect(await app.client.stateHash()).toEqual(full);

    // A new command after an undo empties the redo stack.
    await undo(app);
    await dispatchCommand(app.store, app.client, { action: 'cordon', node: 'worker-3' });
    expect(await redo(app)).toBe(false);
    expect(await undo(app)).toBe(true);
    expect(await undo(app)).toBe(true);
    expect(await undo(app)).toBe(false);
  });

  it('maps the keyboard shortcuts', () => {
    const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
      historyKey({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
    expect(key('z', { ctrlKey: true })).toBe('undo');
    expect(key('z', { metaKey: true })).toBe('undo');
    expect(key('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(key('y', { ctrlKey: true })).toBe('redo');
    expect(key('z')).toBeNull();
    expect(key('z', { ctrlKey: true, altKey: true })).toBeNull();
  });
});
