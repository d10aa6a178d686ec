/**
 * Whether the first-screen introduction (StartHere.tsx) was hidden, remembered in
 * localStorage when storage is allowed (else for the page's life).
 */
const KEY = 'podscape.intro';

export function introHidden(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): boolean {
  try {
    return storage?.getItem(KEY) === 'hidden';
  } catch {
    return false;
  }
}

export function hideIntro(storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY, 'hidden');
  } catch {
    // Storage can be off (private mode, policies): hidden until the page reloads.
  }
}
