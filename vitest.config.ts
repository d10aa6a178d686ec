import { defineConfig } from 'vitest/config';
import { preparsedScenario } from './build/preparsed-scenario-plugin.ts';

export default defineConfig({
  plugins: [preparsedScenario()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
