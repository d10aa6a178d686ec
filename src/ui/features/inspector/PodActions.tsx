import { useState } from 'react';
import type { Command, CommandResult } from '../../../engine/commands';
import { dispatchCommand, settle } from '../../store/actions';
import { usePodscapeRuntime } from '../../store/podscape-store';

/**
 * kubectl's lines for the last command sent from an inspected object's toolbar (a pod's, a
 * workload's), per object. Kept by the object's details rather than by the toolbar, because a
 * force delete removes the pod (and its toolbar) at once.
 */
export function usePodCommands(podKey: string): { output: readonly string[]; run: (command: Command) => void; at: string } {
  const { store, client } = usePodscapeRuntime();
  const [last, setLast] = useState<{ podKey: string; lines: readonly string[] }>({ podKey, lines: [] });
  // A refusal (kubectl's error) is shown beside the toolbar (ControlError at this place), where the
  // learner pressed the button; when the object and its toolbar are gone, in the top alert.
  const at = `inspector:${podKey}`;
  const run = (command: Command) =>
    settle(
      dispatchCommand(store, client, command, at).then((result: CommandResult) => {
        // Here only what kubectl prints on success; a refusal goes to ControlError.
        setLast({ podKey, lines: result.ok ? (result.messages ?? []) : [] });
      }),
    );
  return { output: last.podKey === podKey ? last.lines : [], run, at };
}

/** What kubectl printed for the last command, as a status line. */
export function PodCommandOutput({ output, label = 'kubectl delete output' }: { output: readonly string[]; label?: string }) {
  if (output.length === 0) return null;
  return (
    <pre className="pod-actions-output" role="status" aria-label={label}>
      {output.join('\n')}
    </pre>
  );
}

export interface PodActionsViewProps {
  namespace: string;
  name: string;
  onCommand: (command: Command) => void;
}

/** The commands kubectl would run, shown as each button's tooltip. */
export function kubectlDelete(namespace: string, name: string, force: boolean): string {
  return `kubectl delete pod ${name}${namespace === 'default' ? '' : ` -n ${namespace}`}${force ? ' --grace-period=0 --force' : ''}`;
}

/**
 * The pod inspector's toolbar: `kubectl delete pod` (graceful: Terminating for the grace
 * period, then gone) and `kubectl delete pod --grace-period=0 --force` (gone from the API at
 * once, whatever the kubelet is doing: what frees a StatefulSet pod's identity on a dead node).
 */
export function PodActionsView({ namespace, name, onCommand }: PodActionsViewProps) {
  return (
    <div className="pod-actions">
      <div className="pod-actions-buttons" role="toolbar" aria-label={`Actions for pod ${namespace}/${name}`}>
        <button type="button" aria-label={`Delete pod ${namespace}/${name} gracefully`} title={kubectlDelete(namespace, name, false)} onClick={() => onCommand({ action: 'deletePod', namespace, name })}>
          Delete
        </button>
        <button
          type="button"
          className="danger"
          aria-label={`Force delete pod ${namespace}/${name}`}
          title={kubectlDelete(namespace, name, true)}
          onClick={() => onCommand({ action: 'deletePod', namespace, name, force: true })}
        >
          Force delete
        </button>
      </div>
      <p className="pod-actions-hint">
        Delete waits for the kubelet to stop the containers (the grace period); on a dead node it waits until the node returns or is deleted. Force delete removes the object from the API at once.
      </p>
    </div>
  );
}
