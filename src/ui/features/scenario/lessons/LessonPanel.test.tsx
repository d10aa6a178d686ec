import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Frame, NodeFrame } from '../../../../protocol/engine-api';
import { frame as baseFrame, node as baseNode } from '../../../../protocol/frame-fixtures';
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
    expect(open).toContain('Step 1 of 3: Cordon worker-2');
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
    expect(html).toContain('Step 2 of 3: Drain it');
    expect(html).not.toContain('Predict, then reveal'); // step 2 has no prediction
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
});
