import { useState } from 'react';
import type { ScenarioSummary } from '../../../../protocol/engine-api';
import { usePodscapeStore } from '../../../store/podscape-store';
import { Markdown } from '../lessons/Markdown';
import './presets.css';

/**
 * Below this width, or this height (a 1024×768 projector at 150 % is 683×512 CSS pixels),
 * the description would fill the first screen: it starts folded there.
 */
export const FOLDED_QUERY = '(max-width: 40rem), (max-height: 40rem)';

/** A loaded preset's own description (its Scenario's spec.description), folded away once read. */
export default function PresetAbout() {
  const scenario = usePodscapeStore((s) => s.scenario);
  if (!scenario?.description) return null;
  // A new scenario starts its description unfolded or folded afresh.
  return <About key={`${scenario.name}/${scenario.title ?? ''}`} scenario={scenario} />;
}

function About({ scenario }: { scenario: ScenarioSummary }) {
  // Unfolded on a wide screen; on a phone it would push the cluster off the first screen.
  const [open] = useState(() => globalThis.matchMedia?.(FOLDED_QUERY).matches !== true);
  return (
    <details className="preset-about" open={open}>
      <summary>About this preset: {scenario.title ?? scenario.name}</summary>
      {scenario.timingOverrides.length > 0 ? (
        <p className="preset-about-timings">Shortened timings: {scenario.timingOverrides.join(', ')} differ from upstream's defaults.</p>
      ) : null}
      <Markdown text={scenario.description ?? ''} />
    </details>
  );
}
