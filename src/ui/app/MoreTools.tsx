import { useEffect, useState } from 'react';

/**
 * A phone's "More tools" switch (styles.css shows it under 30rem only). The header and the
 * toolbar took about 280 px of an 844-px phone screen, seven rows of buttons before the
 * cluster; there, the tools a newcomer reaches for first (the clock, Scenarios, Undo, Share)
 * stay in two rows and the others (speed, presenter mode, theme, import and export, redo,
 * reset, the state's details, add node) wait behind this button, which shows them where they
 * are on a wider screen. The state is the root's `data-more-tools`, as presenter mode's is
 * `data-presenter`, so that CSS alone decides what a closed switch hides.
 */
export function MoreTools() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const root = document.documentElement;
    if (open) root.dataset.moreTools = '';
    else delete root.dataset.moreTools;
    return () => {
      delete root.dataset.moreTools;
    };
  }, [open]);
  return (
    // "More" on the button (a phone's row has room for four buttons), "More tools" to a screen reader: the visible word starts the name.
    <button type="button" className="more-tools" aria-label="More tools" aria-expanded={open} onClick={() => setOpen(!open)}>
      More
      <span className="more-tools-mark" aria-hidden="true">
        {open ? ' ▴' : ' ▾'}
      </span>
    </button>
  );
}
