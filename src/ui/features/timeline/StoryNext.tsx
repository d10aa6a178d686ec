import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { usePodscapeRuntime, usePodscapeStore, type PodscapeState } from '../../store/podscape-store';
import { nodeDeadline, type NodeDeadline } from '../cluster/countdown';
import { deadlineInput } from '../cluster/NodeCountdown';
import { BUDGET_MESSAGE, drainWaits, stillWaiting, type DrainWait } from '../node-actions/drain-waits';
import { soonestWait, waitWords, type Wait } from './next-wait';

/**
 * The soonest wait of the cluster's killed nodes (next-wait.ts), or null. The countdowns depend
 * on the nodes' fields alone, so the pods are not read (deadlineInput's `pods`).
 */
function waitOf(s: PodscapeState): Wait | null {
  if (!s.frame) return null;
  const deadlines: [string, NodeDeadline | null][] = [];
  for (const name of s.cluster.nodes.keys()) {
    const input = deadlineInput(s, name, false);
    if (input) deadlines.push([name, nodeDeadline(input)]);
  }
  return soonestWait(deadlines);
}

function select(s: PodscapeState) {
  const wait = waitOf(s);
  if (!wait || !s.frame) return null;
  return { ...wait, time: s.frame.time, speed: s.frame.speed, playing: s.frame.playing };
}

/** The drains the Eviction API still holds back (drain-waits.ts); the selector's result is their nodes as one string (stable). */
function useHeldDrains(): readonly DrainWait[] {
  const { store } = usePodscapeRuntime();
  const waits = useStore(drainWaits(store));
  const held = usePodscapeStore((s) => (waits.length === 0 ? '' : waits.filter((w) => stillWaiting(s.cluster, w)).map((w) => w.node).join('\n')));
  return held === '' ? [] : waits.filter((w) => held.split('\n').includes(w.node));
}

/** Whether the story bar has a "Next" line to show. */
export function useHasNext(): boolean {
  const deadline = usePodscapeStore((s) => waitOf(s) !== null);
  return useHeldDrains().length > 0 || deadline;
}

/**
 * The story bar's "Next" lines: what the cluster waits for, when it comes (cluster time and
 * real time at the speed) and why so long, so a killed node's quiet 50 s and 300 s read as
 * waits with an end and not as nothing happening; and a drain the Eviction API holds back
 * (its notice sits at the top of the page, out of sight from the node cards). Not live: the
 * line changes every second; what it announces is read from the log when it comes.
 */
export function StoryNext() {
  const next = usePodscapeStore(useShallow(select));
  const drains = useHeldDrains();
  return (
    <>
      {drains.map((d) => (
        <p key={d.node} className="story-next" data-story-next="drain">
          <span className="story-next-label">Next</span>: drain of {d.node} evicts {names(d)} once the budget allows{' '}
          <span className="story-next-real">(kubectl retries every {d.refused[0].retry})</span>
          <span className="story-why">
            {' '}
            — {d.refused.every((r) => r.message === BUDGET_MESSAGE) ? 'its PodDisruptionBudget allows no more disruptions until a replacement is Running and ready' : d.refused[0].message}
          </span>
        </p>
      ))}
      {next && <DeadlineLine next={next} />}
    </>
  );
}

const names = (d: DrainWait) => d.refused.map((r) => r.name).join(', ');

function DeadlineLine({ next }: { next: NonNullable<ReturnType<typeof select>> }) {
  const words = waitWords(next, next.time, next.speed, next.playing);
  return (
    <p className="story-next" data-story-next={next.kind}>
      <span className="story-next-label">Next</span>{' '}
      <span role="timer" className="story-next-when">
        {words.when}
      </span>
      : {words.what} <span className="story-next-real">({words.real})</span>
      <span className="story-why"> — {words.why}</span>
    </p>
  );
}
