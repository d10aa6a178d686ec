/**
 * What a ReplicaSet's pod costs to build and admit (podFromTemplate + the store's
 * admitPodCreate), with SHARED_SKELETON on and off, alternated in one process. Each round
 * makes `n` new ReplicaSet templates (fresh objects, as a kill meets ~one pod per ReplicaSet)
 * with sim.bench.ts's 16 request variants, then builds and admits one pod from each.
 * `per`: pods built from each template in a row (1: a kill; 30: a scale-up from zero).
 * Figures: CPU µs per pod (process.cpuUsage over the round), median of the rounds per mode.
 *
 *   npx tsx bench/pod-skeleton-cost.ts [n=5000] [rounds=10] [per=1]
 */
import { newControllerRef } from '../src/engine/controllers/workload/owners';
import { podFromTemplate, SHARED_SKELETON } from '../src/engine/controllers/workload/template';
import type { KubeObject, PodTemplateSpec } from '../src/engine/model/types';
import { defaultControlPlaneConfig } from '../src/engine/sim/config';
import { admitPodCreate } from '../src/engine/store/pod-admission';

const [n = 5000, rounds = 10, perTemplate = 1] = process.argv.slice(2).map(Number);
const CPU = ['100m', '250m', '500m', '1'];
const MEM = ['128Mi', '256Mi', '512Mi', '1Gi'];
const config = defaultControlPlaneConfig();

function owners(round: number): { rs: KubeObject; template: PodTemplateSpec }[] {
  const out: { rs: KubeObject; template: PodTemplateSpec }[] = [];
  for (let i = 0; i < Math.ceil(n); i++) {
    const app = `d-${round}-${i}`;
    const template: PodTemplateSpec = {
      metadata: { labels: { app, 'pod-template-hash': 'abc' } },
      spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: CPU[i % 4], memory: MEM[(i >> 2) % 4] } } }] },
    };
    out.push({ rs: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `${app}-abc`, namespace: 'default', uid: `u-${round}-${i}` }, spec: { template } } as KubeObject, template });
  }
  return out;
}

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const per: Record<'on' | 'off', number[]> = { on: [], off: [] };
let sink = 0;
for (let r = 0; r < rounds; r++) {
  const order: Array<'on' | 'off'> = r % 2 === 0 ? ['on', 'off'] : ['off', 'on'];
  for (const mode of order) {
    SHARED_SKELETON.enabled = mode === 'on';
    const list = owners(r * 2 + (mode === 'on' ? 0 : 1));
    const t = cpuUs();
    for (let k = 0; k < n * perTemplate; k++) {
      const { rs, template } = list[Math.floor(k / perTemplate)];
      const pod = podFromTemplate(template, rs, newControllerRef(rs, 'apps/v1', 'ReplicaSet'), true);
      pod.metadata.name = `${rs.metadata.name}-x`;
      admitPodCreate(pod, [], config);
      sink += pod.spec.containers.length;
    }
    const us = (cpuUs() - t) / (n * perTemplate);
    if (r > 0) per[mode].push(us);
    console.log(`round ${r} ${mode.padEnd(3)}: ${us.toFixed(2)} µs CPU per pod`);
  }
}
SHARED_SKELETON.enabled = true;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`median (first round dropped): on ${median(per.on).toFixed(2)} µs, off ${median(per.off).toFixed(2)} µs per pod; on / off ${(median(per.on) / median(per.off)).toFixed(3)} (${sink > 0 ? 'ok' : ''})`);
