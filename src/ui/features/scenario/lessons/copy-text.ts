/**
 * Copying a hint's object to the clipboard. The Clipboard API needs a secure context (https or
 * localhost): a workshop served over plain http on a LAN, or a browser that refuses the
 * permission, falls back to the older copy command on a hidden, selected textarea. When both
 * fail, the caller selects the text on screen so that the attendee can copy it by hand.
 */

/** What the copy needs from the page (the real ones by default; tests pass their own). */
export interface CopyEnv {
  clipboard?: { writeText(text: string): Promise<void> } | undefined;
  /** Whether the Clipboard API may be used (window.isSecureContext). */
  secure: boolean;
  /** The fallback: copies `text` through a selected textarea; true when the browser says it copied. */
  legacyCopy(text: string): boolean;
}

export type CopyOutcome = 'copied' | 'failed';

export async function copyText(text: string, env: CopyEnv = pageEnv()): Promise<CopyOutcome> {
  if (env.secure && env.clipboard) {
    try {
      await env.clipboard.writeText(text);
      return 'copied';
    } catch {
      // Refused (no permission, the document not focused): try the old way.
    }
  }
  try {
    return env.legacyCopy(text) ? 'copied' : 'failed';
  } catch {
    return 'failed';
  }
}

function pageEnv(): CopyEnv {
  return {
    clipboard: typeof navigator === 'undefined' ? undefined : navigator.clipboard,
    secure: typeof window !== 'undefined' && window.isSecureContext,
    legacyCopy: (text) => {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      document.body.appendChild(area);
      area.select();
      try {
        // Deprecated but still the only copy without the Clipboard API.
        return document.execCommand('copy');
      } finally {
        area.remove();
        focused?.focus();
      }
    },
  };
}

/** A hint's inline object (`{ apiVersion: … }` in backticks), which gets Copy and Open in Apply YAML. */
export const isHintObject = (code: string) => /^\{ ?apiVersion: /.test(code);

/** `Deployment web` for a hint's one-line object: the buttons' accessible names say which object. */
export function objectName(code: string): string {
  const kind = /\bkind: ([A-Za-z]+)/.exec(code)?.[1];
  const name = /\bmetadata: \{ ?name: "?([a-z0-9.-]+)/.exec(code)?.[1];
  if (kind && name) return `${kind} ${name}`;
  return kind ?? 'object';
}
