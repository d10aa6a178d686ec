/**
 * The engine's public surface.
 */
export { scheduleObjects, explainPod, UnknownPodError } from './scheduler/batch';
export type { ScheduleOptions, ExplainOptions, ExplainResult, PodScheduleResult, Explanation } from './scheduler/batch';
export { ConfigError } from './scheduler/framework/config';
export type { KubeObject, Node, Pod } from './model/types';
export { validateObjects } from './model/validate';
export type { ObjectError } from './model/validate';
