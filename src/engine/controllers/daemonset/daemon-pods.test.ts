import { describe, expect, it } from 'vitest';
import type { PodSpec } from '../../model/types';
import { addDaemonTolerations } from './daemon-pods';

const spec = (tolerations: PodSpec['tolerations']): PodSpec => ({ containers: [{ name: 'c', image: 'fluentd' }], tolerations });

describe('addDaemonTolerations (daemonset_util.go AddOrUpdateDaemonPodTolerations → AddOrUpdateTolerationInPodSpec)', () => {
  it("replaces a template's own node-loss toleration with seconds by the daemon's toleration without, in place", () => {
    const s = spec([
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
      { key: 'example.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
    ]);
    addDaemonTolerations(s);
    expect(s.tolerations).toEqual([
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'example.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
  });

  it('keeps an identical toleration once, and one with another operator or effect beside the daemon one', () => {
    const s = spec([
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Equal', effect: 'NoExecute', tolerationSeconds: 10 },
    ]);
    addDaemonTolerations(s);
    expect(s.tolerations?.filter((t) => t.key === 'node.kubernetes.io/unschedulable')).toHaveLength(1);
    expect(s.tolerations?.filter((t) => t.key === 'node.kubernetes.io/unreachable')).toEqual([
      { key: 'node.kubernetes.io/unreachable', operator: 'Equal', effect: 'NoExecute', tolerationSeconds: 10 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    ]);
  });
});
