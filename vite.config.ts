import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// A static site: relative asset paths so the build deploys under any base path.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { target: 'es2022', sourcemap: true },
  // The engine worker is an ES module (`new Worker(url, { type: 'module' })`), built as its own chunk.
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
});
