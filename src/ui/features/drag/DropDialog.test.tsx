import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PodFrame } from '../../../protocol/engine-api';
import { DropDialogView } from './DropDialog';
import { planDrop } from './drop-plan';
import type { PendingDrop } from './drag-store';

const pod = (over: Partial<PodFrame> = {}): PodFrame => ({
  uid: 'u1',
  namespace: 'default',
  name: 'batch',
  phase: 'Pending',
  nodeName: null,
  deletionTimestamp: null,
  ready: false,
  owner: null,
  requests: { cpu: 1000, memory: 0 },
  unreachableToleration: 300,
  evictionAt: null,
  ...over,
});

const render = (p: PodFrame, node: string, verdict: Parameters<typeof planDrop>[2]) => {
  const plan = planDrop(p, node, verdict) as PendingDrop['plan'];
  return renderToStaticMarkup(<DropDialogView pending={{ pod: p, node, plan }} onConfirm={() => {}} onCancel={() => {}} />);
};

describe('DropDialogView', () => {
  it('lists the filter reasons of a rejecting node and offers Bind anyway or Cancel', () => {
    const html = render(pod(), 'tiny', { kind: 'rejects', reasons: ['Insufficient cpu', 'Insufficient memory'], plugins: ['NodeResourcesFit'] });
    expect(html).toContain('aria-labelledby="drop-dialog-title"');
    expect(html).toContain('>Node tiny rejects pod batch</h2>');
    expect(html).toMatch(/<li>Insufficient cpu<\/li><li>Insufficient memory<\/li>/);
    expect(html).toMatch(/>Bind anyway<\/button>.*>Cancel drop<\/button>/);
  });

  it('says a bound pod cannot move: a controller replaces it, a bare pod is recreated on the target', () => {
    const owned = render(pod({ nodeName: 'a', phase: 'Running', owner: { kind: 'ReplicaSet', name: 'web-5d' } }), 'b', { kind: 'fits', score: 120, best: false });
    expect(owned).toContain('>Move pod batch to node b?</h2>');
    expect(owned).toContain('Kubernetes cannot move a pod');
    expect(owned).toContain('belongs to ReplicaSet web-5d');
    expect(owned).toContain('fits — score 120');
    expect(owned).toContain('>Delete pod</button>');
    const bare = render(pod({ nodeName: 'a', phase: 'Running' }), 'b', undefined);
    expect(bare).toContain('kubectl replace --force --grace-period=0');
    expect(bare).toContain('>Delete and recreate on b</button>');
    expect(bare).toContain('its verdict is not known');
  });

  it('renders names as text', () => {
    const html = render(pod({ name: '<img src=x>' }), 'n', { kind: 'rejects', reasons: ['<b>x</b>'], plugins: ['P'] });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>x');
    expect(html).toContain('&lt;img src=x&gt;');
  });
});
