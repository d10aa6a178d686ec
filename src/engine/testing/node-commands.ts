/**
 * For property tests of engine shortcuts: the node commands a random step may issue
 * (killNode, restoreNode, drain with kubectl's --ignore-daemonsets --force, cordon,
 * uncordon). The caller maps over its own picker of node names
 * (`(f) => fc.constantFrom(...nodes).map(f)`): src/engine's non-test files take no
 * packages, fast-check included.
 */
import type { Command } from '../commands';

export type NodeAction = 'killNode' | 'restoreNode' | 'drain' | 'cordon' | 'uncordon';

const command = (action: NodeAction, node: string): Command =>
  action === 'drain' ? { action, node, ignoreDaemonSets: true, force: true } : { action, node };

/** One arbitrary per action, each mapping the picked node to that command; spread them into `fc.oneof`. */
export function nodeCommands<A>(mapNode: (f: (node: string) => Command) => A, actions: readonly NodeAction[]): A[] {
  return actions.map((action) => mapNode((node) => command(action, node)));
}
