/**
 * The fused passes the scheduler plugs into each of its frameworks: the
 * default Filter and Score plugins in one loop each (filter-kernel.ts,
 * score-kernel.ts). fused.test.ts proves them equal to the plugin-by-plugin
 * passes; the plugins in plugins/ stay the reference and serve traced cycles.
 */
import type { FusedPasses } from '../framework/fused';
import { FusedFilter } from './filter-kernel';
import { FusedScore } from './score-kernel';

export class DefaultFusedPasses implements FusedPasses {
  readonly filterKernel = new FusedFilter();
  readonly scoreKernel = new FusedScore();

  filter(...args: Parameters<FusedPasses['filter']>): ReturnType<FusedPasses['filter']> {
    return this.filterKernel.filter(...args);
  }

  score(...args: Parameters<FusedPasses['score']>): boolean {
    return this.scoreKernel.score(...args);
  }
}
