import { afterEach, describe, expect, it } from 'vitest';
import { hideIntro, introHidden } from './intro-storage';

describe('the first-screen introduction remembers being hidden', () => {
  const before = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
  afterEach(() => {
    if (before) Object.defineProperty(globalThis, 'localStorage', before);
    else delete (globalThis as { localStorage?: Storage }).localStorage;
  });

  it('reads back what it stored', () => {
    const items = new Map<string, string>();
    const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
    expect(introHidden(storage)).toBe(false);
    hideIntro(storage);
    expect(introHidden(storage)).toBe(true);
  });

  it('keeps working where merely reading localStorage throws (a sandboxed frame)', () => {
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The document is sandboxed', 'SecurityError');
      },
    });
    expect(() => hideIntro()).not.toThrow();
    expect(introHidden()).toBe(false);
  });
});
