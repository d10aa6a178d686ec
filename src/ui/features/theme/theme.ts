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

const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * Whether the page draws dark, for what CSS cannot colour (canvas pods): a pinned theme
 * (data-theme) first, the system's preference otherwise.
 */
export function isDarkScheme(
  root: { dataset: DOMStringMap } | undefined = globalThis.document?.documentElement,
  matchMedia: ((query: string) => { matches: boolean }) | undefined = globalThis.matchMedia?.bind(globalThis),
): boolean {
  const pinned = root?.dataset.theme;
  if (pinned === 'dark') return true;
  if (pinned === 'light') return false;
  return matchMedia?.(DARK_QUERY).matches === true;
}

/** Calls `onChange` when the system's preference or the pinned theme changes (for useSyncExternalStore). */
export function subscribeScheme(onChange: () => void): () => void {
  const query = globalThis.matchMedia?.(DARK_QUERY);
  query?.addEventListener('change', onChange);
  const root = globalThis.document?.documentElement;
  const observer = root && typeof MutationObserver === 'function' ? new MutationObserver(onChange) : null;
  if (root) observer?.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
  return () => {
    query?.removeEventListener('change', onChange);
    observer?.disconnect();
  };
}
