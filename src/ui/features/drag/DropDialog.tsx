import { useEffect, useRef } from 'react';
import { useDragState, type PendingDrop } from './drag-store';
import { verdictText, type NodeVerdict } from './verdict';

/**
 * Asks before a drop that Kubernetes would not do on its own: binding to a node
 * the scheduler rejects, or "moving" a bound pod (which deletes it). A modal
 * <dialog>: focus stays inside, Escape cancels, focus returns afterwards.
 */
export function DropDialog({ onConfirm, onCancel }: { onConfirm: () => void; onCancel: () => void }) {
  const pending = useDragState((s) => s.pending);
  if (!pending) return null;
  return <DropDialogView pending={pending} onConfirm={onConfirm} onCancel={onCancel} />;
}

export function DropDialogView({ pending, onConfirm, onCancel }: { pending: PendingDrop; onConfirm: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const actions = useRef({ onConfirm, onCancel });
  actions.current = { onConfirm, onCancel };
  const podKey = `${pending.pod.namespace}/${pending.pod.name}`;
  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement instanceof HTMLElement && !dialog?.contains(document.activeElement) ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal?.();
    // The safe answer takes the focus, so that Enter or Space right after a keyboard drop does not
    // bind or delete. (React's autoFocus runs before showModal, on a closed dialog, where it cannot
    // focus; showModal would then focus the first button, the confirming one.)
    dialog?.querySelector<HTMLElement>('[data-drop-action="cancel"]')?.focus();
    // The buttons answer clicks here, on the window in the capture phase: for 50 ms after a
    // pointer drag, dnd-kit swallows every click on the document (so that the drop does not
    // click what lies under it), and this dialog opens right after a drop.
    const click = (event: MouseEvent) => {
      const button = event.target instanceof Element ? event.target.closest('button[data-drop-action]') : null;
      if (!button || !dialog?.contains(button)) return;
      event.stopImmediatePropagation();
      event.preventDefault();
      if (button.getAttribute('data-drop-action') === 'confirm') actions.current.onConfirm();
      else actions.current.onCancel();
    };
    window.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('click', click, true);
      dialog?.close?.();
      // Focus goes back to the pod (the dialog is gone from the page by now, so <dialog>'s own
      // focus return does not happen), else to what had it, else it would fall to the page's start.
      const card = document.querySelector<HTMLElement>(`[data-pod="${CSS.escape(podKey)}"][tabindex]`);
      (card ?? (before?.isConnected ? before : null))?.focus();
    };
  }, [podKey]);
  const { pod, node, plan } = pending;
  const title =
    plan.kind !== 'bindAnyway'
      ? `Move pod ${pod.name} to node ${node}?`
      : plan.verdict?.kind === 'rejects'
        ? `Node ${node} rejects pod ${pod.name}`
        : `Bind pod ${pod.name} to node ${node} without the scheduler?`;
  const confirm = plan.kind === 'bindAnyway' ? 'Bind anyway' : plan.kind === 'replace' ? 'Delete pod' : `Delete and recreate on ${node}`;
  return (
    <dialog
      ref={ref}
      className="drop-dialog"
      aria-labelledby="drop-dialog-title"
      aria-describedby="drop-dialog-body"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="drop-dialog-title">{title}</h2>
      <div id="drop-dialog-body">
        {plan.kind === 'bindAnyway' ? (
          <>
            <Verdict node={node} verdict={plan.verdict} />
            <p>
              Binding it anyway skips the scheduler, as setting <code>spec.nodeName</code> by hand does. The kubelet on {node} still checks the pod
              before it runs it: a pod that does not fit the node&apos;s free resources, its node affinity or a NoExecute taint is refused and
              fails (reason OutOfcpu, OutOfmemory, OutOfpods, NodeAffinity…). A NoSchedule taint or a cordon only keeps the scheduler away.
            </p>
          </>
        ) : (
          <>
            <p>Kubernetes cannot move a pod: a pod is bound to one node for its whole life.</p>
            {plan.kind === 'replace' ? (
              <p>
                Pod {pod.name} belongs to {plan.owner.kind} {plan.owner.name}. Dropping it here deletes it (gracefully); the {plan.owner.kind} then
                creates a replacement, and the scheduler places that one where it scores best — not necessarily on {node}.
              </p>
            ) : (
              <p>
                Pod {pod.name} has no controller, so Podscape deletes it at once (grace period 0) and creates the same pod bound to {node}, as{' '}
                <code>kubectl replace --force --grace-period=0</code> with <code>spec.nodeName: {node}</code> would. The kubelet on {node} then runs it
                or refuses it.
              </p>
            )}
            <Verdict node={node} verdict={plan.verdict} />
          </>
        )}
      </div>
      <div className="drop-dialog-buttons">
        <button type="button" className="drop-confirm" data-drop-action="confirm">
          {confirm}
        </button>
        <button type="button" data-drop-action="cancel">
          Cancel drop
        </button>
      </div>
    </dialog>
  );
}

function Verdict({ node, verdict }: { node: string; verdict: NodeVerdict | undefined }) {
  if (verdict?.kind === 'rejects') {
    return (
      <div className="drop-dialog-verdict" data-verdict="rejects">
        <p>The scheduler&apos;s filters reject {node}:</p>
        <ul>
          {verdict.reasons.map((reason) => (
            <li key={reason}>
              {reason}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <p className="drop-dialog-verdict" data-verdict={verdict?.kind ?? 'unknown'}>
      The scheduler on {node}: {verdict ? verdictText(verdict) : 'its verdict is not known'}.
    </p>
  );
}
