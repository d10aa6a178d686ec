import { defineConfig } from 'vitest/config';
import { bootFrame } from './build/boot-frame-plugin.ts';
import { preparsedScenario } from './build/preparsed-scenario-plugin.ts';

export default defineConfig({
  plugins: [preparsedScenario(), bootFrame()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts', 'build/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
