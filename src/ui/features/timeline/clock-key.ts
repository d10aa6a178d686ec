/**
 * The clock's keyboard shortcut: K plays or pauses the clock from anywhere on the page, so
 * that someone watching the node cards (the header with Play/Pause scrolled away) can stop
 * the cluster where it is. K, as video players use it; not Space, which scrolls the page,
 * presses the focused button, picks up a pod for a keyboard drag (dnd-kit) and steps a
 * lesson's beats in presenter mode. The key is left alone while the user types (a field, a
 * select, the YAML editor, anything contenteditable), with a modifier (Ctrl+K and Cmd+K
 * belong to the browser), held down (auto-repeat would flip the clock many times), and while
 * a modal dialog is open (the page behind it is inert).
 */
export const CLOCK_KEY = 'K';

/** What the handler needs of a keydown: KeyboardEvent has all of it. */
export interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  repeat: boolean;
  target: EventTarget | null;
}

/** Where typing goes: form fields, CodeMirror's editor (contenteditable) and ARIA text boxes. */
const TYPING = 'input, textarea, select, [contenteditable]:not([contenteditable="false"]), [role="textbox"], [role="combobox"]';

interface ElementLike {
  isContentEditable?: boolean;
  closest?(selector: string): unknown;
}

/** Whether this keydown plays or pauses the clock (`modalOpen`: a modal dialog is open). */
export function isClockKey(event: KeyLike, modalOpen: boolean): boolean {
  if (event.key.toUpperCase() !== CLOCK_KEY || event.altKey || event.ctrlKey || event.metaKey || event.repeat || modalOpen) return false;
  const target = event.target as ElementLike | null;
  if (target?.isContentEditable) return false;
  return !(typeof target?.closest === 'function' && target.closest(TYPING));
}

/** What a screen reader hears after the shortcut: the new state, the cluster time, and the key that undoes it. */
export function clockKeyAnnouncement(playing: boolean, clusterTime: string, speed: number): string {
  return playing ? `Clock running at ${speed}× from ${clusterTime}. K pauses it.` : `Clock paused at ${clusterTime}. K plays it.`;
}
