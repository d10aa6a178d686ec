/**
 * A CronJob through the app's exports (branch cron31): the scenario export loads back with the
 * CronJob's spec and status and its Jobs, and the loaded cluster goes on scheduling from its
 * lastScheduleTime; the clean manifests keep the CronJob and leave out the Jobs it made.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../engine/model/types';
import { parseManifests } from '../scenario/parse';
import { createEngineHost, createManualTicker } from './engine-host';

const FIXTURE = `apiVersion: v1
kind: Node
metadata: {name: worker-1}
status: {allocatable: {cpu: "8", memory: 16Gi, pods: "110"}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: tick, namespace: default}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        metadata: {annotations: {podscape.dev/run-duration: 20s}}
        spec:
          restartPolicy: Never
          containers: [{name: app, image: busybox}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: slow, namespace: default}
spec:
  schedule: "*/1 * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        metadata: {annotations: {podscape.dev/run-duration: 90s}}
        spec:
          restartPolicy: Never
          containers: [{name: app, image: busybox}]
`;
const byKind = (objects: readonly KubeObject[], kind: string) => objects.filter((o) => o.kind === kind);

describe('CronJob export', () => {
  it('round-trips the CronJob and its Jobs through the scenario export', () => {
    const a = createEngineHost({ ticker: createManualTicker() });
    a.load(FIXTURE, 'cron.yaml');
    a.step(150_000);
    const before = a.exportState().objects;
    const text = a.exportManifests('scenario');
    const b = createEngineHost({ ticker: createManualTicker() });
    b.load(text, 'export.yaml');
    const after = b.exportState().objects;
    const view = (o: KubeObject) => ({ name: o.metadata.name, uid: o.metadata.uid, spec: (o as { spec?: unknown }).spec, status: (o as { status?: unknown }).status });
    expect(byKind(after, 'CronJob').map(view)).toEqual(byKind(before, 'CronJob').map(view));
    expect(byKind(after, 'Job').map((o) => o.metadata.name)).toEqual(byKind(before, 'Job').map((o) => o.metadata.name));
    // tick's lastScheduleTime is 00:02; the loaded clock starts at 0 again, so its next Job is 00:03's.
    b.step(3 * 60_000 + 100);
    expect(byKind(b.exportState().objects, 'Job').map((o) => o.metadata.name)).toContain('tick-29453763');
  });

  it('keeps the CronJob in the clean manifests and leaves out its Jobs', () => {
    const a = createEngineHost({ ticker: createManualTicker() });
    a.load(FIXTURE, 'cron.yaml');
    a.step(90_000);
    const clean = parseManifests(a.exportManifests('clean')).objects;
    expect(byKind(clean, 'CronJob').map((o) => o.metadata.name)).toEqual(['slow', 'tick']);
    expect(byKind(clean, 'Job')).toEqual([]);
    expect(byKind(clean, 'CronJob').find((o) => o.metadata.name === 'slow')).toMatchObject({ spec: { schedule: '*/1 * * * *', concurrencyPolicy: 'Forbid' } });
  });
});
