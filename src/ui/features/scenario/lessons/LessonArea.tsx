import { lazy, Suspense } from 'react';
import { usePodscapeStore } from '../../../store/podscape-store';

const LessonPanel = lazy(() => import('./LessonPanel'));
const PresetAbout = lazy(() => import('../presets/PresetAbout'));

/** The file name under which presets are loaded (src/scenario/presets/index.ts). */
const isPresetFile = (file: string | undefined) => file?.startsWith('presets/') ?? false;

/**
 * Where the open lesson shows, or a loaded preset's description; their code loads only when needed.
 * While it loads, the placeholder names what is coming: a preset loaded without its lesson said
 * "Loading the lesson…" and read as if a lesson had been started.
 */
export function LessonArea() {
  const lesson = usePodscapeStore((s) => s.lesson !== null);
  const preset = usePodscapeStore((s) => isPresetFile(s.scenario?.file));
  if (!lesson && !preset) return null;
  return (
    <Suspense fallback={<p role="status">{lesson ? 'Loading the lesson…' : 'Loading the preset’s description…'}</p>}>
      {lesson ? <LessonPanel /> : <PresetAbout />}
    </Suspense>
  );
}
