/**
 * Imported first by main.tsx, so that it runs before the rest of the app's bundle
 * evaluates: starts index.html's engine worker (early-engine.ts). Its download, compile
 * and boot load then overlap the bundle's evaluation and first render instead of the
 * bundle's download and compile (the cold load, issue 4).
 */
import { startEarlyEngine } from './early-engine';

startEarlyEngine();
