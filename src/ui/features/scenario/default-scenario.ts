/** The scenario the app opens with, bundled as text. */
import text from '../../../../scenarios/default.yaml?raw';

export const DEFAULT_SCENARIO = { file: 'scenarios/default.yaml', text } as const;
