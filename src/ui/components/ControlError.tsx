import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { claimPlace, clearControlError, controlErrors } from '../store/control-errors';
import { usePodscapeRuntime } from '../store/podscape-store';
import './control-error.css';

interface ControlErrorProps {
  /** The place (store/control-errors.ts) whose refusals this shows. */
  at: string;
  className?: string;
  /** In a table: a row of its own under the control's row, one cell this wide. */
  colSpan?: number;
  /** Unmounting clears the refusal instead of handing it to the top alert (a form that was closed). */
  dropOnUnmount?: boolean;
}

/**
 * The refusal of a command sent from the control beside it (store/control-errors.ts), in an alert
 * with Dismiss; nothing while there is none. Claims `at` while mounted, so that the page's top
 * alert leaves such refusals to it.
 */
export function ControlError({ at, className, colSpan, dropOnUnmount = false }: ControlErrorProps) {
  const { store } = usePodscapeRuntime();
  const errors = controlErrors(store);
  useEffect(() => {
    const release = claimPlace(store, at);
    return () => {
      // Else a refusal outlives its control in the page's top alert (a node card gone with its node).
      if (dropOnUnmount) clearControlError(store, at);
      release();
    };
  }, [store, at, dropOnUnmount]);
  const message = useStore(errors, (s) => (s.error?.at === at ? s.error.message : null));
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Near the window's bottom edge (a card low on the screen, the drain flags open) the alert would start out of sight.
    if (message !== null) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [message]);
  if (message === null) return null;
  const alert = (
    <div className={className ? `control-error ${className}` : 'control-error'} role="alert" data-control-error={at} ref={ref}>
      <span className="control-error-text">{message}</span>
      <button type="button" className="error-dismiss" onClick={() => clearControlError(store, at)}>
        Dismiss error
      </button>
    </div>
  );
  if (colSpan === undefined) return alert;
  return (
    <tr className="control-error-row">
      <td colSpan={colSpan}>{alert}</td>
    </tr>
  );
}
