import { describe, expect, it } from 'vitest';
import type { Frame, NodeFrame, PodFrame } from '../../../../protocol/engine-api';
import { clusterSvg, xmlText } from './cluster-svg';

import { frame as baseFrame, node as baseNode, pod as basePod } from '../../../../protocol/frame-fixtures';

const amounts = { cpu: 1000, memory: 1 << 30, pods: 110 };
const node = (name: string, over: Partial<NodeFrame> = {}): NodeFrame =>
  baseNode(name, { allocatable: amounts, requested: { cpu: 950, memory: 0, pods: 1 }, ...over });
const pod = (name: string, nodeName: string | null, namespace = 'default'): PodFrame => basePod(name, nodeName, { namespace });
const frame = (nodes: NodeFrame[], pods: PodFrame[]): Frame => baseFrame({ time: 65_000, nodes, pods });

describe('the cluster picture', () => {
  it('draws every node and pod, with unbound pods in the pending tray', () => {
    const { svg, width, height } = clusterSvg(frame([node('a'), node('b', { status: 'NotReady' })], [pod('web-1', 'a'), pod('db-0', 'b', 'shop'), pod('big', null)]), 'Demo');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<g data-node="a">');
    expect(svg).toContain('<g data-node="b">');
    expect(svg).toContain('stroke-dasharray'); // the NotReady node is dashed
    expect(svg).toContain('data-pod="shop/db-0"');
    const tray = svg.slice(svg.indexOf('<g data-pending-tray'));
    expect(tray).toContain('data-pod="default/big"');
    expect(tray).toContain('Pending pods (1)');
    expect(svg).toContain('Demo · cluster time 00:01:05 · 2 nodes, 3 pods');
    expect(svg).toContain('95%'); // cpu 950m of 1000m
    expect(width).toBe(24 * 2 + 2 * 300 + 16);
    expect(height).toBeGreaterThan(200);
  });

  it('writes names as escaped text, never as markup', () => {
    const evil = '<script>alert("x")</script>&';
    const { svg } = clusterSvg(frame([node(evil)], [pod(evil, evil)]), evil);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;');
    expect(xmlText(`a'b`)).toBe('a&apos;b');
    // Well-formed: a DOMParser-free check that every tag opened is closed.
    const opened = (svg.match(/<g[ >]/g) ?? []).length;
    expect((svg.match(/<\/g>/g) ?? []).length).toBe(opened);
  });
});
