import { useShallow } from 'zustand/react/shallow';
import { usePodscapeStore, type PodscapeState } from '../../store/podscape-store';
import { podOwners } from '../../store/table-pod-part';
import { colourKey, hueOf } from './workload-colour';

/** The owners list of each pods map: the map changes only when a pod does, and this runs on every store change. */
const OWNERS = new WeakMap<PodscapeState['cluster']['pods'], string[]>();

/** "kind\u0000name\u0000colour key" of each owner in the frame, sorted: a stable list for shallow comparison. */
function selectOwners(s: PodscapeState): string[] {
  const cached = OWNERS.get(s.cluster.pods);
  if (cached) return cached;
  const seen = new Set<string>();
  for (const owner of podOwners(s.cluster.pods)) seen.add(`${owner.kind}\u0000${colourKey(owner)}`);
  const owners = [...seen].sort();
  OWNERS.set(s.cluster.pods, owners);
  return owners;
}

/** Which colour is which workload: one swatch per owner (ReplicaSets by their Deployment's name). */
export function WorkloadLegend() {
  const owners = usePodscapeStore(useShallow(selectOwners));
  if (owners.length === 0) return null;
  return (
    <ul className="legend" aria-label="Workload colours">
      {owners.map((entry) => {
        const [kind, name] = entry.split('\u0000');
        return (
          <li key={entry} style={{ ['--workload-hue' as string]: hueOf(name) }}>
            <span className="pod-swatch" aria-hidden="true" />
            {name} <span className="legend-kind">{kind}</span>
          </li>
        );
      })}
      <li className="legend-bare">
        <span className="pod-swatch" aria-hidden="true" />
        bare pod
      </li>
    </ul>
  );
}
