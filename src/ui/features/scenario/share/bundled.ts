/**
 * The scenarios bundled with the app (the default and the presets), which share links name by id and digest instead
 * of carrying their text (the default scenario's link must fit in 2 KB). A link stays
 * valid after a bundled scenario changes only if its old text is kept: copy it to
 * `scenarios/archive/<id>@<digest>.yaml` before editing (the archive is loaded lazily,
 * only when a link asks for it).
 */
import { digest } from '../../../../scenario/share/digest';
import type { BundledLookup, BundledScenario } from '../../../../scenario/share/session';
import { PRESETS } from '../../../../scenario/presets';
import { DEFAULT_SCENARIO } from '../default-scenario';

/** The default scenario and every preset (lessons run on presets, so their links stay short too). */
export const BUNDLED_SCENARIOS: readonly BundledScenario[] = [
  { id: 'default', text: DEFAULT_SCENARIO.text },
  ...PRESETS.map((p) => ({ id: p.id, text: p.text })),
];

const ARCHIVE = import.meta.glob<string>('../../../../../scenarios/archive/*.yaml', { query: '?raw', import: 'default' });

export const lookupBundled: BundledLookup = async (id, wanted) => {
  const current = BUNDLED_SCENARIOS.find((b) => b.id === id && digest(b.text) === wanted);
  if (current) return current.text;
  const archived = Object.entries(ARCHIVE).find(([path]) => path.endsWith(`/${id}@${wanted}.yaml`));
  return archived ? archived[1]() : undefined;
};
