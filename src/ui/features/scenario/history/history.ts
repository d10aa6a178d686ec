/**
 * Undo, redo and reset of the user's cluster commands. The session is the scenario
 * plus the command log, so each is a replay: undo reloads the scenario and replays the
 * log without its last command (at the same cluster time); redo replays it with that
 * command back; reset replays none, from time 0, and leaves every command on the redo
 * stack. The redo stack belongs to the log it was made from: any other change empties it.
 */
import type { EngineClient } from '../../../bridge/engine-client';
import type { PodscapeStore } from '../../../store/podscape-store';
import { loadSessionInto } from '../session/session-actions';
import { logKey, type SessionStore } from '../session/session-store';

interface Runtime {
  store: PodscapeStore;
  sessions: SessionStore;
  client: EngineClient;
}

/** Undoes the last command; resolves false when there is none. */
export async function undo({ store, sessions, client }: Runtime): Promise<boolean> {
  const session = await client.exportSession();
  const last = session.commands.at(-1);
  if (!last) return false;
  const { redo, redoBase } = sessions.getState();
  const stack = redoBase === logKey(session) ? redo : [];
  const commands = session.commands.slice(0, -1);
  await loadSessionInto(store, client, { ...session, commands }, { selected: store.getState().selected, failure: 'Could not undo' });
  sessions.setState({ redo: [...stack, last], redoBase: logKey({ ...session, commands }) });
  return true;
}

/** Re-applies the last undone command; resolves false when there is none for the current log. */
export async function redo({ store, sessions, client }: Runtime): Promise<boolean> {
  const session = await client.exportSession();
  const { redo: stack, redoBase } = sessions.getState();
  const next = stack.at(-1);
  if (!next || redoBase !== logKey(session)) {
    sessions.setState({ redo: [], redoBase: null });
    return false;
  }
  const commands = [...session.commands, next];
  await loadSessionInto(store, client, { ...session, commands, time: Math.max(session.time, next.at) }, { selected: store.getState().selected, failure: 'Could not redo' });
  sessions.setState({ redo: stack.slice(0, -1), redoBase: logKey({ ...session, commands }) });
  return true;
}

/** Back to the scenario as loaded, at time 0; the undone commands can be redone one by one. */
export async function reset({ store, sessions, client }: Runtime): Promise<void> {
  const session = await client.exportSession();
  const { redo: stack, redoBase } = sessions.getState();
  const kept = redoBase === logKey(session) ? stack : [];
  await loadSessionInto(store, client, { ...session, commands: [], time: 0 }, { failure: 'Could not reset' });
  sessions.setState({ redo: [...kept, ...[...session.commands].reverse()], redoBase: logKey({ ...session, commands: [] }) });
}

/** Which history action a key press asks for: Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z or Ctrl+Y. */
export function historyKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && event.ctrlKey && !event.shiftKey) return 'redo';
  return null;
}
