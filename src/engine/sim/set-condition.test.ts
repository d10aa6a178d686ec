/**
 * setCondition (loops, no findIndex / Object.keys arrays) against the plain reference
 * it replaced: the same list (key order included) and the same answer, for random
 * condition lists and random conditions, with undefined fields and duplicate types.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toTimestamp } from '../clock/time';
import { setCondition } from './api';

type Cond = Record<string, unknown>;

function referenceSetCondition(obj: { status?: { conditions?: Cond[] } }, cond: Cond, now: number | string): boolean {
  const ts = typeof now === 'number' ? toTimestamp(now) : now;
  if (!obj.status || typeof obj.status !== 'object') obj.status = {};
  if (!Array.isArray(obj.status.conditions)) obj.status.conditions = [];
  const list = obj.status.conditions;
  const i = list.findIndex((c) => c.type === cond.type);
  if (i < 0) {
    list.push({ ...cond, lastTransitionTime: (cond.lastTransitionTime as string | undefined) ?? ts });
    return true;
  }
  const prev = list[i];
  const statusChanged = prev.status !== cond.status;
  const next: Cond = { ...prev, ...cond, lastTransitionTime: statusChanged ? ((cond.lastTransitionTime as string | undefined) ?? ts) : prev.lastTransitionTime };
  for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
  const changed = Object.keys(next).length !== Object.keys(prev).length || Object.keys(next).some((k) => next[k] !== prev[k]);
  list[i] = next;
  return changed;
}

const field = fc.constantFrom('x', 'y', undefined);
const condArb = fc.record(
  {
    type: fc.constantFrom('Ready', 'PodScheduled', 'DisruptionTarget'),
    status: fc.constantFrom('True', 'False', 'Unknown'),
    reason: field,
    message: field,
    lastTransitionTime: fc.constantFrom('2026-01-01T00:00:00Z', undefined),
    lastHeartbeatTime: field,
  },
  { requiredKeys: ['type', 'status'] },
);

describe('setCondition', () => {
  it('changes the list and answers as the findIndex / Object.keys reference does (property)', () => {
    fc.assert(
      fc.property(fc.option(fc.array(condArb, { maxLength: 4 }), { nil: undefined }), fc.array(condArb, { minLength: 1, maxLength: 5 }), fc.nat(100_000), (list, conds, now) => {
        const a = { status: list === undefined ? undefined : { conditions: list.map((c) => ({ ...c })) } };
        const b = { status: list === undefined ? undefined : { conditions: list.map((c) => ({ ...c })) } };
        for (const c of conds) {
          expect(setCondition(a as never, c as never, now)).toBe(referenceSetCondition(b, c, now));
          expect(JSON.stringify(a)).toBe(JSON.stringify(b));
          expect(a.status?.conditions?.map((x) => Object.keys(x))).toEqual(b.status?.conditions?.map((x) => Object.keys(x)));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
