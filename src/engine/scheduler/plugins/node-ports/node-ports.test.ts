import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state';
import { NodeInfo } from '../../framework/node-info';
import { Code } from '../../framework/status';
import { makeNode, makePod } from '../../../testing/builders';
import { NodePortsPlugin, nodePortsFactory } from './node-ports';

type Proto = 'TCP' | 'UDP' | 'SCTP';
/** "proto/ip/port" as upstream's test helper writes ports; an empty ip means unset. */
type PortSpec = `${Proto}/${string}/${number}`;

function podWithPorts(name: string, ports: PortSpec[], nodeName?: string) {
  const b = makePod(name).container();
  if (nodeName) b.node(nodeName);
  for (const spec of ports) {
    const [protocol, ip, port] = spec.split('/');
    b.hostPort(Number(port), protocol as Proto, ip);
  }
  return b.info();
}

const REASON = "node(s) didn't have free ports for the requested pod ports";

describe('NodePorts', () => {
  const cases: { name: string; want: PortSpec[]; used: PortSpec[]; fails: boolean }[] = [
    { name: 'nothing in use', want: ['TCP/127.0.0.1/8080'], used: [], fails: false },
    { name: 'same UDP port on the same IP', want: ['UDP/127.0.0.1/8080'], used: ['UDP/127.0.0.1/8080'], fails: true },
    { name: 'other UDP port', want: ['UDP/127.0.0.1/8080'], used: ['UDP/127.0.0.1/9090'], fails: false },
    { name: 'same port, other protocol', want: ['TCP/127.0.0.1/8080'], used: ['UDP/127.0.0.1/8080'], fails: false },
    { name: 'same port, SCTP vs TCP', want: ['SCTP/127.0.0.1/8080'], used: ['TCP/127.0.0.1/8080'], fails: false },
    { name: 'same port, other IP', want: ['TCP/127.0.0.1/8001'], used: ['TCP/127.0.0.2/8001'], fails: false },
    { name: 'wanted on 0.0.0.0, used on one IP', want: ['TCP/0.0.0.0/8001'], used: ['TCP/127.0.0.1/8001'], fails: true },
    { name: 'wanted on one IP, used on 0.0.0.0', want: ['TCP/127.0.0.1/8001'], used: ['TCP/0.0.0.0/8001'], fails: true },
    { name: 'unset hostIP means 0.0.0.0', want: ['TCP//8001'], used: ['TCP/10.0.0.5/8001'], fails: true },
    { name: 'unset hostIP on both sides', want: ['TCP//8001'], used: ['TCP//8001'], fails: true },
    {
      name: 'one clash among several wanted ports',
      want: ['TCP/127.0.0.1/8080', 'UDP/127.0.0.1/8081'],
      used: ['UDP/127.0.0.1/8081', 'TCP/127.0.0.1/9999'],
      fails: true,
    },
    {
      name: 'several ports, no clash',
      want: ['UDP/127.0.0.1/8080', 'UDP/127.0.0.1/8081'],
      used: ['UDP/127.0.0.1/8082', 'TCP/127.0.0.1/8080'],
      fails: false,
    },
  ];
  it.each(cases)('$name', ({ want, used, fails }) => {
    const pl = nodePortsFactory.create(undefined, {} as never);
    const node = new NodeInfo(makeNode('n1').obj());
    if (used.length > 0) node.addPod(podWithPorts('existing', used, 'n1'));
    const state = new CycleState();
    const pod = podWithPorts('p', want);
    expect(pl.preFilter!(state, pod, [node]).status).toBeNull();
    const s = pl.filter!(state, pod, node);
    if (!fails) {
      expect(s).toBeNull();
    } else {
      expect(s?.code).toBe(Code.Unschedulable);
      expect(s?.reasons).toEqual([REASON]);
    }
  });

  it('PreFilter skips a pod without host ports', () => {
    const out = new NodePortsPlugin().preFilter(new CycleState(), makePod('q').container().info(), []);
    expect(out.status?.code).toBe(Code.Skip);
  });

  it('a container port without hostPort does not count', () => {
    const b = makePod('p');
    b.container();
    b.obj().spec.containers[0].ports = [{ containerPort: 80, hostPort: 0 }];
    expect(new NodePortsPlugin().preFilter(new CycleState(), b.info(), []).status?.code).toBe(Code.Skip);
  });

  it('the port frees up when the pod holding it leaves', () => {
    const pl = new NodePortsPlugin();
    const node = new NodeInfo(makeNode('n1').obj());
    const holder = podWithPorts('holder', ['TCP//80'], 'n1');
    node.addPod(holder);
    const state = new CycleState();
    const pod = podWithPorts('p', ['TCP//80']);
    pl.preFilter(state, pod, [node]);
    expect(pl.filter(state, pod, node)?.code).toBe(Code.Unschedulable);
    node.removePod(holder);
    expect(pl.filter(state, pod, node)).toBeNull();
  });

  it('Filter without PreFilter is an error, as upstream', () => {
    const s = new NodePortsPlugin().filter(new CycleState(), podWithPorts('p', ['TCP//80']), new NodeInfo(makeNode('n').obj()));
    expect(s?.code).toBe(Code.Error);
    expect(s?.message()).toBe('reading "PreFilterNodePorts" from cycleState: not found');
  });
});
