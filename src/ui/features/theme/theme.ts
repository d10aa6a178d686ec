/**
 * The colour theme: 'system' follows prefers-color-scheme (styles.css uses light-dark()
 * under `color-scheme: light dark`); 'light' and 'dark' pin it through data-theme on
 * the root element. The choice is remembered in localStorage when storage is allowed.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const KEY = 'podscape.theme';

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

export function readTheme(): Theme {
  try {
    const saved = globalThis.localStorage?.getItem(KEY);
    return isTheme(saved) ? saved : 'system';
  } catch {
    return 'system';
  }
}

export function storeTheme(theme: Theme): void {
  try {
    if (theme === 'system') globalThis.localStorage?.removeItem(KEY);
    else globalThis.localStorage?.setItem(KEY, theme);
  } catch {
    // Storage can be off (private mode, policies): the choice then lasts for the page.
  }
}

export function applyTheme(theme: Theme, root: { dataset: DOMStringMap } | undefined = globalThis.document?.documentElement): void {
  if (!root) return;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
