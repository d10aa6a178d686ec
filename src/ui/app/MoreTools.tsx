import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { setMoreToolsTarget } from './more-tools-slot';

/** The width under which styles.css folds the secondary tools behind "More tools". */
const PHONE = '(max-width: 30rem)';

function subscribePhone(listener: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => {};
  const query = window.matchMedia(PHONE);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}
const isPhone = () => typeof window !== 'undefined' && !!window.matchMedia && window.matchMedia(PHONE).matches;

/**
 * A phone's "More tools" switch (styles.css shows it under 30rem only). The header and the
 * toolbar took about 280 px of an 844-px phone screen, seven rows of buttons before the
 * cluster; there, the tools a newcomer reaches for first (the clock, Scenarios, Undo, Share)
 * stay in two rows and the others (speed, presenter mode, theme, import and export, redo,
 * reset, the state's details, add node) wait behind this button. The state is the root's
 * `data-more-tools`, as presenter mode's is `data-presenter`, so that CSS alone decides what a
 * closed switch hides.
 *
 * Open, the tools show in a region right after the button (each is wrapped in MoreSlot, which
 * moves it there), so that Tab goes from "More" to them, not back to the header; Escape closes
 * the region and puts the focus back on "More". A wider screen has no region: every tool stays
 * in its place.
 */
export function MoreTools() {
  const [open, setOpen] = useState(false);
  const phone = useSyncExternalStore(subscribePhone, isPhone, () => false);
  const button = useRef<HTMLButtonElement>(null);
  const regionId = useId();
  useEffect(() => {
    const root = document.documentElement;
    if (open) root.dataset.moreTools = '';
    else delete root.dataset.moreTools;
    return () => {
      delete root.dataset.moreTools;
    };
  }, [open]);
  const region = useCallback((element: HTMLDivElement | null) => setMoreToolsTarget(element), []);
  const showRegion = open && phone;
  useEffect(() => {
    if (!showRegion) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const at = document.activeElement;
      const inRegion = at === button.current || (at instanceof Element && at.closest('.more-tools-region') !== null);
      // A dialog opened from the region (Import YAML) closes first.
      if (!inRegion || (at instanceof Element && at.closest('dialog, [role="dialog"]') !== null)) return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [showRegion]);
  return (
    <>
      {/* "More" on the button (a phone's row has room for four buttons), "More tools" to a screen reader: the visible word starts the name. */}
      <button
        ref={button}
        type="button"
        className="more-tools"
        aria-label="More tools"
        aria-expanded={open}
        aria-controls={showRegion ? regionId : undefined}
        onClick={() => setOpen(!open)}
      >
        More
        <span className="more-tools-mark" aria-hidden="true">
          {open ? ' ▴' : ' ▾'}
        </span>
      </button>
      {showRegion && <div ref={region} id={regionId} className="more-tools-region" role="group" aria-label="More tools" />}
    </>
  );
}
