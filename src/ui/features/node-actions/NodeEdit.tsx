import { Suspense, useEffect, useState, type KeyboardEvent } from 'react';
import type { CommandResult } from '../../../engine/commands';
import type { NodeFrame } from '../../../protocol/engine-api';
import { ChunkBoundary, lazyPanel } from '../../components/lazy-panel';
import type { NodeEditResult } from './node-edit';
import { INITIAL_NODE_EDIT_STATE } from './node-edit-state';

/** The forms and kubectl's parsing are not in the first load (the initial JavaScript budget). */
const loadForms = () => import('./NodeEditForms');
const forms = lazyPanel(() => loadForms().then((m) => m.default));
let preloading = false;
/** Fetches the forms' chunk once the page is idle: once for the page, not once per node card. */
function usePreloadOnce(): void {
  useEffect(() => {
    if (preloading) return;
    preloading = true;
    const run = () => void loadForms().catch(() => {});
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 3000 });
    else setTimeout(run, 1000);
  }, []);
}

export type NodeEditTarget = Pick<NodeFrame, 'name' | 'labels' | 'taints' | 'unschedulable'>;

export interface NodeEditProps {
  name: string;
  /** The node as the latest frame has it, read when a change is sent (kubectl's GET). */
  current: () => NodeEditTarget | undefined;
  /** Sends the change (as node-commands.ts's nodeEditCommandFor builds it); resolves to the engine's answer. */
  send: (node: NodeEditTarget, change: NodeEditResult) => Promise<CommandResult>;
  /** Whether the forms are shown (rendered); true when not given (a static view). */
  open?: boolean;
  onToggle?: (open: boolean) => void;
}

/**
 * `kubectl taint node` and `kubectl label node` for one node card: a disclosure in the node's
 * toolbar with one field for each (kubectl's arguments, `key=value:Effect`, `key-` …) and
 * kubectl's --overwrite. A refusal is said in an alert under the fields and the node is left
 * as it is; what kubectl would print (`node/worker-1 tainted`) is said in a status line.
 */
export function NodeEdit({ name, current, send, open = true, onToggle }: NodeEditProps) {
  const [state, setState] = useState(INITIAL_NODE_EDIT_STATE);
  usePreloadOnce();

  const onKeyDown = (e: KeyboardEvent<HTMLDetailsElement>) => {
    // Escape closes the forms and hands focus back to their toggle (as the drain flags do).
    if (e.key !== 'Escape' || !e.currentTarget.open) return;
    e.preventDefault();
    e.currentTarget.open = false;
    e.currentTarget.querySelector('summary')?.focus();
  };

  return (
    <details className="node-actions-options node-edit" aria-label={`kubectl taint and kubectl label, node ${name}`} onToggle={(e) => onToggle?.(e.currentTarget.open)} onKeyDown={onKeyDown}>
      <summary aria-label={`Taints and labels of node ${name}`} title="kubectl taint / kubectl label">
        Taints and labels
      </summary>
      {open && (
        <ChunkBoundary what="the taint and label forms" onRetry={forms.reset}>
          <Suspense fallback={null}>
            <forms.Panel name={name} current={current} send={send} state={state} onState={setState} />
          </Suspense>
        </ChunkBoundary>
      )}
    </details>
  );
}
