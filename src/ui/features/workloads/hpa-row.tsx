import type { HpaColumns } from '../../../protocol/engine-api';

/** kubectl get hpa's columns after NAME: REFERENCE, TARGETS, MINPODS, MAXPODS, REPLICAS (printHorizontalPodAutoscaler). */
export function hpaColumns(h: HpaColumns): [string, string][] {
  return [
    ['Reference', h.reference],
    ['Targets', h.targets],
    ['Min pods', h.minPods],
    ['Max pods', String(h.maxPods)],
    ['Replicas', String(h.replicas)],
  ];
}

/**
 * An HPA's columns, and what its numbers stand on: there is no metrics-server in the playground,
 * so usage comes from the podscape.dev/cpu-usage and memory-usage annotations on pods, or the
 * podscape.dev/cpu-load and memory-load annotations on the target shared evenly by its Ready pods.
 */
export function HpaCells({ hpa }: { hpa: HpaColumns }) {
  return (
    <>
      <dl className="cronjob-columns hpa-columns">
        {hpaColumns(hpa).map(([term, value]) => (
          <div key={term} data-hpa-column={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="hpa-note">Simulated usage: the target&apos;s podscape.dev/cpu-load shared evenly by its Ready pods (or each pod&apos;s own cpu-usage), read at once — real load is uneven and metrics-server lags up to 15 s.</p>
    </>
  );
}
