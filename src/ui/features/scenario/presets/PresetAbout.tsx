import { usePodscapeStore } from '../../../store/podscape-store';
import { Markdown } from '../lessons/Markdown';
import './presets.css';

/** A loaded preset's own description (its Scenario's spec.description), folded away once read. */
export default function PresetAbout() {
  const scenario = usePodscapeStore((s) => s.scenario);
  if (!scenario?.description) return null;
  return (
    <details className="preset-about" open>
      <summary>About this preset: {scenario.title ?? scenario.name}</summary>
      {scenario.timingOverrides.length > 0 ? (
        <p className="preset-about-timings">Shortened timings: {scenario.timingOverrides.join(', ')} differ from upstream's defaults.</p>
      ) : null}
      <Markdown text={scenario.description} />
    </details>
  );
}
