import { Suspense } from 'react';
import { ChunkBoundary, lazyPanel } from '../../components/lazy-panel';
import { usePodscapeStore } from '../../store/podscape-store';

const notices = lazyPanel(() => import('./DrainNotices').then((m) => m.default));

/**
 * Where the drain notices go (DrainNotices.tsx). Their code is not in the first load: it is
 * fetched once the page is idle and shown only once a frame carries a drain log.
 */
export function DrainNoticesSlot() {
  notices.usePreload();
  const drained = usePodscapeStore((s) => s.frame?.drainLog !== undefined);
  if (!drained) return null;
  return (
    <ChunkBoundary what="the drain notices" onRetry={notices.reset}>
      <Suspense fallback={null}>
        <notices.Panel />
      </Suspense>
    </ChunkBoundary>
  );
}
