import { lazy, Suspense } from 'react';
import { usePodscapeStore } from '../../../store/podscape-store';

const LessonPanel = lazy(() => import('./LessonPanel'));
const PresetAbout = lazy(() => import('../presets/PresetAbout'));

/** The file name under which presets are loaded (src/scenario/presets/index.ts). */
const isPresetFile = (file: string | undefined) => file?.startsWith('presets/') ?? false;

/** Where the open lesson shows, or a loaded preset's description; their code loads only when needed. */
export function LessonArea() {
  const lesson = usePodscapeStore((s) => s.lesson !== null);
  const preset = usePodscapeStore((s) => isPresetFile(s.scenario?.file));
  if (!lesson && !preset) return null;
  return <Suspense fallback={<p role="status">Loading the lesson…</p>}>{lesson ? <LessonPanel /> : <PresetAbout />}</Suspense>;
}
