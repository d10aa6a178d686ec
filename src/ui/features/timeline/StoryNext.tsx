import { useShallow } from 'zustand/react/shallow';
import { usePodscapeStore, type PodscapeState } from '../../store/podscape-store';
import { nodeDeadline, type NodeDeadline } from '../cluster/countdown';
import { deadlineInput } from '../cluster/NodeCountdown';
import { soonestWait, waitWords, type Wait } from './next-wait';

/** The soonest wait of the cluster's killed nodes (next-wait.ts), or null. */
function waitOf(s: PodscapeState): Wait | null {
  if (!s.frame) return null;
  const deadlines: [string, NodeDeadline | null][] = [];
  for (const name of s.cluster.nodes.keys()) {
    const input = deadlineInput(s, name);
    if (input) deadlines.push([name, nodeDeadline(input)]);
  }
  return soonestWait(deadlines);
}

/** Whether the story bar has a "Next" line to show. */
export const selectHasWait = (s: PodscapeState) => waitOf(s) !== null;

function select(s: PodscapeState) {
  const wait = waitOf(s);
  if (!wait || !s.frame) return null;
  return { ...wait, time: s.frame.time, speed: s.frame.speed, playing: s.frame.playing };
}

/**
 * The story bar's "Next" line: what the cluster waits for, when it comes (cluster time and
 * real time at the speed) and why so long, so a killed node's quiet 50 s and 300 s read as
 * waits with an end and not as nothing happening. Not live: the line changes every second;
 * what it announces is read from the log when it comes.
 */
export function StoryNext() {
  const next = usePodscapeStore(useShallow(select));
  if (!next) return null;
  const words = waitWords(next, next.time, next.speed, next.playing);
  return (
    <p className="story-next" data-story-next={next.kind}>
      <span className="story-next-label">Next</span>{' '}
      <span role="timer" className="story-next-when">
        {words.when}
      </span>
      : {words.what}
      <span className="story-why">
        {' '}
        — {words.why}; {words.real}
      </span>
    </p>
  );
}
