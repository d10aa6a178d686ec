import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { stringify } from 'yaml';
import { ControlError } from '../../components/ControlError';
import { dispatchCommand } from '../../store/actions';
import { clearControlError, showControlError } from '../../store/control-errors';
import { usePodscapeRuntime } from '../../store/podscape-store';
import { applyYaml, EDITOR_FILE } from './apply-yaml';

const EXAMPLE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
  namespace: default
spec:
  replicas: 2
  selector:
    matchLabels: { app: hello }
  template:
    metadata:
      labels: { app: hello }
    spec:
      containers:
        - name: hello
          image: nginx:1.27
          resources:
            requests: { cpu: 100m, memory: 128Mi }
`;

/** Where the editor shows a refused apply (store/control-errors.ts). */
const APPLY_YAML = 'apply-yaml';

/**
 * A plain textarea with the manifest as YAML; Apply sends it to the engine, which validates it. Loaded lazily.
 * `initialText` (a lesson hint's object, as written) wins over `initial` (an object, shown as YAML); with
 * `focusOnMount` the editor scrolls into view and takes the focus, for a request from elsewhere on the page.
 */
export default function YamlEditor({ initial, initialText, focusOnMount = false, onDone }: { initial: unknown; initialText?: string; focusOnMount?: boolean; onDone: () => void }) {
  const { store, client } = usePodscapeRuntime();
  const [text, setText] = useState(() => initialText ?? (initial ? stringify(initial, { aliasDuplicateObjects: false }) : EXAMPLE));
  const areaRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!focusOnMount || !areaRef.current) return;
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    areaRef.current.scrollIntoView({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
    areaRef.current.focus({ preventScroll: true });
  }, [focusOnMount]);
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState<string | null>(null);
  // Fields the API schema does not have, of the objects the last apply applied (warned, not refused).
  const [warnings, setWarnings] = useState<string[]>([]);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setApplied(null);
    setWarnings([]);
    try {
      const outcome = await applyYaml(text, (command) => dispatchCommand(store, client, command, APPLY_YAML));
      // The refusal (with its line and column) is shown under the editor's buttons, where the learner pressed Apply.
      if (outcome.ok) clearControlError(store, APPLY_YAML);
      else showControlError(store, APPLY_YAML, outcome.error);
      // A refusal keeps the objects before it applied: they are listed, with their unknown fields.
      setApplied(outcome.messages?.length ? outcome.messages.join('\n') : null);
      setWarnings(outcome.warnings ?? []);
    } catch {
      // dispatchCommand already showed what went wrong.
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="tool-form yaml-editor" aria-label="YAML editor" onSubmit={(e) => void submit(e)}>
      <label htmlFor={id}>Manifest YAML ({EDITOR_FILE})</label>
      <textarea ref={areaRef} id={id} value={text} onChange={(e) => setText(e.target.value)} rows={Math.min(28, Math.max(8, text.split('\n').length + 1))} spellCheck={false} />
      <div className="tool-form-buttons">
        <button type="submit" disabled={busy}>
          Apply manifest
        </button>
        <button type="button" onClick={onDone}>
          Close YAML editor
        </button>
        {applied ? (
          <output className="yaml-applied" role="status">
            {applied}
          </output>
        ) : null}
      </div>
      {/* Closing the editor drops its refusal: it was about the text that is gone. */}
      <ControlError at={APPLY_YAML} dropOnUnmount />
      {warnings.length > 0 ? (
        <div role="status" aria-label="Fields a real cluster would refuse" className="yaml-unknown-fields" data-unknown-fields>
          <p>
            Applied, but <code>kubectl apply</code> would refuse {warnings.length === 1 ? 'this field' : 'these fields'} the Kubernetes API does not have
            (<code>strict decoding error: unknown field</code>). Podscape kept {warnings.length === 1 ? 'it' : 'them'}, without effect:
          </p>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </form>
  );
}
