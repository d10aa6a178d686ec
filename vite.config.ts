import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { bootFrame } from './build/boot-frame-plugin.ts';
import { compileHints } from './build/compile-hints-plugin.ts';
import { stylesheetFirst } from './build/stylesheet-first-plugin.ts';
import { preparsedScenario } from './build/preparsed-scenario-plugin.ts';

/**
 * The cold load (issue 4): index.html's inline script starts the engine worker before the
 * app's bundle arrives (src/ui/bridge/early-engine.ts); this writes the built worker's
 * file into it. In the dev server it stays empty and the app starts the worker itself.
 */
function earlyEngine(): Plugin {
  return {
    name: 'podscape-early-engine',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const worker = Object.keys(ctx.bundle ?? {}).find((file) => /(^|\/)engine\.worker-[^/]*\.js$/.test(file));
        if (!worker) throw new Error('podscape-early-engine: the engine worker is not in the bundle');
        return html.replace('data-podscape-worker=""', `data-podscape-worker="./${worker}"`);
      },
    },
  };
}

// A static site: relative asset paths so the build deploys under any base path.
export default defineConfig({
  base: './',
  plugins: [
    react(),
    preparsedScenario(),
    // The default scenario's first frame, drawn before the worker has booted (ui/bridge/boot-preview.ts).
    bootFrame(),
    // The entry chunk compiled eagerly, off the main thread (V8's compile hint).
    compileHints(),
    earlyEngine(),
    // The page's stylesheet asked for before its scripts (the first paint waits for it).
    stylesheetFirst(),
    // Offline after the first visit: a generated service worker precaches every built
    // file (the engine worker chunk and lazily loaded chunks included) and answers
    // navigations with index.html. It fetches nothing at run time, from anywhere.
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      injectRegister: false, // src/ui/offline.ts registers it
      manifest: {
        name: 'Podscape',
        short_name: 'Podscape',
        description: 'A Kubernetes cluster playground that runs in your browser.',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        background_color: '#f7f8fa',
        theme_color: '#326ce5',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest,json}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        runtimeCaching: [],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        sourcemap: false,
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: true,
    // Every browser with the es2022 target's features but Firefox < 115 preloads modules
    // itself; the polyfill ran a query and a MutationObserver before the app's code.
    modulePreload: { polyfill: false },
    // React's renderer in a chunk of its own: the browser streams and compiles it on one
    // background thread while the app's entry chunk compiles on another (the cold load,
    // issue 4: that compile is on the first cluster frame's path).
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'react-dom', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ }] } } },
  },
  // The engine worker is an ES module (`new Worker(url, { type: 'module' })`), built as its own chunk.
  // Its default scenario comes parsed at build time (`?preparsed`).
  worker: { format: 'es', plugins: () => [preparsedScenario()] },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
});
