import { memo, useRef, useState, type ReactNode } from 'react';
import type { Command } from '../../../engine/commands';
import type { NodeFrame } from '../../../protocol/engine-api';
import { dispatchCommand, settle } from '../../store/actions';
import { ControlError } from '../../components/ControlError';
import { DryRunOutput, type DryRunOutputProps } from './DryRunOutput';
import { NodeEdit } from './NodeEdit';
import { usePodscapeRuntime } from '../../store/podscape-store';
import { noteDrain } from './drain-waits';
import { DEFAULT_DRAIN_OPTIONS, drainCommand, drainCommandLine, nodeEditCommandFor, type DrainOptions } from './node-commands';
import './node-actions.css';

/**
 * The node card's toolbar: power, cordon, drain (with kubectl's flags) and delete. Each click acts at once.
 * Memoised on what it shows, so a node card re-rendered for its meters leaves the toolbar's inputs alone.
 */
export const NodeActions = memo(function NodeActions({ node }: { node: NodeFrame }) {
  const { store, client } = usePodscapeRuntime();
  const [drain, setDrain] = useState<DrainOptions>(DEFAULT_DRAIN_OPTIONS);
  // The flags are in the DOM only while shown: a thousand node cards would hold 3,000 hidden
  // checkboxes (and every major GC traces them).
  const [optionsOpen, setOptionsOpen] = useState(false);
  const [editOpen, setEditOpen] = useState(false);
  // The output of the latest --dry-run drain from this toolbar (a dry run changes nothing, so the page shows it here).
  const [dryRun, setDryRun] = useState<Pick<DryRunOutputProps, 'mode' | 'lines'> | null>(null);
  // A refusal (kubectl drain's errors, a node that is gone) is shown under this toolbar, where the learner acted.
  const at = `node:${node.name}`;
  const wrap = useRef<HTMLDivElement>(null);
  const run = (command: Command) =>
    settle(
      dispatchCommand(store, client, command, at).then((result) => {
        // The open drain flags hang over the card where the refusal or a dry run's output is shown (and the
        // card clips them): they close, keeping what was set; ⚙ opens them again.
        if (command.action === 'drain' && (!result.ok || command.dryRun !== undefined)) {
          const flags = wrap.current?.querySelector<HTMLDetailsElement>('details.node-actions-options:not(.node-edit)');
          if (flags?.open) flags.open = false;
        }
        if (command.action === 'drain' && command.dryRun !== undefined) {
          setDryRun(result.ok ? { mode: command.dryRun, lines: result.messages ?? [] } : null);
          return;
        }
        // What drain prints from now on reaches the page in the frames' drain log (DrainNotices); the page keeps the --timeout it was sent with.
        if (command.action === 'drain' && result.ok) noteDrain(store, node.name, command.timeout);
      }),
    );
  const edit = (
    <NodeEdit
      name={node.name}
      // Read when a change is sent: the toolbar is memoised on what it shows, not on the labels and taints.
      current={() => store.getState().cluster.nodes.get(node.name)}
      send={(current, change) => (change.command ? dispatchCommand(store, client, change.command) : nodeEditCommandFor(client, current, change).then((command) => dispatchCommand(store, client, command)))}
      open={editOpen}
      onToggle={setEditOpen}
    />
  );
  return (
    <div className="node-actions-wrap" ref={wrap}>
      <NodeActionsView node={node} drain={drain} onDrainChange={setDrain} onCommand={run} optionsOpen={optionsOpen} onOptionsToggle={setOptionsOpen} edit={edit} />
      <ControlError at={at} />
      {dryRun && <DryRunOutput node={node.name} mode={dryRun.mode} lines={dryRun.lines} onClose={() => setDryRun(null)} />}
    </div>
  );
}, (a, b) => a.node.name === b.node.name && a.node.powered === b.node.powered && a.node.unschedulable === b.node.unschedulable);

export interface NodeActionsViewProps {
  node: Pick<NodeFrame, 'name' | 'powered' | 'unschedulable'>;
  drain: DrainOptions;
  onDrainChange: (next: DrainOptions) => void;
  onCommand: (command: Command) => void;
  /** Whether the drain flags are shown (rendered); true when not given (a static view). */
  optionsOpen?: boolean;
  /** The flags' disclosure was opened or closed. */
  onOptionsToggle?: (open: boolean) => void;
  /** The taint and label forms (NodeEdit), last in the toolbar. */
  edit?: ReactNode;
}

type Flag = 'ignoreDaemonSets' | 'deleteEmptyDirData' | 'force' | 'disableEviction';
const FLAGS: { key: Flag; flag: string }[] = [
  { key: 'ignoreDaemonSets', flag: '--ignore-daemonsets' },
  { key: 'deleteEmptyDirData', flag: '--delete-emptydir-data' },
  { key: 'force', flag: '--force' },
  { key: 'disableEviction', flag: '--disable-eviction' },
];

type Field = 'timeout' | 'podSelector' | 'gracePeriod';
const FIELDS: { key: Field; flag: string; placeholder: string; inputMode?: 'numeric' }[] = [
  { key: 'timeout', flag: '--timeout', placeholder: '0s (wait for ever)' },
  { key: 'podSelector', flag: '--pod-selector', placeholder: 'app=web' },
  { key: 'gracePeriod', flag: '--grace-period', placeholder: "-1 (the pod's own)", inputMode: 'numeric' },
];

export function NodeActionsView({ node, drain, onDrainChange, onCommand, optionsOpen = true, onOptionsToggle, edit }: NodeActionsViewProps) {
  const name = node.name;
  return (
    <div className="node-actions" role="toolbar" aria-label={`Actions for node ${name}`}>
      {node.powered ? (
        <button type="button" className="danger" aria-label={`Kill node ${name}`} title="Power off (the kubelet stops reporting)" onClick={() => onCommand({ action: 'killNode', node: name })}>
          Kill
        </button>
      ) : (
        <button type="button" aria-label={`Restore node ${name}`} title="Power on" onClick={() => onCommand({ action: 'restoreNode', node: name })}>
          Restore
        </button>
      )}
      {node.unschedulable ? (
        <button type="button" aria-label={`Uncordon node ${name}`} title="kubectl uncordon" onClick={() => onCommand({ action: 'uncordon', node: name })}>
          Uncordon
        </button>
      ) : (
        <button type="button" aria-label={`Cordon node ${name}`} title="kubectl cordon" onClick={() => onCommand({ action: 'cordon', node: name })}>
          Cordon
        </button>
      )}
      <span className="node-actions-drain">
        <button
          type="button"
          aria-label={`Drain node ${name}`}
          title={drainCommandLine(name, drain)}
          onClick={() => onCommand(drainCommand(name, drain))}
        >
          Drain
        </button>
        <details
          className="node-actions-options"
          // Without a name of its own, the group took the summary's text: "group: ⚙".
          aria-label={`kubectl drain flags for node ${name}`}
          onToggle={(e) => onOptionsToggle?.(e.currentTarget.open)}
          onKeyDown={(e) => {
            // Escape closes the flags and hands focus back to their toggle.
            if (e.key !== 'Escape' || !e.currentTarget.open) return;
            e.preventDefault(); // this Escape is spent: the inspector must not close too
            e.currentTarget.open = false;
            e.currentTarget.querySelector('summary')?.focus();
          }}
        >
          <summary aria-label={`Drain options for node ${name}`} title="Drain options">
            ⚙
          </summary>
          {optionsOpen && (
            <fieldset>
              <legend>kubectl drain flags</legend>
              {FLAGS.map(({ key, flag }) => (
                <label key={key}>
                  <input type="checkbox" checked={drain[key]} onChange={(e) => onDrainChange({ ...drain, [key]: e.target.checked })} /> {flag}
                </label>
              ))}
              {FIELDS.map(({ key, flag, placeholder, inputMode }) => (
                <label key={key} className="node-actions-field">
                  {flag}
                  <input type="text" inputMode={inputMode} spellCheck={false} placeholder={placeholder} value={drain[key]} onChange={(e) => onDrainChange({ ...drain, [key]: e.target.value })} />
                </label>
              ))}
              <label className="node-actions-field">
                --dry-run
                <select value={drain.dryRun} onChange={(e) => onDrainChange({ ...drain, dryRun: e.target.value as DrainOptions['dryRun'] })}>
                  <option value="none">none (drain)</option>
                  <option value="client">client (print only)</option>
                  <option value="server">server (API server checks)</option>
                </select>
              </label>
            </fieldset>
          )}
        </details>
      </span>
      <button type="button" className="danger" aria-label={`Delete node ${name}`} title="kubectl delete node" onClick={() => onCommand({ action: 'deleteNode', node: name })}>
        Delete
      </button>
      {edit}
    </div>
  );
}
