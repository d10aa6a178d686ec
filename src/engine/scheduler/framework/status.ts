/**
 * The outcome vocabulary of every extension point, as upstream's fwk.Code.
 *
 * A plugin returns `null` for Success (no allocation on the hot path) and a
 * Status otherwise. The code is policy: it tells the framework and the queue
 * what to do next.
 */
export enum Code {
  /** The plugin ran correctly and found the pod schedulable. */
  Success = 0,
  /** An internal error: the pod is retried after a backoff. */
  Error = 1,
  /** The pod does not fit now; preemption may help on this node. */
  Unschedulable = 2,
  /** The pod does not fit, and removing pods would not change that: no preemption here. */
  UnschedulableAndUnresolvable = 3,
  /** A Permit plugin asks the pod to wait. */
  Wait = 4,
  /** The plugin takes no part for this pod (PreFilter, PreScore). */
  Skip = 5,
  /** The pod waits for something outside the scheduler. */
  Pending = 6,
}

export const CODE_NAMES: Record<Code, string> = {
  [Code.Success]: 'Success',
  [Code.Error]: 'Error',
  [Code.Unschedulable]: 'Unschedulable',
  [Code.UnschedulableAndUnresolvable]: 'UnschedulableAndUnresolvable',
  [Code.Wait]: 'Wait',
  [Code.Skip]: 'Skip',
  [Code.Pending]: 'Pending',
};

export class Status {
  /** The plugin that produced this status, set by the framework. */
  plugin = '';
  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
  ) {}

  /** The reasons joined with ", ", as upstream's Status.Message(). */
  message(): string {
    return this.reasons.join(', ');
  }

  isSuccess(): boolean {
    return this.code === Code.Success;
  }

  /** Unschedulable, UnschedulableAndUnresolvable or Pending. */
  isRejected(): boolean {
    return (
      this.code === Code.Unschedulable ||
      this.code === Code.UnschedulableAndUnresolvable ||
      this.code === Code.Pending
    );
  }

  withPlugin(name: string): this {
    this.plugin = name;
    return this;
  }
}

export type MaybeStatus = Status | null;

export const unschedulable = (...reasons: string[]): Status => new Status(Code.Unschedulable, reasons);
export const unresolvable = (...reasons: string[]): Status =>
  new Status(Code.UnschedulableAndUnresolvable, reasons);
export const errorStatus = (message: string): Status => new Status(Code.Error, [message]);
/** A shared Skip status: Skip carries no reasons, so one instance serves all. */
export const SKIP: Status = new Status(Code.Skip);

export function isSuccess(s: MaybeStatus): boolean {
  return s === null || s.code === Code.Success;
}
export function codeOf(s: MaybeStatus): Code {
  return s === null ? Code.Success : s.code;
}
