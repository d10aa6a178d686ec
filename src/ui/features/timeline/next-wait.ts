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

/** Every deadline the nodes count down, soonest first (ties by node name); `others` is 0 in each. */
export function waitList(deadlines: Iterable<readonly [string, NodeDeadline | null]>): Wait[] {
  const waits: Wait[] = [];
  for (const [node, deadline] of deadlines) {
    const until = deadline?.until;
    if (!until) continue;
    waits.push({ node, kind: until.label === EVICTION_LABEL ? 'eviction' : 'unknown', at: until.at, from: until.from, taint: deadline.taint, others: 0 });
  }
  return waits.sort((a, b) => a.at - b.at || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

/** The soonest of the nodes' deadlines that count down, with how many others do; null when none does. */
export function soonestWait(deadlines: Iterable<readonly [string, NodeDeadline | null]>): Wait | null {
  const waits = waitList(deadlines);
  return waits.length === 0 ? null : { ...waits[0], others: waits.length - 1 };
}

/** What the list of the other waits needs of each. */
export type OtherWait = Pick<Wait, 'node' | 'kind' | 'at'>;

/**
 * The other waits as one string, for a selector compared with useShallow (an array would be new
 * on every read and loop React: error #185). Node names cannot hold tabs or newlines.
 */
export function encodeWaits(waits: readonly OtherWait[]): string {
  return waits.map((w) => `${w.node}\t${w.kind}\t${w.at}`).join('\n');
}

export function decodeWaits(text: string): OtherWait[] {
  if (text === '') return [];
  return text.split('\n').map((line) => {
    const [node, kind, at] = line.split('\t');
    return { node, kind: kind as Wait['kind'], at: Number(at) };
  });
}

/** One of the other waits in a few words: "in 4:55: the pods on worker-3 are evicted". */
export function shortWaitWords(wait: OtherWait, time: number): string {
  return `in ${formatCountdown(Math.max(0, wait.at - time))}: ${whatComes(wait)}`;
}

const whatComes = (wait: OtherWait) => (wait.kind === 'unknown' ? `${wait.node} is marked Unknown` : `the pods on ${wait.node} are evicted`);

/**
 * The line's parts: `when` (cluster time left), `what`, `why`, `real` (the wall-clock wait at
 * `speed`, or that the clock is paused) and `more` (how many other waits there are, or '').
 */
export function waitWords(wait: Wait, time: number, speed: number, playing: boolean): { when: string; what: string; why: string; real: string; more: string } {
  const left = Math.max(0, wait.at - time);
  const period = formatSeconds(Math.round((wait.at - wait.from) / 1000));
  const seconds = Math.ceil(left / 1000 / Math.max(speed, 1e-9));
  return {
    when: `in ${formatCountdown(left)}`,
    what: whatComes(wait),
    why:
      wait.kind === 'unknown'
        ? `the node-monitor grace period: ${period} without a heartbeat from it`
        : !wait.taint || wait.taint === UNREACHABLE_TAINT
          ? `they tolerate the unreachable taint for ${period} (tolerationSeconds), in case the node comes back`
          : `they tolerate the ${wait.taint} taint for their tolerationSeconds`, // its start is not known here: a taint applied without timeAdded counts from when the controller saw it
    more: wait.others > 0 ? `${wait.others} more ${wait.others === 1 ? 'wait' : 'waits'}` : '',
    real: playing ? `about ${formatSeconds(seconds)} at ${speed}×${seconds > FAST_HINT_S && speed < FAST ? `; at ${FAST}×, ${formatSeconds(Math.ceil(left / 1000 / FAST))}` : ''}` : 'the clock is paused',
  };
}
