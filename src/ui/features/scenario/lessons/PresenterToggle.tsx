import { useEffect } from 'react';
import type { PodscapeStore } from '../../../store/podscape-store';
import { usePodscapeRuntime, usePodscapeStore } from '../../../store/podscape-store';
import { isTypingTarget } from './keys';
import './presenter.css';

/** The key that toggles presenter mode (Escape also leaves it). */
export const PRESENTER_KEY = 'p';

export function setPresenter(store: PodscapeStore, presenter: boolean): void {
  store.setState({ presenter });
}

/**
 * The `Presenter mode` toggle and its keyboard shortcut. Presenter mode marks the
 * document (`<html data-presenter>`), and presenter.css enlarges the type and hides
 * the chrome; in a lesson, arrow keys, page keys and space step through its beats.
 */
export function PresenterToggle() {
  const { store } = usePodscapeRuntime();
  const presenter = usePodscapeStore((s) => s.presenter);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTypingTarget(event.target)) return;
      if (event.key.toLowerCase() === PRESENTER_KEY) setPresenter(store, !store.getState().presenter);
      else if (event.key === 'Escape' && store.getState().presenter && !document.querySelector('dialog[open]')) setPresenter(store, false);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  useEffect(() => {
    const root = document.documentElement;
    if (presenter) root.dataset.presenter = 'true';
    else delete root.dataset.presenter;
    return () => {
      delete root.dataset.presenter;
    };
  }, [presenter]);

  return (
    <button
      type="button"
      className="presenter-toggle"
      aria-pressed={presenter}
      aria-keyshortcuts="P"
      title="Presenter mode (P; Escape leaves it)"
      onClick={() => setPresenter(store, !presenter)}
    >
      Presenter mode
    </button>
  );
}
