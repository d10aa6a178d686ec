import { lazy, Suspense } from 'react';
import { usePodscapeRuntime } from '../../store/podscape-store';
import { samplerFor } from './sampler';

/** d3 loads with the chart, after first paint; the sampler starts at once so no frame is missed. */
const ClusterChart = lazy(() => import('./ClusterChart').then((m) => ({ default: m.ClusterChart })));

export function LazyClusterChart() {
  samplerFor(usePodscapeRuntime().store);
  return (
    <Suspense fallback={<p className="empty">Loading the chart…</p>}>
      <ClusterChart />
    </Suspense>
  );
}
