import { lazy, Suspense, useRef, useState } from 'react';

const PresetGallery = lazy(() => import('./PresetGallery'));

/** Opens the gallery of built-in scenarios and lessons (loaded on first use). */
export function PresetsButton() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <button ref={button} type="button" className="presets-button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {/* Not "Presets": accessible names match by substring, and that one contains "Reset". */}
        Scenarios
      </button>
      {open ? (
        <Suspense fallback={<span role="status">Loading scenarios…</span>}>
          <PresetGallery onClose={close} />
        </Suspense>
      ) : null}
    </>
  );
}
