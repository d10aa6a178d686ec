/**
 * Image pulls (branch images31) played through `podscape run FILE --until T --output json`
 * (fixture ./run-cases/image-pull-node-kill.yaml, whose header derives every time below from
 * upstream's pkg/kubelet/images image_manager.go, kuberuntime_container.go startContainer and
 * client-go's flowcontrol.Backoff): a Deployment's pod pulls its image on first start, its node
 * is killed, and the replacement on another node pulls again unless that node had the image;
 * an image that cannot be pulled cycles ErrImagePull / ImagePullBackOff.
 */
import { describe, expect, it } from 'vitest';
import { events, obj, pods, run, runEdited, s, type Doc, type Obj } from './held-out';

const FILE = 'image-pull-node-kill.yaml';
const waiting = (o: Obj | undefined) => (o?.status?.containerStatuses as { state: { waiting?: { reason: string; message?: string } } }[] | undefined)?.[0]?.state.waiting;
const webPods = (d: Doc) => pods(d).filter((p) => p.metadata.name.startsWith('web-'));
/** The kubelet's events of one pod as `t reason: message` lines, in order (the golden). */
const kubeletLines = (d: Doc, name: string) =>
  d.events.filter((e) => e.object === `Pod/default/${name}` && e.source === 'kubelet').map((e) => `${e.firstTime / 1000} ${e.reason}: ${e.message}`);
const SIZE = 132026778;
/** The fixture without the `warm` pod, so worker-2 never pulls shop:2 before the replacement comes. */
const withoutWarm = (until: string) => runEdited(FILE, (t) => t.replace(/---\napiVersion: v1\nkind: Pod\nmetadata:\n {2}name: warm[\s\S]*?(?=---)/, ''), until);

describe('a Deployment pod pulls on first start; the replacement after a node kill (image_manager.go)', () => {
  it('pulls for 20 s: Pending and ContainerCreating at 10 s, Running from 21 s', () => {
    const at10 = webPods(run(FILE, '10s'))[0];
    expect(at10.status?.phase).toBe('Pending');
    expect(waiting(at10)).toEqual({ reason: 'ContainerCreating' });
    const d = run(FILE, '30s');
    const web = webPods(d)[0];
    expect(web.spec?.nodeName).toBe('worker-1');
    expect(web.status?.phase).toBe('Running');
    expect(kubeletLines(d, web.metadata.name)).toEqual([
      '1 Pulling: Pulling image "shop:2"',
      `21 Pulled: Successfully pulled image "shop:2" in 20s (20s including waiting). Image size: ${SIZE} bytes.`,
      '21 Created: Container created',
      '21 Started: Container started',
    ]);
    expect(obj(d, 'Node', 'worker-1')?.status?.images).toEqual([{ names: ['docker.io/library/shop:2'], sizeBytes: SIZE }]);
    expect(obj(d, 'Node', 'worker-3')?.status?.images).toBeUndefined();
  });

  it('the replacement on worker-2, which pulled the image for `warm`, starts without a pull', () => {
    const d = run(FILE, '8m');
    const replacement = webPods(d).find((p) => p.spec?.nodeName === 'worker-2')!;
    expect(replacement.status?.phase).toBe('Running');
    const lines = kubeletLines(d, replacement.metadata.name);
    expect(lines).toEqual(['416.1 Pulled: Container image "shop:2" already present on machine and can be accessed by the pod', '416.1 Created: Container created', '416.1 Started: Container started']);
  });

  it('without `warm`, worker-2 never had the image: the replacement pulls it for 20 s, Running only then', () => {
    const d = withoutWarm('8m');
    expect(obj(d, 'Pod', 'warm')).toBeUndefined();
    const replacement = webPods(d).find((p) => p.spec?.nodeName === 'worker-2')!;
    expect(kubeletLines(d, replacement.metadata.name)).toEqual([
      '416.1 Pulling: Pulling image "shop:2"',
      `436.1 Pulled: Successfully pulled image "shop:2" in 20s (20s including waiting). Image size: ${SIZE} bytes.`,
      '436.1 Created: Container created',
      '436.1 Started: Container started',
    ]);
    const at430 = webPods(withoutWarm('430s')).find((p) => p.spec?.nodeName === 'worker-2')!;
    expect(at430.status?.phase).toBe('Pending');
    expect(waiting(at430)).toEqual({ reason: 'ContainerCreating' });
  });
});

describe('an image that cannot be pulled (podscape.dev/image-pull: fail)', () => {
  const ref = 'docker.io/library/shop:2.O';
  const error = `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;

  it('fails at once: Failed with the runtime error, Error: ErrImagePull, waiting ErrImagePull', () => {
    const d = run(FILE, '5s');
    expect(kubeletLines(d, 'typo')).toEqual(['1 Pulling: Pulling image "shop:2.O"', `1 Failed: Failed to pull image "shop:2.O": ${error}`, '1 Failed: Error: ErrImagePull']);
    expect(waiting(obj(d, 'Pod', 'typo'))).toEqual({ reason: 'ErrImagePull', message: error });
  });

  it('cycles through the back-off: ImagePullBackOff between pulls at 1, 11, 31, 71, 151 and 311 s, Pending all along', () => {
    const reason = (t: string) => waiting(obj(run(FILE, t), 'Pod', 'typo'))?.reason;
    expect([reason('10s'), reason('12s'), reason('21s'), reason('32s'), reason('70s'), reason('72s'), reason('150s'), reason('152s'), reason('310s'), reason('312s')]).toEqual([
      'ErrImagePull',
      'ErrImagePull',
      'ImagePullBackOff',
      'ErrImagePull',
      'ImagePullBackOff',
      'ErrImagePull',
      'ImagePullBackOff',
      'ErrImagePull',
      'ImagePullBackOff',
      'ErrImagePull',
    ]);
    const d = run(FILE, '100s');
    const backOff = events(d, 'BackOff', 'Pod/default/typo')[0];
    expect([backOff.type, backOff.message, backOff.firstTime]).toEqual(['Normal', 'Back-off pulling image "shop:2.O"', s(21)]);
    expect(waiting(obj(d, 'Pod', 'typo'))?.message).toBe(`Back-off pulling image "shop:2.O": ErrImagePull: ${error}`);
    expect(obj(run(FILE, '8m'), 'Pod', 'typo')?.status?.phase).toBe('Pending');
  });
});
