/**
 * The closed union of commands: the only way to change cluster state, the
 * same in the UI, the CLI, scenario timelines and share links.
 */
import type { KubeObject, Node } from './model/types';

export type Command =
  | { action: 'killNode'; node: string }
  | { action: 'restoreNode'; node: string }
  | { action: 'cordon'; node: string }
  | { action: 'uncordon'; node: string }
  /**
   * `kubectl drain NODE`: `timeout` is --timeout (a duration, `0` for none), `disableEviction`
   * --disable-eviction (plain DELETEs, no PodDisruptionBudget check), `podSelector`
   * --pod-selector (a label selector's string form), `skipWaitForDeleteTimeout`
   * --skip-wait-for-delete-timeout.
   */
  | {
      action: 'drain';
      node: string;
      ignoreDaemonSets?: boolean;
      deleteEmptyDirData?: boolean;
      force?: boolean;
      timeout?: string;
      disableEviction?: boolean;
      podSelector?: string;
      /** --skip-wait-for-delete-timeout: seconds; 0 (the default) or less is off. */
      skipWaitForDeleteTimeout?: number;
      /** --grace-period: seconds for each eviction or delete; negative (the default, -1): the pod's own. */
      gracePeriod?: number;
      /** --dry-run=client|server: print what would be evicted, change nothing (absent: none). */
      dryRun?: 'client' | 'server';
    }
  | { action: 'deleteNode'; node: string }
  | { action: 'addNode'; object: Node }
  | { action: 'deletePod'; namespace: string; name: string; force?: boolean }
  | { action: 'bindPod'; namespace: string; name: string; node: string }
  | { action: 'scale'; kind: string; namespace: string; name: string; replicas: number }
  | { action: 'apply'; object: KubeObject }
  /**
   * `kubectl rollout restart|pause|resume|undo <kind>/<name>` (sim/rollout.ts); `toRevision` is
   * undo's --to-revision (0, the default: the revision before the newest).
   */
  | { action: 'rollout'; subcommand: 'restart' | 'pause' | 'resume' | 'undo'; kind: string; namespace: string; name: string; toRevision?: number }
  /**
   * `kubectl delete <kind> <name> [--cascade=background|foreground|orphan]`: the dependents go
   * through the garbage collector (sim/garbage-collect.ts); Background when no policy is given.
   */
  | { action: 'delete'; kind: string; namespace: string; name: string; propagationPolicy?: 'Background' | 'Foreground' | 'Orphan' }
  /**
   * `kubectl patch <kind> <name> -p <patch> --type strategic|merge|json` (sim/patch.ts): `patch` is
   * kubectl's `-p` text (JSON) or, from a scenario file, the mapping (a list for `json`) itself;
   * `type` defaults to strategic.
   */
  | { action: 'patch'; kind: string; namespace: string; name: string; patch: string | Record<string, unknown> | unknown[]; type?: 'strategic' | 'merge' | 'json' }
  /**
   * `kubectl label|annotate <kind> <name> key=value… key-… [--overwrite]` (sim/patch.ts):
   * `changes` are kubectl's arguments after the name.
   */
  | { action: 'label' | 'annotate'; kind: string; namespace: string; name: string; changes: string[]; overwrite?: boolean };

export type CommandAction = Command['action'];

/**
 * A command at a virtual time (ms from the start), as in a scenario timeline. A timeline
 * command runs before the other work due at its instant; with `afterDueWork` it runs after
 * it, as a command given while the clock is paused does (a session saved as a file).
 */
export type TimedCommand = Command & { at: number; afterDueWork?: boolean };

/** What dispatch returns: ok, or a user-facing error (the state is unchanged). */
export type CommandResult = { ok: true; messages?: string[] } | { ok: false; error: string };
