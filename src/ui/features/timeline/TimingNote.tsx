import './timing-note.css';
import { usePodscapeStore } from '../../store/podscape-store';

/** Says when the scenario shortens the control plane's timings (ScenarioSummary.timingOverrides). */
export function TimingNote() {
  const overrides = usePodscapeStore((s) => s.scenario?.timingOverrides ?? null);
  if (!overrides || overrides.length === 0) return null;
  return (
    <p className="timing-note" data-timing-overrides={overrides.join(' ')}>
      Timings changed from Kubernetes defaults for this scenario: {overrides.join(', ')}
    </p>
  );
}
