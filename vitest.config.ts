import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { bootFrame } from './build/boot-frame-plugin.ts';
import { preparsedScenario } from './build/preparsed-scenario-plugin.ts';

export default defineConfig({
  plugins: [preparsedScenario(), bootFrame()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts', 'build/**/*.test.ts'],
    environment: 'node',
    // A ceiling, not a measurement: at two workers on a loaded 2-core machine (load ~18) the
    // slowest property test (sim/properties.test.ts) passed 60 s (24 s at one worker, load ~15).
    testTimeout: 180_000,
    // Vitest's default is one worker less than the cores: ONE on CI's 2-core machine, where
    // two run the unit step in about half the time (docs/testing.md).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
