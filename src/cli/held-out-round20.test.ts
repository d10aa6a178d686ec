/**
 * Held-out timelines (round 20), each a scenario in ./run-cases played through `podscape run FILE
 * --until T --output json` and checked against upstream (the upstream source is named in each
 * fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { events, run, s } from './held-out';

describe("the kubelet's container events in v1.36 (container-events.yaml)", () => {
  const d = () => run('container-events.yaml', '60s');
  const rows = (pod: string, reason: string) =>
    events(d(), reason, `Pod/default/${pod}`).map((e) => [e.message, e.fieldPath, e.count, e.firstTime, e.source, e.type]);

  it('Pulled says the image can be accessed by the pod (KubeletEnsureSecretPulledImages, on since v1.35); one row a container, two for two containers of one image', () => {
    const msg = (image: string) => `Container image "${image}" already present on machine and can be accessed by the pod`;
    expect(rows('pair', 'Pulled')).toEqual([
      [msg('busybox'), 'spec.containers{app}', 1, s(1), 'kubelet', 'Normal'],
      [msg('busybox'), 'spec.containers{log}', 1, s(1), 'kubelet', 'Normal'],
    ]);
    expect(rows('solo', 'Pulled')).toEqual([[msg('nginx'), 'spec.containers{web}', 1, s(1), 'kubelet', 'Normal']]);
  });

  it('Created and Started carry no container name (kubernetes#134043); the fieldPath names the container', () => {
    expect(rows('pair', 'Created')).toEqual([
      ['Container created', 'spec.containers{app}', 1, s(1), 'kubelet', 'Normal'],
      ['Container created', 'spec.containers{log}', 1, s(1), 'kubelet', 'Normal'],
    ]);
    expect(rows('pair', 'Started')).toEqual([
      ['Container started', 'spec.containers{app}', 1, s(1), 'kubelet', 'Normal'],
      ['Container started', 'spec.containers{log}', 1, s(1), 'kubelet', 'Normal'],
    ]);
    expect(rows('solo', 'Started')).toEqual([['Container started', 'spec.containers{web}', 1, s(1), 'kubelet', 'Normal']]);
  });

  it('each container is pulled, created and started in turn (the rows in that order); Killing keeps its wording, one row a container', () => {
    const pair = d().events.filter((e) => e.object === 'Pod/default/pair' && e.source === 'kubelet');
    expect(pair.map((e) => `${e.reason} ${e.fieldPath}`)).toEqual([
      'Pulled spec.containers{app}',
      'Created spec.containers{app}',
      'Started spec.containers{app}',
      'Pulled spec.containers{log}',
      'Created spec.containers{log}',
      'Started spec.containers{log}',
      'Killing spec.containers{app}',
      'Killing spec.containers{log}',
    ]);
    expect(rows('pair', 'Killing')).toEqual([
      ['Stopping container app', 'spec.containers{app}', 1, s(20), 'kubelet', 'Normal'],
      ['Stopping container log', 'spec.containers{log}', 1, s(20), 'kubelet', 'Normal'],
    ]);
  });
});
