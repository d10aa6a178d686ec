import { useId, useLayoutEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import type { DrainLine } from '../../../protocol/engine-api';
import { usePodscapeRuntime, usePodscapeStore } from '../../store/podscape-store';
import { formatClusterTime } from '../timeline/format-time';
import { BUDGET_MESSAGE, drainRuns, isRunning, lastedPastStart, runKey, type DrainRun, type RefusedEviction } from './drain-runs';
import { dismissDrainRun, drainNotes, givesUpAt } from './drain-waits';
import '../../components/visually-hidden.css';

/**
 * The drains that went on after their command (the frame's drain log, drain-runs.ts), one
 * notice per node: its state in words (in progress, waiting on a refused eviction, drained,
 * gave up), why, and kubectl's output line by line with its cluster time, the newest in view.
 * A notice stays until dismissed or until the node is drained again; a drain that had ended
 * before the page first saw it (after a reload, say) gets none. Loaded only once a frame
 * carries a drain log (DrainNoticesSlot).
 */
export default function DrainNotices() {
  const { store } = usePodscapeRuntime();
  const log = usePodscapeStore((s) => s.frame?.drainLog);
  const notes = useStore(drainNotes(store));
  const runs = useMemo(() => drainRuns(log).filter(lastedPastStart), [log]);
  for (const r of runs) if (isRunning(r)) notes.seenRunning.add(runKey(r));
  const shown = runs.filter((r) => !notes.dismissed.has(runKey(r)) && notes.seenRunning.has(runKey(r)));
  if (shown.length === 0) return null;
  return (
    <div className="drain-notices">
      {shown.map((run) => (
        <DrainNotice key={runKey(run)} run={run} timeout={givesUpAt(notes, run)} onDismiss={() => dismissDrainRun(store, run)} />
      ))}
    </div>
  );
}

/** The notice's heading for each state. */
export function drainTitle(run: Pick<DrainRun, 'node' | 'state'>): string {
  switch (run.state) {
    case 'waiting':
      return `Drain of ${run.node} is waiting`;
    case 'working':
      return `Drain of ${run.node} is in progress`;
    case 'drained':
      return `Drain of ${run.node} finished`;
    case 'gave-up':
      return `Drain of ${run.node} gave up`;
    case 'failed':
      return `Drain of ${run.node} failed`;
  }
}

/** What the drain is doing or did, in words (kubectl's own lines follow). */
export function explainRun(run: DrainRun, timeout: { flag: string; at: number } | undefined): string[] {
  const last = run.lines[run.lines.length - 1];
  const node = run.node;
  switch (run.state) {
    case 'waiting':
      return [...run.refused.map(explainRefusal), ...(timeout ? [explainTimeout(node, timeout)] : [])];
    case 'working':
      return [
        `kubectl drain has asked for every pod on ${node} to go and waits for each to terminate (within its grace period); it prints node/${node} drained when none is left.`,
        ...(timeout ? [explainTimeout(node, timeout)] : []),
      ];
    case 'drained':
      // What drain leaves, not the node's state now: it may have been uncordoned since.
      return [`At ${formatClusterTime(last.time)} every pod kubectl drain had to move was gone. Drain leaves ${node} cordoned (no new pods) until it is uncordoned.`];
    case 'gave-up':
      return [
        `kubectl drain stopped at ${formatClusterTime(last.time)} (--timeout ran out: global timeout reached) and exited with an error, ${leftOn(run)}. It leaves ${node} cordoned: drain again, or uncordon the node.`,
      ];
    case 'failed':
      return [`kubectl drain exited with an error at ${formatClusterTime(last.time)} (its lines below), ${leftOn(run)}. It leaves ${node} cordoned.`];
  }
}

const leftOn = (run: DrainRun) => (run.pending.length > 0 ? `not having moved ${run.pending.join(', ')}` : 'not having moved every pod');

function DrainNotice({ run, timeout, onDismiss }: { run: DrainRun; timeout: { flag: string; at: number } | undefined; onDismiss: () => void }) {
  const id = useId();
  const output = useRef<HTMLOListElement>(null);
  const last = run.lines[run.lines.length - 1];
  // The newest line in view, as a terminal keeps it.
  useLayoutEffect(() => {
    const el = output.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [last.index]);
  return (
    <section className="drain-notice" aria-labelledby={id} data-drain-state={run.state} data-drain-node={run.node}>
      <div className="drain-notice-text">
        <strong id={id}>{drainTitle(run)}</strong>
        {explainRun(run, timeout).map((text) => (
          <p key={text}>{text}</p>
        ))}
        {/* A scrolling box the keyboard can reach; each line with its cluster time. */}
        <ol ref={output} className="drain-notice-kubectl" aria-label={`kubectl drain ${run.node}: output`} tabIndex={0}>
          {run.lines.map((line) => (
            <OutputLine key={line.index} line={line} />
          ))}
        </ol>
        {/* Polite, and only the newest line: a retry every 5 s is not read out as the whole log. */}
        <p className="visually-hidden" aria-live="polite" aria-atomic="true">
          {`${formatClusterTime(last.time)} kubectl: ${last.text}`}
        </p>
      </div>
      <button type="button" className="drain-notice-dismiss" aria-label={`Dismiss the notice about the drain of ${run.node}`} onClick={onDismiss}>
        Dismiss
      </button>
    </section>
  );
}

function OutputLine({ line }: { line: DrainLine }) {
  return (
    <li data-stream={line.stream}>
      <time className="drain-notice-time">{formatClusterTime(line.time)}</time> {line.text}
    </li>
  );
}

/** One refusal in words: which pod, why, and what kubectl does next. */
export function explainRefusal(r: RefusedEviction): string {
  const pod = `pod ${r.name}${r.namespace === 'default' ? '' : ` (namespace ${r.namespace})`}`;
  if (r.message === BUDGET_MESSAGE) {
    return (
      `The Eviction API refused ${pod} with 429 Too Many Requests: its PodDisruptionBudget allows no more disruptions now. ` +
      `This is not an error. kubectl drain retries every ${r.retry}; the eviction goes through once a replacement is Running and ready, so the budget is met without this pod.`
    );
  }
  return `The Eviction API refused ${pod}: ${r.message} kubectl drain retries every ${r.retry}.`;
}

/** When a waiting drain with --timeout stops retrying, and what it leaves. */
export function explainTimeout(node: string, timeout: { flag: string; at: number }): string {
  return `With --timeout=${timeout.flag}, kubectl drain stops retrying at ${formatClusterTime(timeout.at)} if these pods are still here, exits with an error and leaves ${node} cordoned.`;
}
