import { useEffect, useRef, useState } from 'react';
import { copyText, objectName } from './copy-text';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * A hint's one-line object with the two things an attendee does with it: Copy (the Clipboard
 * API, else the old copy command; when both fail the text is selected for Ctrl+C) and Open in
 * Apply YAML (the editor opens holding it, focused). The outcome shows on the button and is
 * announced once through a polite status.
 */
export function HintObject({ code, onOpen }: { code: string; onOpen?: (text: string) => void }) {
  const [state, setState] = useState<CopyState>('idle');
  const codeRef = useRef<HTMLElement>(null);
  const name = objectName(code);
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 4000);
    return () => clearTimeout(t);
  }, [state]);
  const copy = async () => {
    const outcome = await copyText(code);
    if (outcome === 'failed' && codeRef.current) {
      const range = document.createRange();
      range.selectNodeContents(codeRef.current);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }
    setState(outcome);
  };
  return (
    <span className="hint-object">
      <code ref={codeRef}>{code}</code>
      <span className="hint-object-actions">
        <button type="button" aria-label={`Copy the ${name}`} data-copy-state={state} onClick={() => void copy()}>
          {state === 'copied' ? 'Copied ✓' : 'Copy'}
        </button>
        {onOpen ? (
          <button type="button" aria-label={`Open the ${name} in Apply YAML`} onClick={() => onOpen(code)}>
            Open in Apply YAML
          </button>
        ) : null}
        {/* The button shows "Copied ✓"; the status says it once to a screen reader (visible only when copying failed). */}
        <span className={state === 'failed' ? 'hint-object-status' : 'hint-object-status visually-hidden'} role="status">
          {state === 'copied' ? `Copied the ${name}.` : state === 'failed' ? 'Could not copy: the text is selected, press Ctrl+C (⌘C).' : ''}
        </span>
      </span>
    </span>
  );
}
