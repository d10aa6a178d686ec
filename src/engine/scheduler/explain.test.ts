import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../model/types';
import { Simulation } from '../sim/simulation';
import { makeNode, makePod } from '../testing/builders';
import { explainPod } from './batch';
import { UnknownPodError } from './explain';

const total = (scores: Record<string, number>) => Object.values(scores).reduce((a, b) => a + b, 0);

/** big (4 cpu, 8Gi), small (1 cpu, 1Gi), tainted (4 cpu, dedicated=gpu:NoSchedule), ssd (4 cpu, disktype=ssd). */
function cluster(): KubeObject[] {
  return [
    makeNode('big').capacity({ cpu: '4', memory: '8Gi' }).obj(),
    makeNode('small').capacity({ cpu: '1', memory: '1Gi' }).obj(),
    makeNode('tainted').capacity({ cpu: '4', memory: '8Gi' }).taint({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }).obj(),
    makeNode('ssd').capacity({ cpu: '4', memory: '8Gi' }).label('disktype', 'ssd').obj(),
  ];
}

function manual(pod: Pod): Pod {
  pod.spec.schedulerName = 'manual';
  return pod;
}

function live(objects: KubeObject[]): Simulation {
  const sim = new Simulation({ seed: 7 });
  sim.load(objects);
  sim.advanceTo(0);
  return sim;
}

describe('Simulation.explain (the live scheduler)', () => {
  it('gives a pending pod the filter verdict of every node and scores the feasible ones', () => {
    const sim = live([...cluster(), manual(makePod('web').req({ cpu: '2', memory: '2Gi' }).obj())]);
    const r = sim.explain('default/web');
    expect(r).toMatchObject({ namespace: 'default', name: 'web', boundNode: null, profile: 'default-scheduler', profileFallback: true, message: '' });
    expect(Object.keys(r.filter).sort()).toEqual(['big', 'small', 'ssd', 'tainted']);
    expect(r.filter.small.NodeResourcesFit).toEqual(['Insufficient cpu', 'Insufficient memory']);
    expect(r.filter.tainted.TaintToleration).toEqual(['node(s) had untolerated taint(s)']);
    expect(Object.values(r.filter.big).every((v) => v === 'passed')).toBe(true);
    expect(Object.keys(r.score).sort()).toEqual(['big', 'ssd']);
    // Weighted: TaintToleration ×3, NodeAffinity ×2 and so on, as the scheduler adds them up.
    expect(r.finalScore.big.TaintToleration).toBe(r.score.big.TaintToleration * 3);
    expect(total(r.finalScore.big)).toBeGreaterThan(0);
    expect(['big', 'ssd']).toContain(r.selectedNode);
  });

  it('rejects a node by nodeSelector with the NodeAffinity reason', () => {
    const sim = live([...cluster(), makePod('db').req({ cpu: '1' }).nodeSelector({ disktype: 'ssd' }).obj()]);
    // The scheduler already placed it; explain evaluates it as if it were not.
    expect(sim.store.get<Pod>('Pod', 'default', 'db')?.spec.nodeName).toBe('ssd');
    const r = sim.explain('default/db');
    expect(r.boundNode).toBe('ssd');
    expect(r.profileFallback).toBe(false);
    expect(r.filter.big.NodeAffinity).toEqual(["node(s) didn't match Pod's node affinity/selector"]);
    expect(Object.values(r.filter.ssd).every((v) => v === 'passed')).toBe(true);
    expect(Object.keys(r.score)).toEqual(['ssd']); // scored even alone, so a drag can show a number
    expect(r.selectedNode).toBe('ssd');
  });

  it('evaluates a bound pod as if unbound: its own requests no longer count on its node', () => {
    const sim = live([
      makeNode('a').capacity({ cpu: '2', memory: '4Gi' }).obj(),
      makeNode('b').capacity({ cpu: '1', memory: '4Gi' }).obj(),
      makePod('hog').req({ cpu: '1500m' }).node('a').obj(),
    ]);
    const r = sim.explain('default/hog');
    expect(r.boundNode).toBe('a');
    expect(r.filter.a.NodeResourcesFit).toBe('passed'); // 1.5 of 2 cpu, with itself taken off
    expect(r.filter.b.NodeResourcesFit).toEqual(['Insufficient cpu']);
    expect(r.selectedNode).toBe('a');
    // A second pod of the same size sees the hog where it is.
    sim.dispatch({ action: 'apply', object: manual(makePod('twin').req({ cpu: '1500m' }).obj()) });
    expect(sim.explain('default/twin').filter.a.NodeResourcesFit).toEqual(['Insufficient cpu']);
  });

  it('changes nothing: a simulation that explains replays like one that does not', () => {
    const objects = () => [
      ...cluster(),
      makePod('a').req({ cpu: '1' }).label('app', 'x').obj(),
      makePod('b').req({ cpu: '1' }).label('app', 'x').obj(),
      makePod('c').req({ cpu: '1' }).label('app', 'x').spreadConstraint({ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'x' } } }).obj(),
    ];
    const quiet = live(objects());
    const chatty = live(objects());
    for (const key of ['default/a', 'default/b', 'default/c', 'default/a']) chatty.explain(key);
    const more = (i: number) => makePod(`m${i}`).req({ cpu: '500m' }).label('app', 'x').spreadConstraint({ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'x' } } }).obj();
    for (let i = 0; i < 6; i++) {
      quiet.dispatch({ action: 'apply', object: more(i) });
      chatty.dispatch({ action: 'apply', object: more(i) });
      chatty.explain(`default/m${i}`);
      chatty.explain('default/a');
    }
    quiet.advanceTo(60_000);
    chatty.advanceTo(60_000);
    expect(chatty.objects()).toEqual(quiet.objects());
    expect(chatty.events()).toEqual(quiet.events());
  });

  it('says which pod it cannot find', () => {
    const sim = live(cluster());
    expect(() => sim.explain('default/ghost')).toThrow(UnknownPodError);
    expect(() => sim.explain('default/ghost')).toThrow('pod default/ghost not found');
    expect(() => sim.explain('ghost')).toThrow('pod ghost not found');
  });
});

describe('explainPod (the CLI, over a list of objects)', () => {
  it('takes a bound pod too, as if unbound', () => {
    const objs: KubeObject[] = [
      makeNode('a').capacity({ cpu: '2' }).obj(),
      makeNode('b').capacity({ cpu: '1' }).obj(),
      makePod('hog').req({ cpu: '1500m' }).node('a').obj(),
    ];
    const r = explainPod(objs, 'default/hog');
    expect(r.boundNode).toBe('a');
    expect(r.filter.a.NodeResourcesFit).toBe('passed');
    expect(r.filter.b.NodeResourcesFit).toEqual(['Insufficient cpu']);
    expect(r.selectedNode).toBe('a');
  });

  it('still refuses an unknown pod', () => {
    expect(() => explainPod(cluster(), 'default/nope')).toThrow(UnknownPodError);
  });
});
