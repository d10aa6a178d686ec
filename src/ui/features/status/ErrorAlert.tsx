import { useStore } from 'zustand';
import { dismissError } from '../../store/actions';
import { controlErrors, unclaimedError } from '../../store/control-errors';
import { usePodscapeRuntime, usePodscapeStore } from '../../store/podscape-store';

/** The alert's id, for a field whose input the alert is about (aria-describedby: the import dialog's YAML). */
export const ERROR_ALERT_ID = 'podscape-error';

/**
 * The latest error (a load, a refused command, the engine) in an alert the user can dismiss. A
 * command refused from a control that shows its own refusals (ControlError) is not shown here,
 * unless that control is gone from the page.
 */
export function ErrorAlert() {
  const { store } = usePodscapeRuntime();
  const own = usePodscapeStore((s) => s.error);
  const orphan = useStore(controlErrors(store), (s) => unclaimedError(s)?.message ?? null);
  const error = own ?? orphan;
  if (!error) return null;
  return (
    <div className="error" role="alert" id={ERROR_ALERT_ID}>
      <span>{error}</span>
      <button type="button" className="error-dismiss" onClick={() => dismissError(store)}>
        Dismiss error
      </button>
    </div>
  );
}
