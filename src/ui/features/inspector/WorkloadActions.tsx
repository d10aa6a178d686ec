import type { Command } from '../../../engine/commands';

/** The workload kinds `kubectl rollout` restarts and rolls back (pause and resume: Deployments only). */
export const ROLLOUT_KINDS = ['Deployment', 'DaemonSet', 'StatefulSet'];

type Subcommand = Extract<Command, { action: 'rollout' }>['subcommand'];

/** The kubectl command line a rollout button stands for (`kubectl rollout undo deployment/web --to-revision=2`). */
export function kubectlRollout(subcommand: Subcommand, kind: string, namespace: string, name: string, toRevision?: number): string {
  const ns = namespace === 'default' ? '' : ` -n ${namespace}`;
  const to = subcommand === 'undo' && toRevision ? ` --to-revision=${toRevision}` : '';
  return `kubectl rollout ${subcommand} ${kind.toLowerCase()}/${name}${ns}${to}`;
}

export interface WorkloadActionsProps {
  kind: string;
  namespace: string;
  name: string;
  /** A Deployment's spec.paused. */
  paused: boolean;
  onCommand: (command: Command) => void;
}

/**
 * A workload inspector's rollout toolbar: `kubectl rollout restart` (new pods everywhere, through
 * the workload's own rolling update), `pause`/`resume` (a Deployment), and `undo` (the template
 * before the current one). Each button's title is the command line it stands for; the engine
 * answers in kubectl's words (a refusal in the app's alert, a success under the toolbar).
 */
export function WorkloadActionsView({ kind, namespace, name, paused, onCommand }: WorkloadActionsProps) {
  if (!ROLLOUT_KINDS.includes(kind)) return null;
  const send = (subcommand: Subcommand) => onCommand({ action: 'rollout', subcommand, kind, namespace, name });
  const button = (subcommand: Subcommand, text: string, what: string) => (
    <button type="button" aria-label={`${what} ${kind} ${namespace}/${name}`} title={kubectlRollout(subcommand, kind, namespace, name)} onClick={() => send(subcommand)}>
      {text}
    </button>
  );
  const deployment = kind === 'Deployment';
  return (
    <div className="pod-actions">
      <div className="pod-actions-buttons" role="toolbar" aria-label={`Rollout of ${kind} ${namespace}/${name}`}>
        {button('restart', 'Restart', 'Restart')}
        {deployment && (paused ? button('resume', 'Resume', 'Resume rollout of') : button('pause', 'Pause', 'Pause rollout of'))}
        {button('undo', 'Undo', 'Undo rollout of')}
      </div>
      <p className="pod-actions-hint">
        Restart replaces every pod through a rolling update, and the scheduler places the new pods afresh: Kubernetes never moves running pods back to a node that returns.
        {deployment ? ' Pause holds template changes until Resume.' : ''} Undo brings back the previous pod template.
      </p>
    </div>
  );
}
