/**
 * The lessons that teach `kubectl taint` and `kubectl label` point first to the node card's
 * Taints and labels form, and give a Node to apply as the other way. Their solutions (and
 * src/worker/lessons.test.ts) use the apply; this proves the form's way reaches the same goals:
 * each such step is played with the form's command instead of the Node's apply.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../engine/commands';
import { evaluateGoal, LESSONS } from '../../../scenario/lessons';
import { findPreset } from '../../../scenario/presets';
import { createInProcessClient, createManualTicker } from '../../bridge/in-process-client';
import { nodeEditCommand } from './node-commands';
import { labelNode, taintNode } from './node-edit';
import { buildNodeManifest, NODE_TEMPLATES, nextWorkerName } from './node-manifest';

/** What the step's text tells the learner to type into the node's form. */
const FORM_STEPS: { lesson: string; step: number; node: string; verb: 'taint' | 'label'; args: string; overwrite?: boolean }[] = [
  { lesson: 'taints-tolerations', step: 1, node: 'gpu-1', verb: 'taint', args: 'nvidia.com/driver-upgrade=true:NoExecute' },
  { lesson: 'node-affinity', step: 0, node: 'worker-2', verb: 'label', args: 'disktype=ssd' },
  { lesson: 'node-affinity', step: 2, node: 'worker-3', verb: 'label', args: 'disktype=hdd', overwrite: true },
  { lesson: 'non-graceful-shutdown', step: 1, node: 'worker-1', verb: 'taint', args: 'node.kubernetes.io/out-of-service=nodeshutdown:NoExecute' },
  { lesson: 'non-graceful-shutdown', step: 3, node: 'worker-1', verb: 'taint', args: 'node.kubernetes.io/out-of-service:NoExecute-' },
];

/** A lesson's preset, warmed up, with every step before `index` played by its solution. */
async function playTo(id: string, index: number) {
  const lesson = LESSONS.find((l) => l.id === id)!;
  const preset = findPreset(lesson.presetId)!;
  const client = createInProcessClient({ ticker: createManualTicker() });
  await client.load(preset.text, preset.file);
  await client.step(lesson.warmupMs);
  for (const step of lesson.steps.slice(0, index)) {
    for (const command of step.solution.commands) await client.dispatch(command);
    await client.step(step.solution.advanceMs);
  }
  return { lesson, client };
}

const isNodeApply = (c: Command) => c.action === 'apply' && (c.object as { kind?: string }).kind === 'Node';

describe('lesson steps done with the node card’s Taints and labels form', () => {
  it.each(FORM_STEPS)('$lesson, step $step: kubectl $verb node $node $args', async ({ lesson: id, step: index, node, verb, args, overwrite }) => {
    const { lesson, client } = await playTo(id, index);
    const step = lesson.steps[index];
    // The step's text names the form for exactly the Node it applies.
    expect(step.body).toContain('Taints and labels');
    expect(step.solution.commands.filter(isNodeApply).map((c) => (c as { object: { metadata: { name: string } } }).object.metadata.name)).toEqual([node]);

    let frame = (await client.snapshot())!;
    const current = frame.nodes.find((n) => n.name === node)!;
    // Throws kubectl's error if the text the step gives were refused.
    const change = verb === 'taint' ? taintNode(current, args, overwrite) : labelNode(current, args, overwrite);
    for (const command of step.solution.commands) {
      const sent = isNodeApply(command) ? nodeEditCommand(current, change) : command;
      const result = await client.dispatch(sent);
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    }
    await client.step(step.solution.advanceMs);
    // Goals read every event so far, as the lesson panel does; a frame carries only the new ones.
    const { events } = await client.events({ offset: 0, limit: 5_000 });
    frame = { ...(await client.snapshot())!, events: [...events].reverse() };
    const unmet = step.goals.filter((g) => !evaluateGoal(g.check, frame).met).map((g) => g.text);
    expect(unmet).toEqual([]);
    client.close();
  });
});

/**
 * A step that adds a node tells the learner to use the Add node form; its solution must be the
 * Node that form builds (with the template the text names, else the form's Medium default, and the
 * name and zone the form proposes at that point of the lesson), or the learner's cluster is not
 * the one the lesson's numbers were proved on.
 */
describe('lesson steps done with the Add node form', () => {
  const steps = LESSONS.flatMap((lesson) =>
    lesson.steps.flatMap((step, index) => (step.solution.commands.some((c) => c.action === 'addNode') ? [{ id: lesson.id, index, title: step.title }] : [])),
  );

  it('finds the steps that add a node', () => {
    expect(steps.map((s) => s.id)).toEqual(expect.arrayContaining(['resource-pressure', 'daemonsets', 'pod-anti-affinity', 'bin-packing']));
  });

  it.each(steps)('$id, step $index ($title): the solution adds what the form builds', async ({ id, index }) => {
    const { lesson, client } = await playTo(id, index);
    const step = lesson.steps[index];
    const text = [step.body, ...step.hints].join('\n');
    expect(text).toContain('**Add node**');
    const named = NODE_TEMPLATES.filter((t) => text.includes(t.label));
    const template = named.length > 0 ? named[0] : NODE_TEMPLATES.find((t) => t.id === 'medium')!;
    for (const command of step.solution.commands) {
      if (command.action === 'addNode') {
        // What AddNodeForm proposes: the first free worker-N and the first zone in use.
        const nodes = (await client.snapshot())!.nodes;
        const zones = [...new Set(nodes.flatMap((n) => (n.zone ? [n.zone] : [])))].sort();
        // A name the text tells the learner to type instead of the proposed one.
        const typed = /type `([^`]+)` in \*Node name\*/.exec(step.body)?.[1];
        const name = typed ?? nextWorkerName(nodes.map((n) => n.name));
        expect(command.object).toEqual(buildNodeManifest({ template, name, zone: zones[0] ?? 'zone-a', labels: '', taints: '' }));
      }
      expect(await client.dispatch(command)).toMatchObject({ ok: true });
    }
    client.close();
  });
});
