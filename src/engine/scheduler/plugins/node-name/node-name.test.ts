import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state';
import { NodeInfo } from '../../framework/node-info';
import { Code } from '../../framework/status';
import { makeNode, makePod } from '../../../testing/builders';
import { NodeNamePlugin, nodeNameFactory } from './node-name';

describe('NodeName', () => {
  const pl = new NodeNamePlugin();
  const cases: { name: string; podNodeName: string | undefined; node: string; fails: boolean }[] = [
    { name: 'pod without nodeName fits any node', podNodeName: undefined, node: 'foo', fails: false },
    { name: 'empty nodeName fits any node', podNodeName: '', node: 'foo', fails: false },
    { name: 'pod names this node', podNodeName: 'foo', node: 'foo', fails: false },
    { name: 'pod names another node', podNodeName: 'bar', node: 'foo', fails: true },
  ];
  it.each(cases)('$name', ({ podNodeName, node, fails }) => {
    const b = makePod('p').container();
    if (podNodeName !== undefined) b.node(podNodeName);
    const s = pl.filter(new CycleState(), b.info(), new NodeInfo(makeNode(node).obj()));
    if (!fails) {
      expect(s).toBeNull();
    } else {
      expect(s?.code).toBe(Code.UnschedulableAndUnresolvable);
      expect(s?.reasons).toEqual(["node(s) didn't match the requested node name"]);
    }
  });

  it('the factory builds the plugin under its upstream name', () => {
    expect(nodeNameFactory.create(undefined, {} as never).name).toBe('NodeName');
  });
});
