/**
 * Autosave: the session, encoded as a share fragment (the same codec, validation and
 * migrations as links: session-codec.ts), in localStorage. Restored at boot when the
 * URL carries no share link. A full storage is reported once in the alert; the app
 * keeps working.
 */

export const AUTOSAVE_KEY = 'podscape.session';

/** Writes the session; returns null on success or the problem (a full storage, storage disabled). */
export function saveSession(storage: Storage, fragment: string): string | null {
  try {
    storage.setItem(AUTOSAVE_KEY, fragment);
    return null;
  } catch (error) {
    const quota = error instanceof DOMException && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED');
    return quota
      ? `Autosave failed: the browser's storage for this site is full (${Math.round(fragment.length / 1024)} KB needed). Your work stays in this tab; use Share to keep it.`
      : `Autosave failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export function readSavedSession(storage: Storage | undefined): string | null {
  try {
    return storage?.getItem(AUTOSAVE_KEY) ?? null;
  } catch {
    return null; // storage disabled: nothing to restore
  }
}
