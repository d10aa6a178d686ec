/**
 * The engine's public surface.
 */
export { scheduleObjects, explainPod, UnknownPodError } from './scheduler/batch';
export type { ScheduleOptions, ExplainOptions, ExplainResult, PodScheduleResult, Explanation } from './scheduler/batch';
export { ConfigError } from './scheduler/framework/config';
export type { KubeObject, Node, Pod } from './model/types';
export { validateObjects } from './model/validate';
export type { ObjectError } from './model/validate';
export { createSimulation, Simulation, LoadError } from './sim/simulation';
export type { SimulationOptions, SimSnapshot, NodeView, PodView, CommandRecord } from './sim/simulation';
export type { Command, CommandAction, CommandResult, TimedCommand } from './commands';
export type { KubeEvent, ControlPlaneConfig, VirtualTime } from './sim/contracts';
export { defaultControlPlaneConfig, parseDuration } from './sim/config';
export { checkCommand, COMMAND_ACTIONS } from './sim/command-check';
