/**
 * A wall-clock budget in use: a load or a replay started at one instant of the budget's clock,
 * looked at between pieces of work (the parser's tokens, the virtual clock's callbacks, replay
 * chunks). Once the budget is spent, `check()` throws BudgetSpent, which names the work, what it
 * was doing and how long it ran; the caller's current cluster is untouched, since the work was
 * building a new one. The engine stays pure: the clock is the caller's (session.ts ReplayBudget).
 */
import type { ReplayBudget } from './session';

/** The error of a spent budget: its message is for the user as it is. */
export class BudgetSpent extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BudgetSpent';
  }
}

export class Deadline {
  private readonly start: number;
  /** What the work is doing now, for the message (`while reading its YAML (40 % read)`). */
  doing: () => string = () => 'while starting';

  /** `subject`: the work (`loading this scenario`); `noun`: one of it (`a load`). */
  constructor(
    private readonly budget: ReplayBudget,
    private readonly subject: string,
    private readonly noun: string,
  ) {
    this.start = budget.now();
  }

  /** Throws BudgetSpent once the budget's clock has moved its limit past the start. */
  check(): void {
    const spent = this.budget.now() - this.start;
    if (spent < this.budget.limitMs) return;
    throw new BudgetSpent(
      `${this.subject} stopped after ${Math.round(spent / 1000)} s of work, ${this.doing()}, past the ${Math.round(this.budget.limitMs / 1000)} s ${this.noun} may take; the current cluster is kept`,
    );
  }
}
