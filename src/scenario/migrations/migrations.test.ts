import { describe, expect, it } from 'vitest';
import { SHARE_FORMAT_VERSION } from '../share/payload';
import { checkMigrations, migrate, MigrationError, SHARE_MIGRATIONS, type Migration } from './migrations';

describe('share migrations', () => {
  it('the registry has one step per version up to the current format', () => {
    expect(() => checkMigrations(SHARE_MIGRATIONS, SHARE_FORMAT_VERSION)).not.toThrow();
  });

  // One test per step belongs here as steps are added (none yet: format 1 is the first).

  describe('the mechanism', () => {
    const steps: Migration[] = [
      { from: 1, summary: 'rename scenarioText to scenario.text', up: ({ scenarioText, ...rest }) => ({ ...rest, scenario: { text: scenarioText } }) },
      { from: 2, summary: 'view.t becomes view.time', up: ({ view, ...rest }) => ({ ...rest, view: { time: (view as { t: number }).t } }) },
    ];

    it('runs every step from the payload version to the current one, in order, and stamps the version', () => {
      expect(migrate({ v: 1, scenarioText: 'x', view: { t: 5 } }, 1, 3, steps)).toEqual({ v: 3, scenario: { text: 'x' }, view: { time: 5 } });
      expect(migrate({ v: 2, scenario: { text: 'y' }, view: { t: 1 } }, 2, 3, steps)).toEqual({ v: 3, scenario: { text: 'y' }, view: { time: 1 } });
      expect(migrate({ v: 3, a: 1 }, 3, 3, steps)).toEqual({ v: 3, a: 1 });
    });

    it('refuses a newer format and reports a failing step', () => {
      expect(() => migrate({}, 4, 3, steps)).toThrow(/newer Podscape \(format 4; this one reads up to 3\)/);
      expect(() => migrate({ v: 2 }, 2, 3, steps)).toThrow(MigrationError);
      expect(() => migrate({ v: 2 }, 2, 3, steps)).toThrow(/upgrading it from format 2 failed/);
    });

    it('checkMigrations catches a gap or a missing step', () => {
      expect(() => checkMigrations(steps, 3)).not.toThrow();
      expect(() => checkMigrations([steps[1]], 2)).toThrow(/reads version 2; expected 1/);
      expect(() => checkMigrations(steps, 4)).toThrow(/expected 3 migration steps/);
    });
  });
});
