/**
 * The commands behind the node toolbar, and how their results read to the user. The
 * engine decides everything (feasibility, evictions, refusals); this only builds the
 * command and picks out what the user must see.
 */
import type { Command, CommandResult } from '../../../engine/commands';

/** kubectl drain's flags; the playground defaults skip DaemonSet pods and emptyDir data, as most tutorials do. */
export interface DrainOptions {
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  force: boolean;
}

export const DEFAULT_DRAIN_OPTIONS: DrainOptions = { ignoreDaemonSets: true, deleteEmptyDirData: true, force: false };

export function drainCommand(node: string, options: DrainOptions): Command {
  return { action: 'drain', node, ...options };
}

/**
 * The lines of a successful drain's output that report an eviction the API refused
 * (a PodDisruptionBudget's 429: kubectl keeps retrying), as the engine printed them;
 * null when every eviction went through.
 */
export function drainRefusals(result: CommandResult): string | null {
  if (!result.ok) return null;
  const refused = (result.messages ?? []).filter((line) => line.startsWith('error when evicting'));
  return refused.length > 0 ? refused.join('\n') : null;
}
