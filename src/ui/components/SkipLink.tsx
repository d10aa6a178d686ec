import type { MouseEvent } from 'react';

/**
 * The page's first Tab stop: a link, out of sight until focused, that moves the keyboard
 * to `target` (an element with tabIndex -1). It focuses the target itself rather than
 * following the fragment: the address bar's fragment carries share links.
 */
export function SkipLink({ target, children }: { target: string; children: string }) {
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const element = document.getElementById(target);
    if (!element) return;
    event.preventDefault();
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: 'start', behavior: 'instant' });
  };
  return (
    <a className="skip-link" href={`#${target}`} onClick={skip}>
      {children}
    </a>
  );
}
