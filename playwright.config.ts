import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Playwright cannot download browsers on every machine; Debian's chromium works
// (`sudo apt-get install -y chromium`). Use it when present, Playwright's own otherwise.
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
// PODSCAPE_E2E_PORT lets several checkouts run their suites side by side.
const PORT = Number(process.env.PODSCAPE_E2E_PORT ?? 4173);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// Chromium features off. Playwright passes its own --disable-features list, and Chromium keeps only
// the last --disable-features it is given, so Playwright 1.65's list is repeated here first.
// Ours: Chromium 156 preloads the address bar's WebUI popups (a renderer per browser window,
// so per test) that a headless test never opens; off, a test's page and context start on less
// CPU (docs/testing.md, round 16).
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];
const DISABLED_FEATURES = [...PLAYWRIGHT_DISABLED_FEATURES, 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

export default defineConfig({
  testDir: 'e2e/specs',
  // Artifacts (traces, screenshots) go below test-results/ but not into it directly:
  // Playwright empties its outputDir, and test-results/unit.json must survive.
  outputDir: 'test-results/e2e-artifacts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // One retry in CI, none locally. A test that passes only on its retry is reported as flaky
  // (.ci/run lists it by name) and still counts as passed: a loaded machine should not stop a
  // submission, but a flaky test must be seen and fixed, not lived with.
  retries: process.env.CI ? 1 : 0,
  // Two workers in CI too: most of a test's time is waiting on the page (round trips, frames),
  // so two share CI's 2 cores well. The whole suite passed twice over (--repeat-each 2) at two
  // workers with two CPU hogs beside it, at a load average of 10 to 21 (docs/testing.md).
  workers: 2,
  // Twice Playwright's 30 s: on that loaded run tests with the default reached 24 s (share.spec).
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: BASE_URL,
    // A trace records DOM snapshots and a screencast of every action: a quarter more CPU for
    // the whole suite (docs/testing.md, round 16). In CI it is taken on a failed test's retry;
    // locally (no retries) on every test, kept only when it fails.
    trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
          args: [
            '--no-sandbox',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-gpu',
            `--disable-features=${DISABLED_FEATURES.join(',')}`,
          ],
        },
      },
    },
  ],
  webServer: {
    command: `npm run build && npm run preview -- --port ${PORT} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 300_000, // room for `npm run build` on a loaded 2-core machine
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
