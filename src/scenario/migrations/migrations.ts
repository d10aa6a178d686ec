/**
 * Share-link payload migrations: an ordered list of steps, each taking a payload of
 * version N to N + 1. A link made by any earlier Podscape is brought up to the current
 * version step by step and then validated as a current one, so old links keep loading
 * forever. Add a step (and its test, and a fixture link of the old version in
 * share/fixtures.test.ts) whenever the payload changes shape; never edit a released one.
 */

export type PayloadObject = Record<string, unknown>;

export interface Migration {
  /** The version this step reads; it returns version `from + 1`. */
  from: number;
  /** What changed, for the reader of this list. */
  summary: string;
  up(payload: PayloadObject): PayloadObject;
}

/** Version 1 is the first format: nothing to migrate yet. */
export const SHARE_MIGRATIONS: readonly Migration[] = [];

export class MigrationError extends Error {
  constructor(
    readonly reason: 'too-new' | 'too-old' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Throws unless `migrations` are the steps 1→2, 2→3, … up to `current`, in order. */
export function checkMigrations(migrations: readonly Migration[], current: number): void {
  if (migrations.length !== current - 1) throw new Error(`expected ${current - 1} migration steps for version ${current}, found ${migrations.length}`);
  migrations.forEach((m, i) => {
    if (m.from !== i + 1) throw new Error(`migration step ${i} reads version ${m.from}; expected ${i + 1}`);
  });
}

/** Brings `payload` (version `from`) to version `current`; the result still needs validating. */
export function migrate(payload: PayloadObject, from: number, current: number, migrations: readonly Migration[] = SHARE_MIGRATIONS): PayloadObject {
  if (from > current) throw new MigrationError('too-new', `it was made by a newer Podscape (format ${from}; this one reads up to ${current}): update the page`);
  if (!Number.isInteger(from) || from < 1) throw new MigrationError('too-old', `format ${from} is not a Podscape share format`);
  let out = payload;
  for (const step of migrations.slice(from - 1, current - 1)) {
    try {
      out = { ...step.up(out), v: step.from + 1 };
    } catch (e) {
      throw new MigrationError('failed', `upgrading it from format ${step.from} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}
