/**
 * The `podscape` command: the engine headless, for scripts, tests and
 * benchmarks. Output is JSON on stdout; errors go to stderr naming the file,
 * line and field, with exit code 2.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { ConfigError, explainPod, scheduleObjects, UnknownPodError, validateObjects, type KubeObject } from '../engine/index';
import { unknownFields, unlistedUnknownFields, withUnknownFields } from '../scenario/fields/unknown-fields';
import { checkKinds } from '../scenario/kinds';
import { ManifestError, MAX_MANIFEST_BYTES, parseManifests, type Manifests } from '../scenario/parse';
import { DEFAULT_UNTIL, parseUntil, RUN_OUTPUTS, runScenario, type RunOutput } from './run';

export const USAGE = `Usage:
  podscape schedule FILE [--config KSC.yaml] [--seed N] [--no-explain]
  podscape explain FILE --pod NAMESPACE/NAME [--config KSC.yaml] [--nodes a,b,…] [--seed N]
  podscape run FILE [--until 10m] [--seed N] [--output events|state|json]

FILE holds Kubernetes YAML or JSON (a multi-document stream or a List, as
\`kubectl get … -o yaml\` prints it), optionally with a podscape.dev Scenario.
schedule and explain print JSON; run simulates the whole cluster (controllers,
kubelets, node lifecycle, the scenario's timeline) up to --until of virtual
time and prints its events, its final objects as a YAML List, or both as JSON.`;

/** A user-facing failure: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

/** Objects the scheduler reads; anything else is reported and left alone. */
const READ_KINDS = new Set([
  'Node',
  'Pod',
  'PriorityClass',
  'Namespace',
  'Service',
  'ReplicaSet',
  'StatefulSet',
  'ReplicationController',
  'PodDisruptionBudget',
  'Deployment',
  'DaemonSet',
  'Job',
  'Scenario',
  'KubeSchedulerConfiguration',
  'PersistentVolumeClaim',
  'StorageClass',
]);

interface Parsed {
  flags: Map<string, string | true>;
  positional: string[];
}

const VALUE_FLAGS = new Set(['--config', '--seed', '--pod', '--nodes', '--until', '--output']);
const BOOL_FLAGS = new Set(['--no-explain', '--help', '-h']);

export function parseArgs(argv: string[]): Parsed {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-')) {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      if (VALUE_FLAGS.has(name)) {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new UsageError(`${name} needs a value`);
        flags.set(name, v);
      } else if (BOOL_FLAGS.has(name)) flags.set(name, true);
      else throw new UsageError(`unknown flag ${name}`);
    } else positional.push(a);
  }
  return { flags, positional };
}

/**
 * The text of FILE, read at most MAX_MANIFEST_BYTES + 1 bytes far: a FILE that never ends
 * (`/dev/zero`, a pipe that keeps writing) is refused once it passes the limit parseManifests
 * holds every input to, instead of being read until memory runs out.
 */
function readText(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, MAX_MANIFEST_BYTES + 1 - total));
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new UsageError(`${file}: ${code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
      }
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > MAX_MANIFEST_BYTES) throw new ManifestError(file, 1, 1, '', `input is more than ${MAX_MANIFEST_BYTES} bytes; the limit is ${MAX_MANIFEST_BYTES}`);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function seedOf(v: string | true | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (v === true || !/^\d+$/.test(v) || Number(v) > 0xffffffff) throw new UsageError(`--seed: "${v}" is not a whole number from 0 to 4294967295`);
  return Number(v);
}

interface Loaded {
  manifests: Manifests;
  objects: KubeObject[];
  config: unknown;
  configSource: { manifests: Manifests; index: number; base: string } | null;
  seed: number;
  warnings: string[];
}

function load(file: string, configFile: string | undefined): Loaded {
  const manifests = parseManifests(readText(file), file);
  // As the scenario loader: kinds kubectl would not map, and custom resources named like a simulated kind.
  checkKinds(manifests);
  // Fields the API schema does not have: kept, and reported as the import reports them.
  const tally = { total: 0 };
  const unknown = unknownFields(manifests, tally);
  const warnings: string[] = unknown.map((u) => u.message);
  const unlisted = unlistedUnknownFields(file, unknown.length, tally.total);
  if (unlisted) warnings.push(unlisted);
  const objects: KubeObject[] = [];
  const skipped = new Map<string, number>();
  manifests.objects.forEach((o) => {
    if (READ_KINDS.has(o.kind!)) objects.push(o);
    else skipped.set(o.kind!, (skipped.get(o.kind!) ?? 0) + 1);
  });
  if (skipped.size > 0) {
    warnings.push(`ignoring objects the scheduler does not read: ${[...skipped].map(([k, n]) => `${n} ${k}`).join(', ')}`);
  }
  // Scheduler fixtures name nodes as upstream's unit tests do (nodeA): names are not checked here.
  const errs = validateObjects(manifests.objects, { objectNames: false });
  if (errs.length > 0) throw withUnknownFields(manifests.error(errs[0].index, errs[0].field, errs[0].message), unknown);

  let config: unknown;
  let configSource: Loaded['configSource'] = null;
  let seed = 0;
  const scenarioIndex = manifests.objects.findIndex((o) => o.kind === 'Scenario');
  if (scenarioIndex >= 0) {
    const spec = (manifests.objects[scenarioIndex] as { spec?: Record<string, unknown> }).spec ?? {};
    if (spec.seed !== undefined) {
      if (typeof spec.seed !== 'number' || !Number.isInteger(spec.seed) || spec.seed < 0) {
        throw manifests.error(scenarioIndex, 'spec.seed', `Invalid value: ${JSON.stringify(spec.seed)}: must be a whole number`);
      }
      seed = spec.seed;
    }
    if (spec.schedulerConfiguration !== undefined) {
      config = spec.schedulerConfiguration;
      configSource = { manifests, index: scenarioIndex, base: 'spec.schedulerConfiguration.' };
    }
  }
  const kscIndex = manifests.objects.findIndex((o) => o.kind === 'KubeSchedulerConfiguration');
  if (kscIndex >= 0) {
    config = manifests.objects[kscIndex];
    configSource = { manifests, index: kscIndex, base: '' };
  }
  if (configFile !== undefined) {
    const cm = parseManifests(readText(configFile), configFile);
    if (cm.objects.length !== 1) {
      throw new ManifestError(configFile, 1, 1, '', `expected one KubeSchedulerConfiguration document, found ${cm.objects.length}`);
    }
    config = cm.objects[0];
    configSource = { manifests: cm, index: 0, base: '' };
  }
  return { manifests, objects, config, configSource, seed, warnings };
}

/** Runs the engine, turning configuration errors into located ManifestErrors. */
function withConfig<T>(l: Loaded, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof ConfigError && l.configSource) {
      const first = e.errors[0];
      const src = l.configSource;
      const err = src.manifests.error(src.index, src.base + first.field, first.message);
      if (e.errors.length > 1) err.message += ` (and ${e.errors.length - 1} more: ${e.errors.slice(1).map((x) => `${x.field}: ${x.message}`).join('; ')})`;
      throw err;
    }
    if (e instanceof ConfigError) throw new UsageError(`scheduler configuration: ${e.message}`);
    throw e;
  }
}

/** Runs the CLI; returns the exit code. Output goes through the given writers. */
export function run(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      out(USAGE);
      return command === undefined ? 2 : 0;
    }
    const { flags, positional } = parseArgs(rest);
    if (flags.has('--help') || flags.has('-h')) {
      out(USAGE);
      return 0;
    }
    if (command !== 'schedule' && command !== 'explain' && command !== 'run') throw new UsageError(`unknown command "${command}"\n${USAGE}`);
    if (positional.length !== 1) throw new UsageError(`${command} takes exactly one FILE\n${USAGE}`);
    if (command === 'run') return runCommand(positional[0], flags, out, err);
    for (const f of ['--until', '--output']) if (flags.has(f)) throw new UsageError(`${f} applies to run only`);
    const configFile = flags.get('--config');
    if (configFile === true) throw new UsageError('--config needs a file');
    const seedFlag = flags.get('--seed');
    if (seedFlag !== undefined) seedOf(seedFlag, 0);
    const l = load(positional[0], configFile);
    for (const w of l.warnings) err(`podscape: warning: ${w}`);
    const seed = seedOf(seedFlag, l.seed);
    if (command === 'schedule') {
      const result = withConfig(l, () => scheduleObjects(l.objects, { seed, config: l.config, explain: !flags.has('--no-explain') }));
      out(JSON.stringify(result, null, 2));
      return 0;
    }
    const pod = flags.get('--pod');
    if (typeof pod !== 'string' || !/^[^/]+\/[^/]+$/.test(pod)) throw new UsageError('explain needs --pod NAMESPACE/NAME');
    const nodesFlag = flags.get('--nodes');
    const nodes = typeof nodesFlag === 'string' ? nodesFlag.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    const result = withConfig(l, () => explainPod(l.objects, pod, { seed, config: l.config, nodes }));
    out(JSON.stringify(result, null, 2));
    return 0;
  } catch (e) {
    if (e instanceof ManifestError || e instanceof UsageError || e instanceof UnknownPodError) {
      err(`podscape: ${e.message}`);
      return 2;
    }
    err(`podscape: internal error: ${(e as Error)?.message ?? String(e)} (please report this with the input that caused it)`);
    return 1;
  }
}

function runCommand(file: string, flags: Map<string, string | true>, out: (s: string) => void, err: (s: string) => void): number {
  for (const f of ['--config', '--pod', '--nodes', '--no-explain']) if (flags.has(f)) throw new UsageError(`${f} does not apply to run`);
  const seedFlag = flags.get('--seed');
  const seed = seedFlag === undefined ? undefined : seedOf(seedFlag, 0);
  const untilFlag = flags.get('--until') ?? DEFAULT_UNTIL;
  if (untilFlag === true) throw new UsageError('--until needs a duration such as 10m');
  let until: number;
  try {
    until = parseUntil(untilFlag);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const output = flags.get('--output') ?? 'events';
  if (typeof output !== 'string' || !RUN_OUTPUTS.includes(output as RunOutput)) {
    throw new UsageError(`--output: "${String(output)}" is not one of ${RUN_OUTPUTS.join(', ')}`);
  }
  const manifests = parseManifests(readText(file), file);
  // Fields the API schema does not have: kubectl apply would refuse their objects; Podscape keeps them and says so.
  const tally = { total: 0 };
  const unknown = unknownFields(manifests, tally);
  for (const u of unknown) err(`podscape: warning: ${u.message}`);
  const unlisted = unlistedUnknownFields(file, unknown.length, tally.total);
  if (unlisted) err(`podscape: warning: ${unlisted}`);
  let result;
  try {
    result = runScenario(manifests, { until, seed, output: output as RunOutput });
  } catch (e) {
    throw e instanceof ManifestError ? withUnknownFields(e, unknown) : e;
  }
  for (const w of result.warnings) err(`podscape: warning: ${w}`);
  out(result.text);
  return 0;
}

const isMain = typeof process !== 'undefined' && process.argv[1] !== undefined && /cli[\\/]main\.[tj]s$/.test(process.argv[1]);
if (isMain) {
  // `podscape run … | head` closes the pipe early: stop quietly, as Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const code = run(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
  process.exitCode = code;
}
