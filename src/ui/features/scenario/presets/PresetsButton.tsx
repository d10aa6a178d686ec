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
        Presets
      </button>
      {open ? (
        <Suspense fallback={<span role="status">Loading presets…</span>}>
          <PresetGallery onClose={close} />
        </Suspense>
      ) : null}
    </>
  );
}
