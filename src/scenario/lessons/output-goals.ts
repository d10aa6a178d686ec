/**
 * Goals over text the page shows: what kubectl drain printed (Frame.drainLog) and the
 * events' messages. They compare strings only; the engine printed and recorded it all.
 */
import type { GoalFrame, GoalResult } from './goals';

type DrainLogLine = NonNullable<GoalFrame['drainLog']>[number];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** kubectl drain's first line: every drain (one that failed included) cordons, or finds the node cordoned. */
const isDrainStart = (line: DrainLogLine) => line.text === `node/${line.node} cordoned` || line.text === `node/${line.node} already cordoned`;

/**
 * The lines of the newest drain of `node` in the log, oldest first: from its cordon line on
 * (a run whose first lines fell out of the frame's window starts where the window does).
 */
export function latestDrainLines(log: GoalFrame['drainLog'], node: string): DrainLogLine[] {
  let lines: DrainLogLine[] = [];
  for (const line of log ?? []) {
    if (line.node !== node) continue;
    if (isDrainStart(line)) lines = [line];
    else lines.push(line);
  }
  return lines;
}

/** `drainOutput`: a line the newest drain of the node printed (on that stream, when given) contains `includes`. */
export function evaluateDrainOutput(goal: { node: string; includes: string; stream?: 'stdout' | 'stderr' }, frame: GoalFrame): GoalResult {
  const { node, includes, stream } = goal;
  const lines = latestDrainLines(frame.drainLog, node).filter((l) => stream === undefined || l.stream === stream);
  if (lines.length === 0) return { met: false, detail: `no kubectl drain ${node} output yet` };
  const match = lines.find((l) => l.text.includes(includes));
  if (match) return { met: true, detail: `kubectl drain ${node}: ${match.text}` };
  return { met: false, detail: `kubectl drain ${node}, last line: ${lines[lines.length - 1].text}` };
}

/** `eventMessage`: an event with this reason (about `object`, when given) has a message containing `includes`. */
export function evaluateEventMessage(goal: { reason: string; includes: string; object?: string }, frame: GoalFrame): GoalResult {
  const { reason, includes, object } = goal;
  const about = object === undefined ? '' : ` about ${object.replace('//', '/')}`;
  const events = frame.events.filter((e) => e.reason === reason && (object === undefined || e.object === object));
  const match = events.find((e) => (e.message ?? '').includes(includes));
  if (match) return { met: true, detail: `${reason}${object === undefined ? ` (${match.object.replace('//', '/')})` : about}: ${match.message ?? ''}` };
  if (events.length === 0) return { met: false, detail: `no ${reason} event${about}` };
  return { met: false, detail: `${plural(events.length, `${reason} event`)}${about}, none saying “${includes}”` };
}
