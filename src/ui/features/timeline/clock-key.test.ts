import { describe, expect, it } from 'vitest';
import { clockKeyAnnouncement, isClockKey, type KeyLike } from './clock-key';

/** A stand-in for an element (no DOM in unit tests): `closest` matches a tag, `[attr]`, `[attr="v"]` and `[attr]:not([attr="v"])`. */
function element(tag: string, attrs: Record<string, string> = {}, contentEditable = false): EventTarget {
  const one = (selector: string) => {
    const m = /^\[([\w-]+)(?:="([^"]*)")?\](?::not\(\[([\w-]+)="([^"]*)"\]\))?$/.exec(selector);
    if (!m) return selector === tag;
    const value = attrs[m[1]];
    return value !== undefined && (m[2] === undefined || value === m[2]) && !(m[3] && attrs[m[3]] === m[4]);
  };
  return { isContentEditable: contentEditable, closest: (s: string) => (s.split(',').some((part) => one(part.trim())) ? {} : null) } as unknown as EventTarget;
}

const key = (over: Partial<KeyLike> = {}): KeyLike => ({ key: 'k', altKey: false, ctrlKey: false, metaKey: false, repeat: false, target: null, ...over });

describe('the clock key', () => {
  it('is K or k on the page, on a button, on a pod card or a summary', () => {
    expect(isClockKey(key(), false)).toBe(true);
    expect(isClockKey(key({ key: 'K' }), false)).toBe(true);
    expect(isClockKey(key({ target: element('button') }), false)).toBe(true);
    expect(isClockKey(key({ target: element('div', { role: 'button', 'aria-roledescription': 'draggable' }) }), false)).toBe(true);
    expect(isClockKey(key({ target: element('summary') }), false)).toBe(true);
  });

  it('leaves other keys alone: Space (buttons, page scroll, dnd-kit, presenter beats), Enter, arrows, P', () => {
    for (const k of [' ', 'Enter', 'ArrowRight', 'p', 'j', 'Escape']) expect(isClockKey(key({ key: k }), false)).toBe(false);
  });

  it('leaves K to whoever owns it: with a modifier, held down, while a modal dialog is open', () => {
    expect(isClockKey(key({ ctrlKey: true }), false)).toBe(false);
    expect(isClockKey(key({ metaKey: true }), false)).toBe(false);
    expect(isClockKey(key({ altKey: true }), false)).toBe(false);
    expect(isClockKey(key({ repeat: true }), false)).toBe(false);
    expect(isClockKey(key(), true)).toBe(false);
  });

  it('is typing in a field, a select, the YAML editor (contenteditable) or a text box', () => {
    for (const tag of ['input', 'textarea', 'select']) expect(isClockKey(key({ target: element(tag) }), false)).toBe(false);
    // CodeMirror's editor: a contenteditable div (the key event's target, or inside one).
    expect(isClockKey(key({ target: element('div', { contenteditable: 'true' }, true) }), false)).toBe(false);
    expect(isClockKey(key({ target: element('div', { contenteditable: 'true' }) }), false)).toBe(false);
    expect(isClockKey(key({ target: element('div', { contenteditable: 'false' }) }), false)).toBe(true);
    expect(isClockKey(key({ target: element('div', { role: 'textbox' }) }), false)).toBe(false);
    expect(isClockKey(key({ target: element('div', { role: 'combobox' }) }), false)).toBe(false);
  });

  it('says what it did, the time and how to undo it', () => {
    expect(clockKeyAnnouncement(false, '00:05:20', 10)).toBe('Clock paused at 00:05:20. K plays it.');
    expect(clockKeyAnnouncement(true, '00:05:20', 60)).toBe('Clock running at 60× from 00:05:20. K pauses it.');
  });
});
