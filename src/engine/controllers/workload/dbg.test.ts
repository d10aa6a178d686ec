import { it } from 'vitest';
import { createReplicaSetController } from '../replicaset/replicaset-controller';
import { createDeploymentController } from '../deployment/deployment-controller';
import { Harness, podTemplate } from '../workload/testing';
it('dbg', () => {
  const h = new Harness({ nodes: ['n1','n2','n3'], components: [createReplicaSetController(), createDeploymentController()] });
  h.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web' }) } });
  h.advance(5000);
  const d: any = h.get('Deployment', 'web');
  h.store.update({ ...d, spec: { ...d.spec, template: podTemplate({ app: 'web' }, 'nginx:1.28') } });
  h.advance(0);
  console.log(h.events({reason:'ScalingReplicaSet'}).map(e=>`${e.firstTime} ${e.message}`));
  const h2 = new Harness({ nodes: [], components: [createReplicaSetController(), createDeploymentController()] });
  h2.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 2, progressDeadlineSeconds: 60, selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web' }) } });
  h2.advance(0);
  console.log(JSON.stringify((h2.get('Deployment','web') as any).status, null, 1));
  h2.advance(61000);
  console.log(JSON.stringify((h2.get('Deployment','web') as any).status, null, 1));
});
