import { memo } from 'react';
import { shallow } from 'zustand/shallow';
import { usePodscapeStore, type PodscapeState } from '../../store/podscape-store';
import { podOwners } from '../../store/table-pod-part';
import { colourKey, hueOf } from './workload-colour';

/** The owners list of each pods map (the map changes only when a pod does). */
const OWNERS = new WeakMap<PodscapeState['cluster']['pods'], string[]>();

/**
 * Each owner object's entry: a frame that changes some pods rebuilds the pods map, and with
 * it the owners, but the pods it did not change keep their objects (and owner objects), so
 * a kill's frames build no string and run no pattern for them.
 */
const KEYS = new WeakMap<object, string>();

function ownerKey(owner: { kind: string; name: string }): string {
  let key = KEYS.get(owner);
  if (key === undefined) KEYS.set(owner, (key = `${owner.kind}\u0000${colourKey(owner)}`));
  return key;
}

/** "kind\u0000name\u0000colour key" of each owner in the frame, sorted: a stable list for shallow comparison. */
export function ownersOf(pods: PodscapeState['cluster']['pods']): string[] {
  const cached = OWNERS.get(pods);
  if (cached) return cached;
  const seen = new Set<string>();
  for (const owner of podOwners(pods)) seen.add(ownerKey(owner));
  const owners = [...seen].sort();
  OWNERS.set(pods, owners);
  return owners;
}

const selectPods = (s: PodscapeState) => s.cluster.pods;

/**
 * Which colour is which workload: one swatch per owner (ReplicaSets by their Deployment's
 * name). The owners are read in the render, not in the store selector: a selector runs on
 * every store change even in a legend about to unmount (the cards view, when a new large
 * scenario switches to the canvas view), and the owners of 30,000 pods cost ~15 ms.
 */
export function WorkloadLegend() {
  const pods = usePodscapeStore(selectPods);
  return <LegendList owners={ownersOf(pods)} />;
}

/** Re-renders only when the owners change, not with every pod. */
const LegendList = memo(function LegendList({ owners }: { owners: string[] }) {
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
}, (a, b) => shallow(a.owners, b.owners));
