import { lazy, memo, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { Command } from '../../../engine/commands';
import type { WorkloadFrame } from '../../../protocol/engine-api';
import { dispatchCommand, settle } from '../../store/actions';
import { ChunkBoundary, lazyPanel } from '../../components/lazy-panel';
import { useOnScreen } from '../../components/use-on-screen';
import { useProgressiveCount } from '../../components/use-progressive-count';
import { sourcePerStore, useThrottledSource } from '../../components/use-throttled-source';
import { useOptionalRuntime, usePodscapeRuntime, usePodscapeStore, type PodscapeState } from '../../store/podscape-store';
import { select } from '../../store/actions';
import { selectTarget } from '../inspector/use-selectable';
import { ControlError } from '../../components/ControlError';
import { yamlRequests } from './yaml-requests';
import '../../components/tool-form.css';
import './workloads.css';

/** The YAML editor (and the yaml library) are not in the first load: fetched once the page is idle. */
const yamlEditor = lazyPanel(() => import('./YamlEditor').then((m) => m.default));
const YamlEditor = yamlEditor.Panel;
/** The Create workload form (and the manifest it builds) likewise. */
const createForm = lazyPanel(() => import('./CreateWorkloadForm').then((m) => m.CreateWorkloadForm));
const CreateWorkloadForm = createForm.Panel;
/** A CronJob's columns and its Suspend (cronjob-row.tsx): fetched when the first CronJob shows. */
const CronJobCells = lazy(() => import('./cronjob-row').then((m) => ({ default: m.CronJobCells })));
const HpaCells = lazy(() => import('./hpa-row').then((m) => ({ default: m.HpaCells })));

const EMPTY: WorkloadFrame[] = [];

const workloadsOf = (s: PodscapeState) => s.frame?.workloads ?? EMPTY;
/** The store's workloads as a source (one per store, so the subscription is stable). */
const workloadSource = sourcePerStore(workloadsOf);

/** The cluster's workloads with Scale and Delete, and the forms that create new ones. */
export function WorkloadsPanel() {
  const { store, client } = usePodscapeRuntime();
  // Every frame's counts while on screen; none while scrolled out of view and the clock
  // plays (a large cluster's table is a thousand rows): the newest show on the way back.
  const [sectionRef, onScreen] = useOnScreen<HTMLElement>();
  const playing = usePodscapeStore((s) => s.frame?.playing ?? false);
  const workloads = useThrottledSource(workloadSource(store), 0, playing && !onScreen);
  const [creating, setCreating] = useState(false);
  const [yaml, setYaml] = useState<{ initial: unknown; text?: string; seq?: number } | null>(null);
  // "Open in Apply YAML" from a lesson hint: the editor opens (afresh) holding that text.
  const request = useStore(yamlRequests(store));
  useEffect(() => {
    if (!request) return;
    setCreating(false);
    setYaml({ initial: null, text: request.text, seq: request.seq });
  }, [request]);
  // A refused scale or delete is shown under its row (ControlError), where the learner pressed the button.
  const run = useCallback((command: Command) => settle(dispatchCommand(store, client, command, 'kind' in command ? workloadPlace(command) : undefined)), [store, client]);
  yamlEditor.usePreload();
  createForm.usePreload();
  return (
    <section className="workloads" aria-labelledby="workloads-heading" ref={sectionRef}>
      <div className="workloads-head">
        <h2 id="workloads-heading">Workloads ({workloads.length})</h2>
        <button type="button" className="panel-toggle" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          Create workload
        </button>
        <button type="button" className="panel-toggle" aria-expanded={yaml !== null} onClick={() => setYaml(yaml ? null : { initial: null })}>
          Apply YAML
        </button>
      </div>
      {creating ? (
        <ChunkBoundary what="the Create workload form" onRetry={createForm.reset}>
          <Suspense fallback={<p role="status">Loading the form…</p>}>
            <CreateWorkloadForm
              onDone={() => setCreating(false)}
              onEditYaml={(object) => {
                setCreating(false);
                setYaml({ initial: object });
              }}
            />
          </Suspense>
        </ChunkBoundary>
      ) : null}
      {yaml ? (
        <ChunkBoundary what="the YAML editor" onRetry={yamlEditor.reset}>
          <Suspense fallback={<p role="status">Loading the YAML editor…</p>}>
            <YamlEditor key={yaml.seq ?? 0} initial={yaml.initial} initialText={yaml.text} focusOnMount={yaml.seq !== undefined} onDone={() => setYaml(null)} />
          </Suspense>
        </ChunkBoundary>
      ) : null}
      <WorkloadTable workloads={workloads} onCommand={run} skip={!onScreen && workloads.length > LONG_TABLE} />
    </section>
  );
}

const keyOf = (w: WorkloadFrame) => `${w.kind}/${w.namespace}/${w.name}`;
/** Where a workload's row shows a refusal of its Scale or Delete (store/control-errors.ts). */
const workloadPlace = (w: { kind: string; namespace: string; name: string }) => `workload:${keyOf(w as WorkloadFrame)}`;
/** Rows mounted a step a frame, and the length past which an off-screen table is skipped for sure. */
const LONG_TABLE = 50;

/**
 * A large cluster's thousand rows mount 50 per frame (use-progressive-count.ts): at once,
 * they were a long task, and their layout (the section was on screen before the grid
 * above it grew) another; the rows after the first land in a section already off screen,
 * which content-visibility then skips. Memoised: the panel re-renders when the clock starts
 * or stops (it holds its rows while off screen and playing), which would otherwise compare
 * a thousand rows in the first frame of a play.
 */
export const WorkloadTable = memo(function WorkloadTable({ workloads, onCommand, skip = false }: { workloads: readonly WorkloadFrame[]; onCommand: (command: Command) => void; skip?: boolean }) {
  const keys = useMemo(() => workloads.map(keyOf), [workloads]);
  // 50 a frame (paced): until Chromium skips the section below a new large grid, which can
  // take it a second, each step's rows are styled and laid out; then the frame stays short.
  // A new long list's first rows wait for the frame after the commit that brings it.
  const shown = useProgressiveCount(keys, keys.length > LONG_TABLE ? 0 : LONG_TABLE, LONG_TABLE, true);
  if (workloads.length === 0) return <p className="empty">No workloads.</p>;
  // `skip`: the section is off screen (content-visibility: hidden, workloads.css).
  return (
    <div className={skip ? 'workload-rows off-screen' : 'workload-rows'}>
      <table className="workload-table">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Name</th>
            <th scope="col">Desired</th>
            <th scope="col">Ready</th>
            <th scope="col">Available</th>
            <th scope="col">Selector</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rowChunks(shown).map((start) => (
            <WorkloadRows key={start} workloads={workloads} start={start} end={Math.min(shown, start + LONG_TABLE)} onCommand={onCommand} />
          ))}
        </tbody>
      </table>
    </div>
  );
});

/** The first row of each chunk of LONG_TABLE rows among the first `count`. */
export function rowChunks(count: number): number[] {
  const starts: number[] = [];
  for (let start = 0; start < count; start += LONG_TABLE) starts.push(start);
  return starts;
}

interface RowsProps {
  workloads: readonly WorkloadFrame[];
  /** The chunk's rows: workloads[start] … workloads[end - 1]. */
  start: number;
  end: number;
  onCommand: (command: Command) => void;
}

/**
 * A chunk of rows (LONG_TABLE, a growth step's), re-rendered only when one of its workloads
 * changed: while a large table grows, a step creates its own chunk's rows, not an element and
 * a props comparison for every row already shown (5,000 rows grown 50 a frame were ~250,000
 * of each over a load, all garbage).
 */
const WorkloadRows = memo(function WorkloadRows({ workloads, start, end, onCommand }: RowsProps) {
  return workloads.slice(start, end).map((w) => <WorkloadRow key={keyOf(w)} workload={w} onCommand={onCommand} />);
}, sameRows);

/** Whether a chunk would render the same rows: the same range, handler and workload objects. */
export function sameRows(a: RowsProps, b: RowsProps): boolean {
  if (a.start !== b.start || a.end !== b.end || a.onCommand !== b.onCommand) return false;
  if (a.workloads === b.workloads) return true;
  for (let i = a.start; i < a.end; i++) if (a.workloads[i] !== b.workloads[i]) return false;
  return true;
}

/** One workload; re-renders only when its object changes (the frame receiver keeps unchanged ones). */
const WorkloadRow = memo(function WorkloadRow({ workload: w, onCommand }: { workload: WorkloadFrame; onCommand: (command: Command) => void }) {
  const runtime = useOptionalRuntime();
  const id = `${w.kind} ${w.name}`;
  const ref = { kind: w.kind, namespace: w.namespace, name: w.name };
  const selection = { kind: 'workload' as const, key: keyOf(w) };
  const label = w.namespace === 'default' ? w.name : `${w.namespace}/${w.name}`;
  return (
    <>
      <tr data-workload={keyOf(w)}>
        <td>{w.kind}</td>
        <td>
          {/* Opens the inspector: conditions, rollout status and (a Deployment's) ReplicaSets. */}
          {/* Named with its kind: a bare "kube-system/log-collector" is found inside its pods' names. */}
          <button type="button" className="link-button" data-select-for={selectTarget(selection)} aria-label={`Inspect ${w.kind} ${label}`} onClick={() => runtime && select(runtime.store, selection)}>
            {label}
          </button>
        </td>
        {w.hpa ? (
          <td colSpan={4}>
            <Suspense fallback={w.hpa.targets}>
              <HpaCells hpa={w.hpa} />
            </Suspense>
          </td>
        ) : w.cronJob ? (
          <td colSpan={4}>
            <Suspense fallback={w.cronJob.schedule}>
              <CronJobCells cronJob={w.cronJob} />
            </Suspense>
          </td>
        ) : (
          <>
            <td>
              {w.scalable ? (
                <span className="scale">
                  <button type="button" aria-label={`Scale ${id} down`} disabled={w.desired === 0} onClick={() => onCommand({ action: 'scale', ...ref, replicas: w.desired - 1 })}>
                    −
                  </button>
                  <output aria-label={`Replicas of ${id}`}>{w.desired}</output>
                  <button type="button" aria-label={`Scale ${id} up`} onClick={() => onCommand({ action: 'scale', ...ref, replicas: w.desired + 1 })}>
                    +
                  </button>
                </span>
              ) : (
                w.desired
              )}
            </td>
            <td>{w.ready}</td>
            <td>{w.kind === 'Job' ? `${w.available} succeeded` : w.available}</td>
            <td className="selector">{w.selector}</td>
          </>
        )}
        <td>
          {w.cronJob && runtime ? (
            <button type="button" aria-label={`${w.cronJob.suspend ? 'Resume' : 'Suspend'} ${id}`} onClick={() => void import('./cronjob-row').then((m) => m.toggleSuspend(w, onCommand))}>
              {w.cronJob.suspend ? 'Resume' : 'Suspend'}
            </button>
          ) : null}
          <button type="button" className="danger" aria-label={`Delete ${id}`} onClick={() => onCommand({ action: 'delete', ...ref })}>
            Delete
          </button>
        </td>
      </tr>
      {runtime ? <ControlError at={workloadPlace(w)} colSpan={7} /> : null}
    </>
  );
});

