import { useEffect, useId, useMemo, useState } from 'react';
import { findLesson, type GoalFrame, type Lesson, type LessonStep, type PredictQuestion } from '../../../../scenario/lessons';
import { usePodscapeRuntime, usePodscapeStore, type LessonProgress } from '../../../store/podscape-store';
import { leaveLesson, updateLesson } from './lesson-actions';
import { HintObject } from './HintObject';
import { isHintObject } from './copy-text';
import { Markdown, type CodeRenderer } from './Markdown';
import { requestApplyYaml } from '../../workloads/yaml-requests';
import { evaluateStep, goToStep, nextBeat, previousBeat, reveal, withFrameProgress } from './progress';
import { isTypingTarget } from './keys';
import { useMediaQuery } from '../../../components/use-media-query';
import './lessons.css';

/**
 * A one-column layout (a phone, or presenter mode's at the same width, presenter.css): the
 * lesson sits above the cluster there, so it folds to its step title (the step unfolds on
 * demand), leaving the nodes on a phone's or a projector's first screen.
 */
export const FOLD_QUERY = '(max-width: 48rem)';
/**
 * The widths at which the lesson sits above the cluster outside presenter mode, but presenter mode
 * would put them side by side (presenter.css): a laptop's 1280 pixels, where attendees scrolled
 * between the text and the node cards at every step (round 20).
 */
export const STACKED_QUERY = '(min-width: 48rem) and (max-width: 100rem)';

/** The open lesson: its steps, the current step's text, live goals, hints and prediction. */
export default function LessonPanel() {
  const { store } = usePodscapeRuntime();
  const progress = usePodscapeStore((s) => s.lesson);
  const latest = usePodscapeStore((s) => s.frame);
  const events = usePodscapeStore((s) => s.events);
  // A frame carries only the events new since the previous one; goals about events read
  // every event the page holds (eventRecorded: "a Preempted event was recorded").
  const frame = useMemo(() => (latest ? { ...latest, events } : null), [latest, events]);
  const presenter = usePodscapeStore((s) => s.presenter);
  const timingOverrides = usePodscapeStore((s) => s.scenario?.timingOverrides);
  const lesson = progress ? findLesson(progress.id) : undefined;
  const narrow = useMediaQuery(FOLD_QUERY);
  const stacked = useMediaQuery(STACKED_QUERY);

  // A step is completed the first time a frame meets all its goals.
  useEffect(() => {
    if (frame) updateLesson(store, (p, l) => withFrameProgress(p, l, frame));
  }, [store, frame, progress]);

  // Presenter mode: arrow keys, page keys (clickers) and space step through the beats.
  useEffect(() => {
    if (!presenter) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTypingTarget(event.target)) return;
      const forward = ['ArrowRight', 'ArrowDown', 'PageDown'].includes(event.key) || (event.key === ' ' && !isButton(event.target));
      const back = ['ArrowLeft', 'ArrowUp', 'PageUp'].includes(event.key);
      if (!forward && !back) return;
      event.preventDefault();
      updateLesson(store, forward ? nextBeat : previousBeat);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, presenter]);

  if (!progress || !lesson) return null;
  return (
    <LessonPanelView
      lesson={lesson}
      progress={progress}
      frame={frame}
      timingOverrides={timingOverrides ?? []}
      // A phone folds it too: unfolded, the lesson filled a 390×844 screen and no node was in sight.
      foldable={narrow}
      presenterTip={!presenter && stacked}
      onStep={(i) => updateLesson(store, (p, l) => goToStep(p, l, i))}
      onReveal={() => updateLesson(store, reveal)}
      onLeave={() => leaveLesson(store)}
      onOpenYaml={(text) => requestApplyYaml(store, text)}
    />
  );
}

const isButton = (target: EventTarget | null) => target instanceof HTMLElement && target.closest('button, summary, a') !== null;

interface ViewProps {
  lesson: Lesson;
  progress: LessonProgress;
  frame: GoalFrame | null;
  /** The scenario's spec.controlPlane fields that differ from upstream's defaults. */
  timingOverrides?: readonly string[];
  /** True in a one-column layout (a phone, or presenter mode's): the step folds to its title, with a button to unfold it. */
  foldable?: boolean;
  onStep(step: number): void;
  onReveal(): void;
  onLeave(): void;
  /** A hint's object asked to be opened in Apply YAML. */
  onOpenYaml?(text: string): void;
  /** The first step says that presenter mode puts the lesson beside the cluster (a window where it sits above it). */
  presenterTip?: boolean;
}

export function LessonPanelView({ lesson, progress, frame, timingOverrides = [], foldable = false, onStep, onReveal, onLeave, onOpenYaml, presenterTip = false }: ViewProps) {
  const headingId = useId();
  const [unfolded, setUnfolded] = useState(false);
  // A clicker's beat that reveals the prediction's answer unfolds the step: the class must see it.
  const revealedNow = progress.revealed.includes(progress.step);
  useEffect(() => {
    if (revealedNow) setUnfolded(true);
  }, [revealedNow]);
  const fold = foldable ? { expanded: unfolded, toggle: () => setUnfolded((u) => !u) } : null;
  const step = lesson.steps[progress.step];
  const last = lesson.steps.length - 1;
  return (
    <section
      className="lesson"
      aria-labelledby={headingId}
      data-lesson={lesson.id}
      data-lesson-step={progress.step + 1}
      {...(fold && !fold.expanded ? { 'data-folded': '' } : {})}
    >
      <header className="lesson-header">
        <h2 id={headingId}>Lesson: {lesson.title}</h2>
        <button type="button" onClick={onLeave}>
          Leave lesson
        </button>
      </header>
      {timingOverrides.length > 0 ? (
        <p className="lesson-timings">
          Shortened timings: {timingOverrides.join(', ')} differ from upstream's defaults, to keep the lesson short.
        </p>
      ) : null}
      <nav aria-label="Lesson steps">
        <ol className="lesson-steps">
          {lesson.steps.map((s, i) => {
            const done = progress.completed.includes(i);
            return (
              <li key={i} data-step-done={done ? 'true' : 'false'}>
                <button type="button" aria-current={i === progress.step ? 'step' : undefined} onClick={() => onStep(i)}>
                  <span aria-hidden="true">{done ? '✓' : i + 1}</span> {s.title}
                  {done ? <span className="visually-hidden"> (done)</span> : null}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      {presenterTip && progress.step === 0 ? (
        <p className="lesson-tip">
          Tip: the cluster is below this lesson. <strong>Presenter mode</strong> (its button at the top, or the <kbd>P</kbd> key) puts them side by side, with larger type; <kbd>Escape</kbd> leaves it.
        </p>
      ) : null}
      <StepView
        key={progress.step}
        step={step}
        index={progress.step}
        count={lesson.steps.length}
        frame={frame}
        completed={progress.completed.includes(progress.step)}
        revealed={progress.revealed.includes(progress.step)}
        fold={fold}
        onReveal={onReveal}
        onOpenYaml={onOpenYaml}
      />
      <div className="lesson-nav">
        <button type="button" disabled={progress.step === 0} onClick={() => onStep(progress.step - 1)}>
          Previous
        </button>
        <button type="button" disabled={progress.step === last} onClick={() => onStep(progress.step + 1)}>
          Next
        </button>
      </div>
    </section>
  );
}

interface StepProps {
  step: LessonStep;
  index: number;
  count: number;
  frame: GoalFrame | null;
  completed: boolean;
  revealed: boolean;
  /** The fold's state and switch, in presenter mode's one-column layout. */
  fold: { expanded: boolean; toggle(): void } | null;
  onReveal(): void;
  onOpenYaml?(text: string): void;
}

function StepView({ step, index, count, frame, completed, revealed, fold, onReveal, onOpenYaml }: StepProps) {
  const hintCode: CodeRenderer = (code) => (isHintObject(code) ? <HintObject code={code} onOpen={onOpenYaml} /> : null);
  const goals = frame ? evaluateStep(step, frame) : [];
  const met = goals.filter((g) => g.met).length;
  const bodyId = useId();
  return (
    <article className="lesson-step">
      <h3>
        Step {index + 1} of {count}: {step.title}
      </h3>
      {fold ? (
        <button type="button" className="lesson-fold" aria-expanded={fold.expanded} aria-controls={bodyId} onClick={fold.toggle}>
          <span aria-hidden="true">{fold.expanded ? '▾' : '▸'}</span> Show the step
        </button>
      ) : null}
      <div className="lesson-step-body" id={bodyId}>
        <Markdown text={step.body} />
        {step.predict ? <Predict question={step.predict} revealed={revealed} onReveal={onReveal} /> : null}
      </div>
      <h4 id={`goals-${index}`}>
        Goals ({met} of {step.goals.length} done)
      </h4>
      <ul className="lesson-goals" aria-labelledby={`goals-${index}`}>
        {goals.map((g) => (
          <li key={g.text} data-goal-met={g.met ? 'true' : 'false'}>
            <span className="goal-mark" aria-hidden="true">
              {g.met ? '✓' : '✗'}
            </span>
            <span>
              {g.text}
              <span className="visually-hidden">{g.met ? ': done' : ': not yet'}</span>
            </span>
            <span className="goal-detail">{g.detail}</span>
          </li>
        ))}
      </ul>
      <p className="lesson-complete" role="status">
        {completed ? (index + 1 < count ? 'Step complete: go on to the next step.' : 'Lesson complete: well done.') : ''}
      </p>
      <details className="lesson-hints">
        <summary>Hints ({step.hints.length})</summary>
        <ul>
          {step.hints.map((h) => (
            <li key={h}>
              <Markdown text={h} code={hintCode} />
            </li>
          ))}
        </ul>
      </details>
    </article>
  );
}

function Predict({ question, revealed, onReveal }: { question: PredictQuestion; revealed: boolean; onReveal(): void }) {
  const [choice, setChoice] = useState<number | null>(null);
  const name = useId();
  return (
    <fieldset className="lesson-predict">
      <legend>Predict, then reveal</legend>
      <Markdown text={question.question} />
      {question.choices.map((c, i) => (
        <label key={c} className={revealed && i === question.answer ? 'predict-answer' : undefined}>
          <input type="radio" name={name} checked={choice === i} onChange={() => setChoice(i)} /> {c}
          {revealed && i === question.answer ? <strong> — the answer</strong> : null}
        </label>
      ))}
      {revealed ? (
        <div className="predict-reveal" role="status">
          {choice === null ? null : <p>{choice === question.answer ? 'Your prediction was right.' : 'Not quite.'}</p>}
          <Markdown text={question.explanation} />
        </div>
      ) : (
        <button type="button" onClick={onReveal}>
          Reveal the answer
        </button>
      )}
    </fieldset>
  );
}
