import { lazy, Suspense } from 'react';
import { usePodscapeStore } from '../../../store/podscape-store';

const LessonPanel = lazy(() => import('./LessonPanel'));

/** Where the open lesson shows; its code loads only once a lesson is opened. */
export function LessonArea() {
  const open = usePodscapeStore((s) => s.lesson !== null);
  if (!open) return null;
  return (
    <Suspense fallback={<p role="status">Loading the lesson…</p>}>
      <LessonPanel />
    </Suspense>
  );
}
