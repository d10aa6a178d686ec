import { useEffect, useRef } from 'react';
import { settle } from '../../../store/actions';
import { usePodscapeRuntime } from '../../../store/podscape-store';
import { logKey, useSessionState, useSessionStore } from '../session/session-store';
import { historyKey, redo, reset, undo } from './history';
import { MoreSlot } from '../../../app/more-tools-slot';

/** Undo, Redo and Reset of cluster commands, with Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl+Y. */
export function HistoryControls() {
  const { store, client } = usePodscapeRuntime();
  const sessions = useSessionStore();
  const canUndo = useSessionState((s) => (s.session?.commands.length ?? 0) > 0);
  const canRedo = useSessionState((s) => s.redo.length > 0 && s.session !== null && s.redoBase === logKey(s.session));
  const canReset = useSessionState((s) => s.session !== null && (s.session.commands.length > 0 || s.session.time > 0));
  const busy = useRef(false);

  const run = (action: typeof undo | typeof reset) => {
    if (busy.current) return;
    busy.current = true;
    settle(action({ store, sessions, client }).finally(() => (busy.current = false)));
  };
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const which = historyKey(event);
      if (!which) return;
      event.preventDefault();
      runRef.current(which === 'undo' ? undo : redo);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="history" role="group" aria-label="History">
      <button type="button" disabled={!canUndo} aria-keyshortcuts="Control+Z Meta+Z" onClick={() => run(undo)}>
        Undo
      </button>
      <MoreSlot>
        <button type="button" disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y" onClick={() => run(redo)}>
          Redo
        </button>
        <button type="button" disabled={!canReset} onClick={() => run(reset)}>
          Reset
        </button>
      </MoreSlot>
    </div>
  );
}
