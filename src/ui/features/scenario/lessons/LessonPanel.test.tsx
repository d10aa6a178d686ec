import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Frame, NodeFrame } from '../../../../protocol/engine-api';
import { frame as baseFrame, node as baseNode, pod } from '../../../../protocol/frame-fixtures';
import { findLesson } from '../../../../scenario/lessons';
import { LessonPanelView } from './LessonPanel';

const node = baseNode;
const frame = (nodes: NodeFrame[]): Frame => baseFrame({ nodes });
const noop = () => {};
const lesson = findLesson('drain-pdb')!;

const render = (nodes: NodeFrame[], progress = { id: lesson.id, step: 0, completed: [] as number[], revealed: [] as number[] }) =>
  renderToStaticMarkup(<LessonPanelView lesson={lesson} progress={progress} frame={frame(nodes)} onStep={noop} onReveal={noop} onLeave={noop} />);

describe('LessonPanelView', () => {
  it('shows the step, its goals checked against the frame, hints behind a disclosure and the prediction', () => {
    const open = render([node('worker-2')]);
    expect(open).toContain('Step 1 of 5: Cordon worker-2');
    expect(open).toMatch(/data-goal-met="false"[^]*✗[^]*worker-2 is cordoned[^]*: not yet[^]*worker-2 is schedulable/);
    expect(open).toContain('Goals (0 of 1 done)');
    expect(open).toMatch(/<details class="lesson-hints"><summary>Hints \(1\)<\/summary>/);
    expect(open).toContain('Predict, then reveal');
    expect(open).toContain('Reveal the answer');
    expect(open).not.toContain('the answer</strong>');
    expect(open).toContain('<strong>worker-2</strong>'); // markdown rendered as elements

    const done = render([node('worker-2', { unschedulable: true })]);
    expect(done).toMatch(/data-goal-met="true"[^]*✓[^]*worker-2 is cordoned[^]*: done[^]*worker-2 is cordoned/);
    expect(done).toContain('Goals (1 of 1 done)');
  });

  it('marks completed steps and the current one, and reveals the answer', () => {
    const html = render([node('worker-2')], { id: lesson.id, step: 1, completed: [0], revealed: [1] });
    expect(html).toMatch(/data-step-done="true"><button type="button">[^]*✓[^]*Cordon worker-2[^]*\(done\)/);
    expect(html).toMatch(/aria-current="step"[^>]*>[^]*Drain it/);
    expect(html).toContain('Step 2 of 5: Drain it');
    expect(html).toMatch(/the other eviction is refused and retried until the first replacement is Running<strong> — the answer<\/strong>/);
    // A step without a prediction shows none.
    const bare = { ...lesson, steps: lesson.steps.map((st) => ({ ...st, predict: undefined })) };
    expect(renderToStaticMarkup(<LessonPanelView lesson={bare} progress={{ id: lesson.id, step: 1, completed: [], revealed: [] }} frame={null} onStep={noop} onReveal={noop} onLeave={noop} />)).not.toContain('Predict, then reveal');
    expect(renderToStaticMarkup(<LessonPanelView lesson={lesson} progress={{ id: lesson.id, step: 0, completed: [], revealed: [0] }} frame={null} onStep={noop} onReveal={noop} onLeave={noop} />))
      .toMatch(/They keep running<strong> — the answer<\/strong>[^]*role="status"[^]*Cordoning only sets/);
  });

  it('says when the scenario shortens upstream timings', () => {
    const props = { lesson, progress: { id: lesson.id, step: 0, completed: [], revealed: [] }, frame: null, onStep: noop, onReveal: noop, onLeave: noop };
    expect(renderToStaticMarkup(<LessonPanelView {...props} timingOverrides={['defaultTolerationSeconds']} />)).toContain(
      'Shortened timings: defaultTolerationSeconds differ from upstream&#x27;s defaults',
    );
    expect(renderToStaticMarkup(<LessonPanelView {...props} />)).not.toContain('Shortened timings');
  });

  it('renders names as text, never as markup', () => {
    const evil = { ...lesson, title: '<img src=x onerror=alert(1)>' };
    const html = renderToStaticMarkup(<LessonPanelView lesson={evil} progress={{ id: lesson.id, step: 0, completed: [], revealed: [] }} frame={null} onStep={noop} onReveal={noop} onLeave={noop} />);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('shows the new goal kinds (an event, a pod state, a Pending reason) with what the cluster shows, in words', () => {
    const preemption = findLesson('priority-preemption')!;
    const progress = { id: preemption.id, step: 0, completed: [], revealed: [] };
    const why = '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.';
    const before = renderToStaticMarkup(<LessonPanelView lesson={preemption} progress={progress} frame={baseFrame({})} onStep={noop} onReveal={noop} onLeave={noop} />);
    expect(before).toContain('Goals (0 of 3 done)');
    expect(before).toMatch(/A pod was preempted \(a Preempted event\)<span class="visually-hidden">: not yet<\/span><\/span><span class="goal-detail">no Preempted event<\/span>/);
    expect(before).toContain('default/payments does not exist');
    expect(before).toContain('no pod of batch is Pending');
    const after = baseFrame({
      pods: [pod('payments', 'worker-2'), pod('batch-5d76bb6b96-m89t4', null, { owner: { kind: 'ReplicaSet', name: 'batch-5d76bb6b96' } })],
      queue: [{ namespace: 'default', name: 'batch-5d76bb6b96-m89t4', queue: 'unschedulable', reason: 'Unschedulable', message: why }],
      events: [{ id: 7, type: 'Normal', reason: 'Preempted', message: 'Preempted by pod u on node worker-2', object: 'Pod/default/batch-5d76bb6b96-ntzr4', source: 'default-scheduler', count: 1, firstTime: 10_000, lastTime: 10_000 }],
    });
    const done = renderToStaticMarkup(<LessonPanelView lesson={preemption} progress={progress} frame={after} onStep={noop} onReveal={noop} onLeave={noop} />);
    expect(done).toContain('Goals (3 of 3 done)');
    expect(done).toContain('1 Preempted event');
    expect(done).toContain('default/payments is Running on worker-2');
    expect(done).toContain(`batch-5d76bb6b96-m89t4: ${why}`);
  });

  it("gives a hint's one-line object Copy and Open in Apply YAML buttons named after it; other code stays plain", () => {
    const flags = findLesson('drain-flags')!;
    const at = (step: number, open?: (text: string) => void) =>
      renderToStaticMarkup(<LessonPanelView lesson={flags} progress={{ id: flags.id, step, completed: [], revealed: [] }} frame={null} onStep={noop} onReveal={noop} onLeave={noop} onOpenYaml={open} />);
    const html = at(3, noop);
    expect(html).toMatch(/<span class="hint-object"><code>\{ apiVersion: policy\/v1, kind: PodDisruptionBudget, metadata: \{ name: web-pdb[^<]*<\/code>/);
    expect(html).toContain('<button type="button" aria-label="Copy the PodDisruptionBudget web-pdb" data-copy-state="idle">Copy</button>');
    expect(html).toContain('aria-label="Open the PodDisruptionBudget web-pdb in Apply YAML">Open in Apply YAML</button>');
    expect(html.match(/role="status"/g)?.length).toBeGreaterThan(0);
    // No editor to open it in (a static view): Copy only.
    expect(at(3)).not.toContain('Open in Apply YAML');
    // Step 2's hint has code (`30s`) but no object.
    const plain = at(1, noop);
    expect(plain).toContain('<code>30s</code>');
    expect(plain).not.toContain('hint-object');
  });

  it('tells, on the first step only, that presenter mode puts the lesson beside the cluster', () => {
    const view = (step: number, presenterTip: boolean) =>
      renderToStaticMarkup(<LessonPanelView lesson={lesson} progress={{ id: lesson.id, step, completed: [], revealed: [] }} frame={null} onStep={noop} onReveal={noop} onLeave={noop} presenterTip={presenterTip} />);
    expect(view(0, true)).toMatch(/<p class="lesson-tip">Tip: the cluster is below this lesson\. <strong>Presenter mode<\/strong>[^]*<kbd>P<\/kbd>/);
    expect(view(1, true)).not.toContain('lesson-tip');
    expect(view(0, false)).not.toContain('lesson-tip');
  });
});
