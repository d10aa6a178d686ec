import { describe, expect, it } from 'vitest';
import { Code } from '../../framework/status';
import { makePod } from '../../../testing/builders';
import { SchedulingGatesPlugin, schedulingGatesFactory } from './scheduling-gates';

describe('SchedulingGates', () => {
  const pl = new SchedulingGatesPlugin();
  const cases: { name: string; gates: string[] | undefined; want: string | null }[] = [
    { name: 'no gates field', gates: undefined, want: null },
    { name: 'empty gates list', gates: [], want: null },
    { name: 'one gate', gates: ['foo'], want: 'waiting for scheduling gates: [foo]' },
    { name: 'several gates keep their order', gates: ['foo', 'bar'], want: 'waiting for scheduling gates: [foo bar]' },
    {
      name: 'qualified gate names',
      gates: ['example.com/quota', 'example.com/approval'],
      want: 'waiting for scheduling gates: [example.com/quota example.com/approval]',
    },
  ];
  it.each(cases)('$name', ({ gates, want }) => {
    const b = makePod('p').container();
    if (gates) b.schedulingGates(...gates);
    const s = pl.preEnqueue(b.info());
    if (want === null) {
      expect(s).toBeNull();
    } else {
      expect(s?.code).toBe(Code.UnschedulableAndUnresolvable);
      expect(s?.reasons).toEqual([want]);
    }
  });

  it('the factory builds the plugin under its upstream name', () => {
    expect(schedulingGatesFactory.create(undefined, {} as never).name).toBe('SchedulingGates');
  });
});
