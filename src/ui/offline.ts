/**
 * Offline support: registers the service worker that vite-plugin-pwa generates at build
 * time (vite.config.ts). It precaches the whole static site, so after the first visit
 * the app opens with no network. New versions install in the background and take over
 * on the next visit. Nothing happens in the dev server or where there is no service
 * worker support.
 */
import { registerSW } from 'virtual:pwa-register';

export function registerOfflineSupport(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  registerSW({ immediate: true });
}
