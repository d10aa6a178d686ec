/**
 * Whether the first-screen introduction (StartHere.tsx) was hidden, remembered in
 * localStorage when storage is allowed (else for the page's life).
 */
const KEY = 'podscape.intro';

/** The page's localStorage; reading the property itself throws where storage is blocked (sandboxed frames). */
function pageStorage(): Storage | undefined {
  return globalThis.localStorage;
}

export function introHidden(storage?: Pick<Storage, 'getItem'>): boolean {
  try {
    return (storage ?? pageStorage())?.getItem(KEY) === 'hidden';
  } catch {
    return false;
  }
}

export function hideIntro(storage?: Pick<Storage, 'setItem'>): void {
  try {
    (storage ?? pageStorage())?.setItem(KEY, 'hidden');
  } catch {
    // Storage can be off (private mode, policies): hidden until the page reloads.
  }
}
