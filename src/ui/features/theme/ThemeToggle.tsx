import './theme.css';
import { useEffect, useId, useState } from 'react';
import { applyTheme, readTheme, storeTheme, THEMES, type Theme } from './theme';

const LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The colour theme: the system's (prefers-color-scheme) by default, or pinned light or dark. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(readTheme);
  const id = useId();
  useEffect(() => applyTheme(theme), [theme]);
  return (
    <label className="theme-toggle" htmlFor={id}>
      Theme
      <select
        id={id}
        value={theme}
        onChange={(e) => {
          const next = e.target.value as Theme;
          setTheme(next);
          storeTheme(next);
        }}
      >
        {THEMES.map((t) => (
          <option key={t} value={t}>
            {LABELS[t]}
          </option>
        ))}
      </select>
    </label>
  );
}
