import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../../../scenario/lessons';
import { createInProcessClient, createManualTicker } from '../../../bridge/in-process-client';
import { connectEngine, loadScenario } from '../../../store/actions';
import { createPodscapeStore } from '../../../store/podscape-store';
import { openLesson } from './lesson-actions';

async function setup() {
  const client = createInProcessClient({ ticker: createManualTicker() });
  const store = createPodscapeStore();
  await connectEngine(store, client);
  return { client, store };
}

describe('openLesson', () => {
  it('loads the preset through the engine and records the lesson; another load clears it', async () => {
    const { client, store } = await setup();
    const lesson = await openLesson(store, client, 'drain-pdb', 1);
    expect(lesson.id).toBe('drain-pdb');
    expect(store.getState()).toMatchObject({ status: 'ready', lesson: { id: 'drain-pdb', step: 1, completed: [], revealed: [] }, error: null });
    expect(store.getState().scenario?.name).toBe('drain-pdb');
    expect(store.getState().frame?.time).toBe(lesson.warmupMs);
    expect(store.getState().frame?.pods.every((p) => p.phase === 'Running')).toBe(true);
    expect(store.getState().frame?.nodes.map((n) => n.name)).toEqual(['worker-1', 'worker-2', 'worker-3']);
    await loadScenario(store, client, 'apiVersion: v1\nkind: Node\nmetadata: { name: "n" }\n', 'x.yaml');
    expect(store.getState().lesson).toBeNull();
  });

  it('refuses an unknown lesson or step with a specific error, keeping the cluster', async () => {
    const { client, store } = await setup();
    await openLesson(store, client, 'node-failure', 0, { warmup: false });
    expect(store.getState().frame?.time).toBe(0);
    const before = store.getState().frame;
    await expect(openLesson(store, client, 'nope')).rejects.toThrow(`Unknown lesson "nope": expected one of ${LESSONS.map((l) => l.id).join(', ')}`);
    expect(store.getState().error).toMatch(/^Unknown lesson "nope"/);
    await expect(openLesson(store, client, 'node-failure', 7)).rejects.toThrow('Lesson "node-failure" has no step 8: it has 4 steps');
    expect(store.getState().frame).toBe(before);
    expect(store.getState().lesson).toMatchObject({ id: 'node-failure', step: 0 });
  });
});
