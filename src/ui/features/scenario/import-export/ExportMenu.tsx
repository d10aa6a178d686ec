import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

export type ExportChoice = 'scenario' | 'clean' | 'kwok' | 'svg' | 'png';

const ITEMS: { choice: ExportChoice; label: string; hint: string }[] = [
  { choice: 'scenario', label: 'Scenario (YAML)', hint: 'the objects as they are now; it loads back at 00:00:00 with every machine on, as its first lines say (Share keeps this moment)' },
  { choice: 'clean', label: 'Clean manifests (YAML)', hint: 'for kubectl apply on a real cluster' },
  { choice: 'kwok', label: 'KWOK nodes (YAML)', hint: 'fake Nodes of the same shape' },
  { choice: 'svg', label: 'Picture (SVG)', hint: 'the cluster as drawn now' },
  { choice: 'png', label: 'Picture (PNG)', hint: 'the cluster as drawn now' },
];

/** The gap the open menu keeps from the window's edges, in CSS pixels. */
const MENU_MARGIN = 8;

/** The Export menu button: a WAI-ARIA menu, opened by click or keyboard, arrow keys to move, Escape to close. */
export function ExportMenu({ disabled, onChoose }: { disabled: boolean; onChoose(choice: ExportChoice): void }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  // Opened from a button near the window's right edge (a phone: Export is the third button of its
  // row), the menu ran past the edge and cut its items off: it moves left until it fits.
  useLayoutEffect(() => {
    const el = menu.current;
    if (!open || !el) return;
    const over = el.getBoundingClientRect().right - (document.documentElement.clientWidth - MENU_MARGIN);
    if (over > 0) el.style.left = `${-Math.min(over, el.getBoundingClientRect().left - MENU_MARGIN)}px`;
  }, [open]);

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const away = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node) && e.target !== button.current) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const keys = (e: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') close(false);
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      const next = e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : (at + (e.key === 'ArrowDown' ? 1 : -1) + all.length) % all.length;
      all[next]?.focus();
    } else return;
    e.stopPropagation();
  };
  return (
    <div className="export-menu">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        Export
      </button>
      {open && (
        <ul ref={menu} id={menuId} role="menu" aria-label="Export" className="export-items" onKeyDown={keys}>
          {ITEMS.map(({ choice, label, hint }) => (
            <li key={choice} role="none">
              <button
                type="button"
                role="menuitem"
                aria-describedby={`${menuId}-${choice}`}
                title={hint}
                tabIndex={-1}
                onClick={() => {
                  close(true);
                  onChoose(choice);
                }}
              >
                <span>{label}</span>
                {/* The item's description (aria-describedby, which reads hidden text): read after its name, and
                    hidden from the name itself, which is the label's words only (an aria-label beside visible
                    text that it leaves out was axe's label-content-name-mismatch). */}
                <span className="export-hint" id={`${menuId}-${choice}`} aria-hidden="true">
                  {hint}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
