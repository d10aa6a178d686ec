/**
 * In-process A/B of one re-record of a bound pod in the scheduler's Snapshot, away from the
 * rest of a recovery: a Snapshot of `nodes` nodes × 30 pods (each pod with its own labels
 * object of three labels, ~30 pods per label posting, as the recovery bench's), then batches
 * of re-records of random pods (a new object version: status.conditions or deletionTimestamp
 * changed, spec and labels shared) by the two paths alternated batch by batch:
 *   in place: PodInfo.sameButStatus + Snapshot.rerecord (branch inf10, RERECORD_IN_PLACE);
 *   new:      new PodInfo(pod, seq, spec, like) + Snapshot.replacePod (the path before).
 * Reports main-thread CPU µs per re-record (process.cpuUsage around each batch of 2,000),
 * median over the batches of each side.
 *
 *   npx tsx bench/rerecord-micro.ts [nodes=2000] [--batches B=20]
 */
import type { Pod } from '../src/engine/model/types';
import { POSTING_REFS } from '../src/engine/scheduler/framework/label-index';
import { PodInfo } from '../src/engine/scheduler/framework/pod-info';
import { Snapshot } from '../src/engine/scheduler/framework/snapshot';
import { Rng } from '../src/engine/random/rng';
import { makeNode, makePod } from '../src/engine/testing/builders';

const args = process.argv.slice(2);
const bAt = args.indexOf('--batches');
const batches = bAt >= 0 ? Number(args[bAt + 1]) : 20;
const [nodes = 2000] = args.filter((a, i) => !a.startsWith('--') && (bAt < 0 || i !== bAt + 1)).map(Number);
const BATCH = 2000;

const snap = new Snapshot();
const recorded: PodInfo[] = [];
for (let n = 0; n < nodes; n++) snap.addNode(makeNode(`node-${n}`).capacity({ cpu: '64', memory: '256Gi', pods: '110' }).obj());
let num = 0;
for (let n = 0; n < nodes; n++) {
  for (let j = 0; j < 30; j++) {
    // Deployment d's 30 pods sit on 30 consecutive nodes, as the bench places them.
    const d = n - j + 30 * Math.floor(j / 30);
    const pod = makePod(`dep-${d}-${j}-${n}`)
      .uid(`u-${num}`)
      .labels({ app: `dep-${d}`, 'pod-template-hash': `h${d}`, tier: 'web' })
      .req({ cpu: '100m', memory: '128Mi' })
      .node(`node-${n}`)
      .obj();
    const pi = new PodInfo(pod, num, pod.spec);
    pi.num = num++;
    snap.addPod(pi);
    recorded.push(pi);
  }
}
snap.prepare();

const rng = new Rng(3);
let version = 0;
/** The next version of pi's pod: a status or deletion change, spec and labels shared. */
function nextVersion(pi: PodInfo): Pod {
  const p = pi.pod;
  version++;
  return {
    ...p,
    metadata: { ...p.metadata, resourceVersion: String(version), ...(version % 3 === 0 ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: p.spec,
    status: { ...p.status, conditions: [{ type: 'DisruptionTarget', status: 'True' }] },
  } as Pod;
}

function batch(inPlace: boolean): number {
  const picks: number[] = [];
  for (let i = 0; i < BATCH; i++) picks.push(rng.intn(recorded.length));
  const pods = picks.map((i) => nextVersion(recorded[i]));
  POSTING_REFS.enabled = inPlace;
  const t = process.cpuUsage();
  for (let i = 0; i < BATCH; i++) {
    const k = picks[i];
    const was = recorded[k];
    const pod = pods[i];
    if (inPlace && was.sameButStatus(pod) && snap.rerecord(was, pod)) continue;
    const pi = new PodInfo(pod, was.seq, pod.spec, was);
    pi.num = was.num;
    snap.replacePod(was, pi);
    recorded[k] = pi;
  }
  const d = process.cpuUsage(t);
  return (d.user + d.system) / BATCH;
}

// Warm both paths.
for (let i = 0; i < 4; i++) batch(i % 2 === 0);
const on: number[] = [];
const off: number[] = [];
for (let i = 0; i < batches; i++) {
  for (const side of i % 2 === 0 ? [true, false] : [false, true]) (side ? on : off).push(batch(side));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`${nodes} nodes × 30 pods, ${batches} batches of ${BATCH} re-records per side`);
console.log(`in place: median ${median(on).toFixed(2)} µs cpu per re-record (batches ${on.map((x) => x.toFixed(2)).join(' ')})`);
console.log(`new PodInfo + replacePod: median ${median(off).toFixed(2)} µs cpu per re-record (batches ${off.map((x) => x.toFixed(2)).join(' ')})`);
