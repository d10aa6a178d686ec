import { describe, expect, it } from 'vitest';
import type { Taint } from '../../../engine/model/types';
import { createInProcessClient, createManualTicker } from '../../bridge/in-process-client';
import { nodeEditCommand, nodeEditCommandFor } from './node-commands';
import { labelNode, parseTaintSpecs, taintAdvice, taintNode } from './node-edit';

const GPU: Taint = { key: 'gpu', value: 'yes', effect: 'NoSchedule' };
const node = (taints: Taint[] = [], labels: Record<string, string> = {}) => ({ name: 'worker-1', taints, labels, unschedulable: false });

describe('kubectl taint node', () => {
  it('adds a taint with and without a value, new ones first, and says "tainted"', () => {
    expect(taintNode(node([GPU]), 'dedicated=db:NoExecute spot:PreferNoSchedule')).toEqual({
      taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }, { key: 'spot', effect: 'PreferNoSchedule' }, GPU],
      messages: ['node/worker-1 tainted'],
    });
  });

  it('removes by key and effect or by key alone, and says "untainted"', () => {
    const two: Taint[] = [GPU, { key: 'gpu', effect: 'NoExecute' }, { key: 'x', effect: 'NoSchedule' }];
    expect(taintNode(node(two), 'gpu:NoExecute-').taints).toEqual([GPU, { key: 'x', effect: 'NoSchedule' }]);
    expect(taintNode(node(two), 'gpu-')).toEqual({ taints: [{ key: 'x', effect: 'NoSchedule' }], messages: ['node/worker-1 untainted'] });
  });

  it('keeps the timeAdded of the taints it leaves, and gives a new one none', () => {
    const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-01-01T00:01:00Z' };
    expect(taintNode(node([unreachable]), 'a=b:NoExecute').taints).toEqual([{ key: 'a', value: 'b', effect: 'NoExecute' }, unreachable]);
  });

  it("refuses with kubectl's words, leaving nothing to apply", () => {
    const refuse = (text: string, taints: Taint[] = [GPU]) => () => taintNode(node(taints), text);
    expect(refuse('gpu=no:NoSchedule')).toThrow('Node worker-1 already has gpu taint(s) with same effect(s) and --overwrite is false');
    expect(refuse('gpu=yes')).toThrow('invalid taint spec: gpu=yes');
    expect(refuse('gpu=yes:NoRun')).toThrow('invalid taint effect: NoRun, unsupported taint effect');
    expect(refuse('a=b=c:NoSchedule')).toThrow('invalid taint spec: a=b=c:NoSchedule');
    expect(refuse('a:b:NoSchedule')).toThrow('invalid taint spec: a:b:NoSchedule');
    expect(refuse('Bad_Key!:NoSchedule')).toThrow(/^invalid taint spec: Bad_Key!:NoSchedule, name part must consist of alphanumeric characters/);
    expect(refuse('a=b c:NoSchedule')).toThrow('invalid taint spec: a=b'); // a space ends the argument, as in a shell
    expect(refuse('missing:NoSchedule-')).toThrow('taint "missing:NoSchedule" not found');
    expect(refuse('   ')).toThrow('at least one taint update is required');
    expect(() => parseTaintSpecs(['a=1:NoSchedule', 'a=2:NoSchedule'])).toThrow('duplicated taints with the same key and effect: {a 2 NoSchedule <nil>}');
  });

  it('adds plain words when a taint to add names no effect', () => {
    expect(taintAdvice('a=b:NoSchedule dedicated=db')).toBe('A taint to add needs an effect after a colon: dedicated=db:NoSchedule, dedicated=db:PreferNoSchedule or dedicated=db:NoExecute.');
    expect(taintAdvice('a=b:NoRun gpu-')).toBeNull();
  });

  it('with --overwrite replaces the taint of the same key and effect and says "modified"', () => {
    expect(taintNode(node([GPU]), 'gpu=no:NoSchedule', true)).toEqual({ taints: [{ key: 'gpu', value: 'no', effect: 'NoSchedule' }], messages: ['node/worker-1 modified'] });
  });
});

describe('kubectl label node', () => {
  it('sets and removes labels (a removed one as null) with kubectl\'s lines', () => {
    expect(labelNode(node([], { a: '1' }), 'disk=ssd')).toEqual({
      labels: { a: '1', disk: 'ssd' },
      messages: ['node/worker-1 labeled'],
      command: { action: 'label', kind: 'Node', namespace: 'default', name: 'worker-1', changes: ['disk=ssd'] },
    });
    expect(labelNode(node([], { a: '1' }), 'a-')).toMatchObject({ labels: { a: null }, messages: ['node/worker-1 unlabeled'] });
    expect(labelNode(node([], { a: '1' }), 'a- b=2').messages).toEqual(['node/worker-1 label(s) changed']);
    // label.go's validateNoOverwrites: any existing key is refused without --overwrite, even with its own value.
    expect(() => labelNode(node([], { a: '1' }), 'a=1')).toThrow("'a' already has a value (1), and --overwrite is false");
    expect(labelNode(node([], { a: '1' }), 'a=1', true).messages).toEqual(['node/worker-1 not labeled']);
    expect(labelNode(node([], { a: '1' }), 'zz-').messages).toEqual(['label "zz" not found.', 'node/worker-1 not labeled']);
  });

  it('a label named like a property of every JavaScript object (constructor, __proto__) is a label like any other', () => {
    expect(labelNode(node([], { a: '1' }), 'constructor-').messages).toEqual(['label "constructor" not found.', 'node/worker-1 not labeled']);
    expect(labelNode(node([], { a: '1' }), 'toString=x')).toMatchObject({ labels: { a: '1', toString: 'x' }, messages: ['node/worker-1 labeled'] });
    expect(() => labelNode(node([], { a: '1' }), '__proto__=x')).toThrow(/^The Node "worker-1" is invalid: metadata.labels: Invalid value: "__proto__": name part must consist/);
  });

  it("refuses with kubectl's (and, for a key, the API server's) words", () => {
    const refuse = (text: string) => () => labelNode(node([], { a: '1' }), text);
    expect(refuse('a=2')).toThrow("'a' already has a value (1), and --overwrite is false");
    expect(refuse('a=b=c')).toThrow('invalid label spec: a=b=c');
    expect(refuse('a')).toThrow('unknown label spec: a');
    expect(refuse('x=bad!')).toThrow(/^invalid label value: "x=bad!": a valid label must be an empty string/);
    expect(refuse('b=1 b-')).toThrow('can not both modify and remove a label in the same command');
    expect(refuse('Bad Key=1')).toThrow('unknown label spec: Bad');
    expect(refuse('-x=1')).toThrow(/^The Node "worker-1" is invalid: metadata.labels: Invalid value: "-x": name part must consist/);
    expect(labelNode(node([], { a: '1' }), 'a=2', true).labels).toEqual({ a: '2' });
  });
});

describe('nodeEditCommand, applied by the engine', () => {
  const SCENARIO = `apiVersion: v1
kind: Node
metadata: { name: w1, labels: { zone: a } }
status: { allocatable: { cpu: "4", memory: 8Gi, pods: "110" } }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: default }
spec: { containers: [{ name: c, image: nginx }] }
`;

  it('keeps what the user applied to the node before: its annotations and fields stay, and a later Apply YAML still compares with them', async () => {
    const client = createInProcessClient({ ticker: createManualTicker() });
    await client.load(SCENARIO);
    await client.step(1_000);
    const mine = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'w1', labels: { zone: 'a', tier: 'db' }, annotations: { owner: 'team-a' } }, spec: { providerID: 'kind://w1' } };
    expect(await client.dispatch({ action: 'apply', object: mine })).toMatchObject({ ok: true });
    let frame = (await client.snapshot())!;
    const w1 = () => frame.nodes.find((n) => n.name === 'w1')!;
    for (const [verb, args] of [['label', 'disk=ssd'], ['taint', 'dedicated=db:NoSchedule'], ['label', 'tier-']] as const) {
      const change = verb === 'label' ? labelNode(w1(), args) : taintNode(w1(), args);
      expect(await client.dispatch(await nodeEditCommandFor(client, w1(), change))).toMatchObject({ ok: true });
      frame = (await client.snapshot())!;
    }
    const node = (await client.getObject('Node', null, 'w1'))! as unknown as { metadata: { labels: Record<string, string>; annotations: Record<string, string> }; spec: Record<string, unknown> };
    expect(node.metadata.annotations.owner).toBe('team-a');
    expect(node.spec.providerID).toBe('kind://w1');
    expect(node.metadata.labels).toMatchObject({ zone: 'a', disk: 'ssd' });
    expect(node.metadata.labels).not.toHaveProperty('tier');
    expect(w1().taints.map((t) => t.key)).toEqual(['dedicated']);
    client.close();
  });

  it('a NoExecute taint evicts the pod that does not tolerate it; labels come and go; nothing else is lost', async () => {
    const client = createInProcessClient({ ticker: createManualTicker() });
    await client.load(SCENARIO);
    let frame = await client.step(10_000);
    expect(frame.pods.find((p) => p.name === 'web')).toMatchObject({ nodeName: 'w1', phase: 'Running' });
    expect(await client.dispatch({ action: 'cordon', node: 'w1' })).toMatchObject({ ok: true });
    frame = (await client.snapshot())!;
    const w1 = () => frame.nodes.find((n) => n.name === 'w1')!;

    const labelled = labelNode(w1(), 'disk=ssd');
    expect(await client.dispatch(nodeEditCommand(w1(), labelled))).toMatchObject({ ok: true });
    frame = (await client.snapshot())!;
    const tainted = taintNode(w1(), 'maintenance=now:NoExecute');
    expect(await client.dispatch(nodeEditCommand(w1(), tainted))).toMatchObject({ ok: true });
    frame = await client.step(1_000);
    expect(w1().labels).toMatchObject({ zone: 'a', disk: 'ssd' });
    // The cordon's taint (the node lifecycle controller's, with its timeAdded) stays, after the new one.
    expect(w1().taints.map((t) => `${t.key}:${t.effect}:${t.timeAdded ?? '-'}`)).toEqual(['maintenance:NoExecute:-', 'node.kubernetes.io/unschedulable:NoSchedule:2026-01-01T00:00:10Z']);
    expect(w1().unschedulable).toBe(true); // still cordoned
    expect(frame.pods.find((p) => p.name === 'web')?.deletionTimestamp).not.toBeNull();

    expect(await client.dispatch(nodeEditCommand(w1(), labelNode(w1(), 'zone-')))).toMatchObject({ ok: true });
    frame = (await client.snapshot())!; // each change starts from the node as it is now, as kubectl's GET
    expect(await client.dispatch(nodeEditCommand(w1(), taintNode(w1(), 'maintenance-')))).toMatchObject({ ok: true });
    frame = (await client.snapshot())!;
    expect(w1().labels).toMatchObject({ disk: 'ssd', 'kubernetes.io/hostname': 'w1' });
    expect(w1().labels).not.toHaveProperty('zone');
    expect(w1().taints.map((t) => t.key)).toEqual(['node.kubernetes.io/unschedulable']);
    expect(w1().unschedulable).toBe(true);
    client.close();
  });
});
