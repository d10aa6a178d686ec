/**
 * For the kubelet's tests: a simulation with the kubelets and nothing else (no scheduler, no
 * controllers), `objects` loaded and time 0 played, so pods run where they are bound.
 */
import type { KubeObject } from '../model/types';
import { createKubeletManager } from '../kubelet/kubelet-manager';
import { createSimulation } from '../sim/simulation';

export function kubeletOnly(objects: KubeObject[], seed = 5) {
  const sim = createSimulation({ seed, components: [createKubeletManager()] });
  sim.load(objects);
  sim.advanceTo(0);
  return sim;
}
