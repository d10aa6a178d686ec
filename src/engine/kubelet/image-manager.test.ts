/**
 * Image pulls (image-manager.ts, the podscape.dev/image-pull annotation): a node pulls an image
 * the first time a pod needs it and keeps it; a failing pull cycles ErrImagePull →
 * ImagePullBackOff under the 10 s → 300 s image back-off; imagePullPolicy as upstream.
 */
import { describe, expect, it } from 'vitest';
import { barePod, node } from '../controllers/node-lifecycle/cluster-fixture';
import type { Node, Pod } from '../model/types';
import { kubeletOnly as cluster } from '../testing/kubelet-only';
import { IMAGE_PULL_ANNOTATION, imageSizeBytes, normalizedImage, pullPolicyOf, validateImagePullAnnotation } from './image-pull';

const s = (x: number) => x * 1000;

type Sim = ReturnType<typeof cluster>;

function app(name: string, nodeName: string, pull?: string, extra: { image?: string; policy?: string } = {}): Pod {
  const p = barePod(name, nodeName);
  if (pull !== undefined) p.metadata.annotations = { [IMAGE_PULL_ANNOTATION]: pull };
  if (extra.image) p.spec.containers[0].image = extra.image;
  if (extra.policy) p.spec.containers[0].imagePullPolicy = extra.policy;
  return p;
}

const pod = (sim: Sim, name: string) => sim.store.get<Pod>('Pod', 'default', name)!;
const waiting = (p: Pod) => (p.status?.containerStatuses as { state: { waiting?: { reason: string; message?: string } } }[] | undefined)?.[0]?.state.waiting;
const events = (sim: Sim, name: string) => sim.events().filter((e) => e.object === `Pod/default/${name}`);
const reasons = (sim: Sim, name: string) => events(sim, name).map((e) => `${e.reason}: ${e.message}`);

describe('image pulls (podscape.dev/image-pull)', () => {
  it('without the annotation the image is present: no pull, today’s events', () => {
    const sim = cluster([node('w'), app('web', 'w')]);
    sim.advanceTo(s(2));
    expect(reasons(sim, 'web')).toEqual(['Pulled: Container image "web:1.0" already present on machine and can be accessed by the pod', 'Created: Container created', 'Started: Container started']);
    expect(sim.store.get<Node>('Node', undefined, 'w')!.status!.images).toBeUndefined();
  });

  it('pulls a 20 s image: Pending and ContainerCreating meanwhile, then Pulled with the size, and the node lists it', () => {
    const sim = cluster([node('w'), app('web', 'w', '20s')]);
    sim.advanceTo(s(10));
    expect(pod(sim, 'web').status!.phase).toBe('Pending');
    expect(waiting(pod(sim, 'web'))).toEqual({ reason: 'ContainerCreating' });
    expect(reasons(sim, 'web')).toEqual(['Pulling: Pulling image "web:1.0"']);
    sim.advanceTo(s(21));
    const size = imageSizeBytes('docker.io/library/web:1.0');
    expect(reasons(sim, 'web')).toEqual([
      'Pulling: Pulling image "web:1.0"',
      `Pulled: Successfully pulled image "web:1.0" in 20s (20s including waiting). Image size: ${size} bytes.`,
      'Created: Container created',
      'Started: Container started',
    ]);
    expect(events(sim, 'web').find((e) => e.reason === 'Started')!.firstTime).toBe(s(21));
    expect(pod(sim, 'web').status!.phase).toBe('Running');
    expect(sim.store.get<Node>('Node', undefined, 'w')!.status!.images).toEqual([{ names: ['docker.io/library/web:1.0'], sizeBytes: size }]);
  });

  it('a second pod with the image on the same node starts without a pull; on another node it pulls', () => {
    const sim = cluster([node('a'), node('b'), app('one', 'a', '20s', { image: 'shop:2' })]);
    sim.advanceTo(s(30));
    sim.store.create(app('two', 'a', '20s', { image: 'shop:2' }));
    sim.store.create(app('three', 'b', '20s', { image: 'shop:2' }));
    sim.advanceTo(s(32));
    expect(reasons(sim, 'two')[0]).toBe('Pulled: Container image "shop:2" already present on machine and can be accessed by the pod');
    expect(pod(sim, 'two').status!.phase).toBe('Running');
    expect(reasons(sim, 'three')).toEqual(['Pulling: Pulling image "shop:2"']);
    expect(pod(sim, 'three').status!.phase).toBe('Pending');
  });

  it('pulls one after another on a node (serializeImagePulls): the second waits and says so', () => {
    const sim = cluster([node('w'), app('a', 'w', '20s', { image: 'a:1' }), app('b', 'w', '20s', { image: 'b:1' })]);
    sim.advanceTo(s(60));
    const pulled = (n: string) => events(sim, n).find((e) => e.reason === 'Pulled')!;
    expect(pulled('a').message).toMatch(/in 20s \(20s including waiting\)/);
    expect(pulled('b').message).toMatch(/in 20s \(40s including waiting\)/);
    expect(pulled('b').firstTime).toBe(s(41));
  });

  it('a pull queued behind a pull of the same image finds it on disk at its turn: 0 s, the wait counted (life32)', () => {
    // Both pods ask while the node lacks shop:2, so both pulls queue (EnsureImageExists checks
    // presence at request time); the runtime's second pull finds every layer present.
    const sim = cluster([node('w'), app('a', 'w', '20s', { image: 'shop:2' }), app('b', 'w', '20s', { image: 'shop:2' })]);
    sim.advanceTo(s(30));
    const pulled = (n: string) => events(sim, n).find((e) => e.reason === 'Pulled')!;
    expect(reasons(sim, 'b')[0]).toBe('Pulling: Pulling image "shop:2"');
    expect(pulled('a').message).toMatch(/in 20s \(20s including waiting\)/);
    expect(pulled('b').message).toMatch(/in 0s \(20s including waiting\)/);
    expect(pulled('b').firstTime).toBe(s(21));
    expect(pod(sim, 'b').status!.phase).toBe('Running');
  });

  it('prints the pull times as Go prints a Duration truncated to ms ("39.75s"), not in whole seconds (life32)', () => {
    const sim = cluster([node('w'), app('a', 'w', '20s', { image: 'a:1' })]);
    sim.advanceTo(s(2.25));
    sim.store.create(app('b', 'w', '20s', { image: 'b:1' }));
    sim.advanceTo(s(60));
    const asked = events(sim, 'b').find((e) => e.reason === 'Pulling')!.firstTime;
    const pulled = events(sim, 'b').find((e) => e.reason === 'Pulled')!;
    expect(asked % 1000).not.toBe(0);
    expect(pulled.message).toContain(`in 20s (${(pulled.firstTime - asked) / 1000}s including waiting)`);
  });

  it('a failing pull: ErrImagePull, then ImagePullBackOff, pulls again at 10, 30, 70 s (back-off doubling), the pod stays Pending', () => {
    const sim = cluster([node('w'), app('web', 'w', 'fail', { image: 'web:1.27x' })]);
    sim.advanceTo(s(1));
    const ref = 'docker.io/library/web:1.27x';
    const error = `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
    expect(reasons(sim, 'web')).toEqual(['Pulling: Pulling image "web:1.27x"', `Failed: Failed to pull image "web:1.27x": ${error}`, 'Failed: Error: ErrImagePull']);
    expect(waiting(pod(sim, 'web'))).toEqual({ reason: 'ErrImagePull', message: error });
    sim.advanceTo(s(21));
    expect(waiting(pod(sim, 'web'))).toEqual({ reason: 'ImagePullBackOff', message: `Back-off pulling image "web:1.27x": ErrImagePull: ${error}` });
    const backOff = events(sim, 'web').find((e) => e.reason === 'BackOff')!;
    expect(backOff).toMatchObject({ type: 'Normal', message: 'Back-off pulling image "web:1.27x"', firstTime: s(21) });
    expect(events(sim, 'web').find((e) => e.message === 'Error: ImagePullBackOff')!.type).toBe('Warning');
    sim.advanceTo(s(100));
    const pulling = events(sim, 'web').find((e) => e.reason === 'Pulling')!;
    expect(pulling.count).toBe(4); // at 1, 11, 31 and 71 s
    expect(pulling.lastTime).toBe(s(71));
    expect(backOff.count).toBeLessThan(events(sim, 'web').find((e) => e.reason === 'BackOff')!.count);
    expect(pod(sim, 'web').status!.phase).toBe('Pending');
    expect(sim.store.get<Node>('Node', undefined, 'w')!.status!.images).toBeUndefined();
  });

  it('imagePullPolicy Never with the image absent: ErrImageNeverPull with the upstream message', () => {
    const sim = cluster([node('w'), app('web', 'w', '20s', { policy: 'Never' })]);
    sim.advanceTo(s(2));
    const message = 'Container image "web:1.0" is not present with pull policy of Never';
    expect(reasons(sim, 'web')).toEqual([`ErrImageNeverPull: ${message}`, 'Failed: Error: ErrImageNeverPull']);
    expect(events(sim, 'web')[0].type).toBe('Warning');
    expect(waiting(pod(sim, 'web'))).toEqual({ reason: 'ErrImageNeverPull', message });
  });

  it('Always (here the default for :latest) pulls again even when the node has the image; IfNotPresent does not', () => {
    const sim = cluster([node('w'), app('one', 'w', '20s', { image: 'shop' }), app('tagged', 'w', '5s', { image: 'shop:2' })]);
    sim.advanceTo(s(40));
    sim.store.create(app('two', 'w', '20s', { image: 'shop' }));
    sim.store.create(app('again', 'w', '5s', { image: 'shop:2' }));
    sim.advanceTo(s(42));
    expect(reasons(sim, 'two').slice(0, 2)).toEqual(['Pulling: Pulling image "shop"', expect.stringMatching(/^Pulled: Successfully pulled image "shop" in 0s \(0s including waiting\)/)]);
    expect(reasons(sim, 'again')[0]).toMatch(/already present on machine/);
  });

  it('a kubelet restart keeps the images (on disk): the restarted pod does not pull again', () => {
    const sim = cluster([node('w'), app('web', 'w', '20s')]);
    sim.advanceTo(s(30));
    sim.dispatch({ action: 'killNode', node: 'w' });
    sim.advanceTo(s(40));
    sim.dispatch({ action: 'restoreNode', node: 'w' });
    sim.advanceTo(s(60));
    expect(events(sim, 'web').filter((e) => e.reason === 'Pulling')[0].count).toBe(1);
    expect(pod(sim, 'web').status!.phase).toBe('Running');
  });

  it('a power loss in the middle of a pull loses it: after the boot the node pulls again from the start', () => {
    const sim = cluster([node('w'), app('web', 'w', '20s')]);
    sim.advanceTo(s(10));
    sim.dispatch({ action: 'killNode', node: 'w' });
    sim.advanceTo(s(15));
    sim.dispatch({ action: 'restoreNode', node: 'w' });
    sim.advanceTo(s(30));
    expect(pod(sim, 'web').status!.phase).toBe('Pending');
    expect(sim.store.get<Node>('Node', undefined, 'w')!.status!.images).toBeUndefined();
    sim.advanceTo(s(60));
    // The restarted kubelet's events open new rows (its event correlator starts empty).
    const pulling = events(sim, 'web').filter((e) => e.reason === 'Pulling');
    expect(pulling.map((e) => e.count)).toEqual([1, 1]);
    const pulled = events(sim, 'web').find((e) => e.reason === 'Pulled')!;
    expect(pulled.firstTime - pulling[1].firstTime).toBe(s(20));
    expect(pulled.message).toMatch(/in 20s \(20s including waiting\)/);
    expect(pod(sim, 'web').status!.phase).toBe('Running');
  });
});

describe('image facts', () => {
  it('pull policy defaults as the API server does', () => {
    expect(pullPolicyOf({ image: 'nginx' })).toBe('Always');
    expect(pullPolicyOf({ image: 'nginx:latest' })).toBe('Always');
    expect(pullPolicyOf({ image: 'nginx:1.27' })).toBe('IfNotPresent');
    expect(pullPolicyOf({ image: 'registry:5000/app' })).toBe('Always');
    expect(pullPolicyOf({ image: 'nginx@sha256:abc' })).toBe('IfNotPresent');
    expect(pullPolicyOf({ image: 'nginx', imagePullPolicy: 'Never' })).toBe('Never');
  });
  it('names images as containerd stores them', () => {
    expect(normalizedImage('nginx')).toBe('docker.io/library/nginx:latest');
    expect(normalizedImage('bitnami/redis:7')).toBe('docker.io/bitnami/redis:7');
    expect(normalizedImage('registry.k8s.io/pause:3.10')).toBe('registry.k8s.io/pause:3.10');
    expect(normalizedImage('localhost:5000/app')).toBe('localhost:5000/app:latest');
  });
  it('validates the annotation', () => {
    expect(validateImagePullAnnotation({ annotations: { [IMAGE_PULL_ANNOTATION]: '20s' } }, 'metadata')).toEqual([]);
    expect(validateImagePullAnnotation({ annotations: { [IMAGE_PULL_ANNOTATION]: 'fail' } }, 'metadata')).toEqual([]);
    const [p] = validateImagePullAnnotation({ annotations: { [IMAGE_PULL_ANNOTATION]: 'slow' } }, 'spec.template.metadata');
    expect(p.field).toBe('spec.template.metadata.annotations[podscape.dev/image-pull]');
    expect(p.message).toMatch(/^Invalid value: "slow": must be a pull duration such as "20s", or "fail"/);
  });
});
