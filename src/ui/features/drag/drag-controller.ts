/**
 * The drag's actions, apart from React and dnd-kit so that they can be tested
 * with the in-process engine: pick up (one explain call for every node's
 * verdict), hover, drop (bind at once, or ask first: drop-plan.ts), confirm,
 * cancel. Commands go through the store's actions, so a refusal shows in the
 * page's alert like any other.
 */
import type { Command, CommandResult } from '../../../engine/commands';
import type { PodFrame } from '../../../protocol/engine-api';
import { findPod as findFramePod } from '../../../protocol/frame-pods';
import type { EngineClient } from '../../bridge/engine-client';
import { dispatchCommand, showError } from '../../store/actions';
import type { PodscapeStore } from '../../store/podscape-store';
import { IDLE, type DragState, type DragStore, type DropOutcome } from './drag-store';
import { findPod, planDrop, recreateCommands, type DropPlan } from './drop-plan';
import { verdictsOf, type NodeVerdict } from './verdict';

type Verdicts = ReadonlyMap<string, NodeVerdict>;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface DragController {
  /** A pod was picked up: asks the engine once for every node's verdict. */
  start(pod: PodFrame, by?: DragState['by']): Promise<Verdicts | null>;
  over(node: string | null): void;
  cancel(): void;
  /** The pod was let go over `node` (or over no node): binds, or leaves a drop to confirm. */
  drop(node: string | null): Promise<DropPlan | null>;
  /** Carries out the drop waiting for confirmation. */
  confirm(): Promise<void>;
  /** Forgets the drop waiting for confirmation. */
  dismiss(): void;
  closeOutcome(): void;
}

export function createDragController(store: PodscapeStore, client: EngineClient, drag: DragStore): DragController {
  let request: Promise<Verdicts | null> | null = null;

  /** The pod as the latest frame has it (it may have changed since it was picked up), or null. */
  const latest = (pod: PodFrame): PodFrame | null => {
    const frame = store.getState().frame;
    return frame ? findFramePod(frame, `${pod.namespace}/${pod.name}`) : null; // one pod object, not the frame's every pod
  };

  const now = () => store.getState().frame?.time ?? 0;

  /** Runs commands in order, stopping at the first refusal (already shown in the alert). */
  async function run(commands: readonly Command[]): Promise<boolean> {
    for (const command of commands) {
      let result: CommandResult;
      try {
        result = await dispatchCommand(store, client, command);
      } catch {
        return false; // shown by the action
      }
      if (!result.ok) return false;
    }
    return true;
  }

  const finish = (outcome: Omit<DropOutcome, 'since'>, since: number) => drag.setState({ outcome: { ...outcome, since } });

  return {
    start(pod, by = 'pointer') {
      drag.setState({ ...IDLE, active: pod, by, outcome: null });
      const mine: Promise<Verdicts | null> = client.explain(`${pod.namespace}/${pod.name}`).then(
        (result) => {
          const verdicts = verdictsOf(result);
          if (request === mine) drag.setState({ verdicts });
          return verdicts;
        },
        (error: unknown) => {
          if (request === mine) drag.setState({ verdictError: messageOf(error) });
          return null;
        },
      );
      request = mine;
      return mine;
    },

    over(node) {
      if (drag.getState().over !== node) drag.setState({ over: node });
    },

    cancel() {
      request = null;
      drag.setState(IDLE);
    },

    async drop(node) {
      const picked = drag.getState().active;
      const verdicts = request;
      request = null;
      drag.setState(IDLE);
      if (!picked || node === null) return null;
      const pod = latest(picked);
      if (!pod) {
        showError(store, `pod ${picked.namespace}/${picked.name} no longer exists`);
        return null;
      }
      const plan = planDrop(pod, node, (await verdicts)?.get(node));
      if (plan.kind === 'bind') {
        const since = now();
        if (await run([plan.command])) finish({ pod, node, action: 'bound' }, since);
      } else if (plan.kind !== 'none') {
        drag.setState({ pending: { pod, node, plan } });
      }
      return plan;
    },

    async confirm() {
      const pending = drag.getState().pending;
      if (!pending) return;
      drag.setState({ pending: null });
      const { pod, node, plan } = pending;
      const since = now();
      if (plan.kind === 'bindAnyway') {
        if (await run([plan.command])) finish({ pod, node, action: 'bound' }, since);
      } else if (plan.kind === 'replace') {
        if (await run(plan.commands)) finish({ pod, node, action: 'deleted' }, since);
      } else {
        // The full object is needed to create the pod again: one export, only for this rare drop.
        let object;
        try {
          object = findPod((await client.exportState()).objects, pod.namespace, pod.name);
        } catch (error) {
          showError(store, messageOf(error));
          return;
        }
        if (!object) {
          showError(store, `pod ${pod.namespace}/${pod.name} no longer exists`);
          return;
        }
        if (await run(recreateCommands(object, node))) finish({ pod, node, action: 'recreated' }, since);
      }
    },

    dismiss() {
      drag.setState({ pending: null });
    },

    closeOutcome() {
      drag.setState({ outcome: null });
    },
  };
}
