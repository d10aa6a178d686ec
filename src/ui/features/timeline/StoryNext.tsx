import { useId, useMemo, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useMediaQuery } from '../../components/use-media-query';
import { playClock, settle } from '../../store/actions';
import { usePodscapeRuntime, usePodscapeStore, type PodscapeState } from '../../store/podscape-store';
import { nodeDeadline, type NodeDeadline } from '../cluster/countdown';
import { deadlineInput } from '../cluster/NodeCountdown';
import { BUDGET_MESSAGE, drainRuns, type DrainRun } from '../node-actions/drain-runs';
import { goToDrainOutput, goToNode } from '../cluster/go-to-node';
import { FLOAT_QUERY } from './ClockControls';
import { decodeWaits, encodeWaits, shortWaitWords, waitList, waitWords, type Wait } from './next-wait';

/**
 * The killed nodes' waits (next-wait.ts), soonest first. The countdowns depend on the nodes'
 * fields alone, so the pods are not read (deadlineInput's `pods`).
 */
function waitsOf(s: PodscapeState): Wait[] {
  if (!s.frame) return [];
  const deadlines: [string, NodeDeadline | null][] = [];
  for (const name of s.cluster.nodes.keys()) {
    const input = deadlineInput(s, name, false);
    if (input) deadlines.push([name, nodeDeadline(input)]);
  }
  return waitList(deadlines);
}

/** The soonest wait and the others (as one string: the selector is compared shallowly, so it returns primitives only). */
function select(s: PodscapeState) {
  const waits = waitsOf(s);
  if (waits.length === 0 || !s.frame) return null;
  return { ...waits[0], others: waits.length - 1, rest: encodeWaits(waits.slice(1)), time: s.frame.time, speed: s.frame.speed, playing: s.frame.playing };
}

/** The drains the Eviction API holds back now (the frame's drain log, drain-runs.ts): read again only when the log changes. */
function useHeldDrains(): readonly DrainRun[] {
  const log = usePodscapeStore((s) => s.frame?.drainLog);
  return useMemo(() => drainRuns(log).filter((r) => r.state === 'waiting'), [log]);
}

/** Whether the story bar has a "Next" line to show. */
export function useHasNext(): boolean {
  const deadline = usePodscapeStore((s) => waitsOf(s).length > 0);
  return useHeldDrains().length > 0 || deadline;
}

/**
 * The story bar's "Next" line: what the cluster waits for, when it comes (cluster time and
 * real time at the speed) and why so long, so a killed node's quiet 50 s and 300 s read as
 * waits with an end and not as nothing happening; or a drain the Eviction API holds back (its
 * notice sits at the top of the page, out of sight from the node cards). One line, the
 * soonest deadline first: the other waits (more killed nodes, a drain beside a kill) sit
 * behind its "N more waits" button, a few words each with a way to their node's card. Not
 * live: the line changes every second; what it announces is read from the log when it comes.
 */
export function StoryNext() {
  const next = usePodscapeStore(useShallow(select));
  const drains = useHeldDrains();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const time = next?.time ?? 0;
  const others: Other[] = [
    ...decodeWaits(next?.rest ?? '').map((w) => ({ key: `${w.node}-${w.kind}`, node: w.node, words: shortWaitWords(w, time) })),
    ...drains.slice(next ? 0 : 1).map((d) => ({ key: `drain-${d.node}`, node: d.node, words: `drain of ${d.node} evicts ${names(d)} once the budget allows` })),
  ];
  if (!next && drains.length === 0) return null;
  const more =
    others.length === 0 ? null : (
      <button type="button" className="story-more" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
        {others.length} more {others.length === 1 ? 'wait' : 'waits'}
      </button>
    );
  return (
    <>
      {next ? <DeadlineLine next={next} more={more} /> : <DrainLine d={drains[0]} more={more} />}
      {more && open && (
        <ul id={listId} className="story-more-list" aria-label="Other waits">
          {others.map((o) => (
            <li key={o.key}>
              {o.words}{' '}
              <button type="button" className="story-go" onClick={() => goToNode(o.node)}>
                Go to {o.node}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

interface Other {
  key: string;
  node: string;
  words: string;
}

const names = (d: DrainRun) => d.refused.map((r) => r.name).join(', ');

function DrainLine({ d, more }: { d: DrainRun; more: ReactNode }) {
  return (
    <p className="story-next" data-story-next="drain">
      <span className="story-next-label">Next</span>: drain of {d.node} evicts {names(d)} once the budget allows{' '}
      {more && <>{more} </>}
      <span className="story-next-real">(kubectl retries every {d.refused[0].retry})</span>
      <span className="story-why">
        {' '}
        — {d.refused.every((r) => r.message === BUDGET_MESSAGE) ? 'its PodDisruptionBudget allows no more disruptions until more of its pods are Running and ready' : d.refused[0].message}
      </span>{' '}
      {/* On a phone the notice with kubectl's lines sits above the nodes, out of sight: this brings it. */}
      <button type="button" className="story-go" onClick={() => goToDrainOutput(d.node)}>
        Show kubectl output
      </button>
    </p>
  );
}

function DeadlineLine({ next, more }: { next: NonNullable<ReturnType<typeof select>>; more: ReactNode }) {
  const floating = useMediaQuery(FLOAT_QUERY);
  const words = waitWords(next, next.time, next.speed, next.playing);
  return (
    <p className="story-next" data-story-next={next.kind}>
      <span className="story-next-label">Next</span>{' '}
      <span role="timer" className="story-next-when">
        {words.when}
      </span>
      : {words.what} {more && <>{more} </>}
      <span className="story-next-real">({words.real})</span>
      {!next.playing && !floating && <RunClock />}
      <span className="story-why"> — {words.why}</span>
    </p>
  );
}

/**
 * On a phone the clock does not float (ClockControls.tsx's FLOAT_QUERY): watching the node cards,
 * the user read "the clock is paused" here with Play a screen or more above. This plays it from
 * the line, only where the clock does not float (where it does, Play sits in this bar already).
 */
function RunClock() {
  const { store, client } = usePodscapeRuntime();
  return (
    <>
      {' '}
      <button type="button" className="story-go" onClick={() => settle(playClock(store, client))}>
        Run the clock
      </button>
    </>
  );
}
