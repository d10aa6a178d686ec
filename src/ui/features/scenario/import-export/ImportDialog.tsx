import { useEffect, useId, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { ERROR_ALERT_ID } from '../../status/ErrorAlert';
import { usePodscapeStore } from '../../../store/podscape-store';

/** The line the page's alert names ("…, line 48, column 37: …"), or null. */
export function lineAtFault(error: string | null): number | null {
  const m = error ? /\bline (\d+), column \d+/.exec(error) : null;
  return m ? Number(m[1]) : null;
}

/** Selects line `line` (1-based) of the field and scrolls it to the field's upper third. */
function selectLine(area: HTMLTextAreaElement, line: number): void {
  const lines = area.value.split('\n');
  if (line < 1 || line > lines.length) return;
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  area.focus({ preventScroll: true });
  area.setSelectionRange(start, start + lines[line - 1].length);
  const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 18;
  area.scrollTop = Math.max(0, (line - 1) * lineHeight - area.clientHeight / 3);
}

/**
 * After a refused import: the page's alert (why, above the dialog) and the field's upper part,
 * where selectLine puts the line at fault (where), on the screen together when they fit, else
 * the field. The page stayed where the user pressed Import, under the field: on a phone the
 * alert was out of sight above.
 */
function showWhyAndWhere(area: HTMLTextAreaElement): void {
  const alert = document.getElementById(ERROR_ALERT_ID);
  const field = area.getBoundingClientRect();
  const top = alert ? alert.getBoundingClientRect().top - 8 : field.top;
  const upperPart = field.top + field.height * 0.6;
  if (upperPart - top <= window.innerHeight) {
    if (top < 0 || upperPart > window.innerHeight) window.scrollBy({ top, behavior: 'instant' });
  } else area.scrollIntoView({ block: 'nearest', behavior: 'instant' });
}

interface ImportDialogProps {
  text: string;
  busy: boolean;
  /** The page's alert says why this very text was refused (document, line, field): the field is marked invalid and described by the alert. */
  invalid: boolean;
  onText(text: string): void;
  /** A file the user chose: its name and contents. */
  onFile(file: File): void;
  onImport(): void;
  onClose(): void;
}

/**
 * The Import YAML dialog: paste into the `Scenario YAML` field or upload a file. It is not modal,
 * so the page's alert right below it shows what is wrong with the input while the text
 * stays here to be fixed. Escape or Cancel closes it.
 */
export function ImportDialog({ text, busy, invalid, onText, onFile, onImport, onClose }: ImportDialogProps) {
  const headingId = useId();
  const textId = useId();
  const fileId = useId();
  const hintId = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);
  // A refused import: back to the field, with the line the alert names selected (a long paste hid it).
  const error = usePodscapeStore((s) => s.error);
  const line = invalid ? lineAtFault(error) : null;
  useEffect(() => {
    if (line === null || !area.current) return;
    selectLine(area.current, line);
    showWhyAndWhere(area.current);
  }, [line, error]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onImport();
  };
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    }
  };
  return (
    <section className="import-dialog" role="dialog" aria-labelledby={headingId} onKeyDown={keys}>
      <h2 id={headingId}>Import YAML</h2>
      <p id={hintId} className="import-hint">
        Paste a multi-document stream or a <code>kind: List</code>, as <code>kubectl get nodes,pods,deploy,rs,ds,sts,jobs,pdb -A -o yaml</code> prints it
        (JSON works too), choose a file, or drop one anywhere on the page. The cluster is replaced only if the input is valid.
      </p>
      <form onSubmit={submit}>
        <label htmlFor={textId} className="import-label">
          Scenario YAML
        </label>
        <textarea
          id={textId}
          ref={area}
          value={text}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-describedby={invalid ? `${ERROR_ALERT_ID} ${hintId}` : hintId}
          aria-invalid={invalid || undefined}
          rows={14}
          onChange={(e) => onText(e.target.value)}
        />
        <div className="import-actions">
          <label htmlFor={fileId} className="import-file">
            Upload a file{' '}
            <input
              id={fileId}
              type="file"
              accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml,text/plain"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) onFile(file);
                e.target.value = '';
              }}
            />
          </label>
          <span className="import-buttons">
            <button type="button" onClick={onClose}>
              Cancel import
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Importing…' : 'Import scenario'}
            </button>
          </span>
        </div>
      </form>
    </section>
  );
}
