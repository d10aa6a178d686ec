import { dismissError } from '../../store/actions';
import { usePodscapeRuntime, usePodscapeStore } from '../../store/podscape-store';

/** The alert's id, for a field whose input the alert is about (aria-describedby: the import dialog's YAML). */
export const ERROR_ALERT_ID = 'podscape-error';

/** The latest error (a load, a refused command, the engine) in an alert the user can dismiss. */
export function ErrorAlert() {
  const error = usePodscapeStore((s) => s.error);
  const { store } = usePodscapeRuntime();
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
