/**
 * The story bar's "Next" line: of the killed nodes' countdowns (cluster/countdown.ts, the
 * same deadlines their cards count down), the soonest, in words: what comes, when (in
 * cluster time and in real time at the clock's speed) and why the cluster waits that long.
 * The two waits people misread most are a killed node's 50 s (node-monitor grace period)
 * and 300 s (the unreachable taint's tolerationSeconds): the page seems to do nothing.
 */
import { EVICTION_LABEL, formatCountdown, formatSeconds, UNREACHABLE_TAINT, type NodeDeadline } from '../cluster/countdown';

export interface Wait {
  node: string;
  kind: 'unknown' | 'eviction';
  /** Virtual ms of the deadline, and of the start of its period. */
  at: number;
  from: number;
  /** For an eviction: the NoExecute taint it counts from (kubectl's form); the unreachable one when absent. */
  taint?: string;
  /** How many other nodes count a deadline down. */
  others: number;
}

/** Past this many real seconds the line says what the Speed control's 60× makes of the wait. */
const FAST_HINT_S = 20;
const FAST = 60;

/** The soonest of the nodes' deadlines that count down, or null when none does. */
export function soonestWait(deadlines: Iterable<readonly [string, NodeDeadline | null]>): Wait | null {
  let best: Wait | null = null;
  let count = 0;
  for (const [node, deadline] of deadlines) {
    const until = deadline?.until;
    if (!until) continue;
    count++;
    if (best === null || until.at < best.at || (until.at === best.at && node < best.node)) {
      best = { node, kind: until.label === EVICTION_LABEL ? 'eviction' : 'unknown', at: until.at, from: until.from, taint: deadline.taint, others: 0 };
    }
  }
  return best && { ...best, others: count - 1 };
}

/** The line's parts: `when` (cluster time left), `what`, `why`, and `real` (the wall-clock wait at `speed`, or that the clock is paused). */
export function waitWords(wait: Wait, time: number, speed: number, playing: boolean): { when: string; what: string; why: string; real: string } {
  const left = Math.max(0, wait.at - time);
  const period = formatSeconds(Math.round((wait.at - wait.from) / 1000));
  const more = wait.others > 0 ? ` (and ${wait.others} more ${wait.others === 1 ? 'wait' : 'waits'})` : '';
  const seconds = Math.ceil(left / 1000 / Math.max(speed, 1e-9));
  return {
    when: `in ${formatCountdown(left)}`,
    what: wait.kind === 'unknown' ? `${wait.node} is marked Unknown${more}` : `the pods on ${wait.node} are evicted${more}`,
    why:
      wait.kind === 'unknown'
        ? `the node-monitor grace period: ${period} without a heartbeat from it`
        : !wait.taint || wait.taint === UNREACHABLE_TAINT
          ? `they tolerate the unreachable taint for ${period} (tolerationSeconds), in case the node comes back`
          : `they tolerate the ${wait.taint} taint for their tolerationSeconds`, // its start is not known here: a taint applied without timeAdded counts from when the controller saw it
    real: playing ? `about ${formatSeconds(seconds)} at ${speed}×${seconds > FAST_HINT_S && speed < FAST ? `; at ${FAST}×, ${formatSeconds(Math.ceil(left / 1000 / FAST))}` : ''}` : 'the clock is paused',
  };
}
