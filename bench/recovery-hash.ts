/**
 * Behaviour fingerprint of a seeded recovery run: builds the 500-node rig (30 pods a node),
 * kills 1, then 5, then 20 nodes (each recovered and restored), and prints a SHA-256 of the
 * full event log and of the final objects. Two commits with the same hashes behaved
 * byte-identically on this run; used to check that removing a performance switch changed
 * nothing but the code.
 *
 *   npx tsx bench/recovery-hash.ts [nodes=500]
 */
import { createHash } from 'node:crypto';
import { recoveryRig } from './sim.bench';

const [nodes = 500] = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number);
const rig = recoveryRig(nodes);
const kills = [1, 5, 20].map((k) => rig.kill(k));
const sim = rig.placed.sim;
const sha = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex');
const events = sim.events();
const objects = sim.objects();
console.log(`nodes ${nodes}, time ${sim.time} ms, kills ${kills.map((k) => `${k.killed}:${k.target}/${k.rebound}`).join(' ')}`);
console.log(`events ${events.length} ${sha(events)}`);
console.log(`objects ${objects.length} ${sha(objects)}`);
