/**
 * The engine's reading of a duration ("60s", "1m30s", "300ms"), as its commands and scenario
 * fields read one, for the page (src/ui may not import the engine's code, only its types).
 */
export { parseDuration } from '../engine/sim/duration';
