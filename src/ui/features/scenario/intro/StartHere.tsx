import { useId, useState } from 'react';
import { DEFAULT_SCENARIO } from '../default-scenario';
import { usePodscapeStore } from '../../../store/podscape-store';
import { hideIntro, introHidden } from './intro-storage';
import './intro.css';

/**
 * The first screen's "what do I do here": four things to try on the default cluster, with
 * the waits a node kill has (upstream's 50 s node-monitor grace period, then the 300 s
 * default tolerationSeconds), so that nothing looks stuck. Not over a preset (it has its
 * own description), a lesson or presenter mode; hidden for good by its button.
 */
export function StartHere() {
  const [hidden, setHidden] = useState(introHidden);
  const onDefault = usePodscapeStore((s) => s.scenario?.file === DEFAULT_SCENARIO.file && s.lesson === null && !s.presenter);
  const id = useId();
  if (hidden || !onDefault) return null;
  const hide = () => {
    hideIntro();
    setHidden(true);
    // Focus goes to the first thing the introduction suggested, not to the page's start.
    document.querySelector<HTMLButtonElement>('.clock button')?.focus();
  };
  return (
    <section className="start-here" aria-labelledby={id}>
      <div className="start-here-header">
        <h2 id={id}>Start here</h2>
        <button type="button" onClick={hide}>
          Hide this introduction
        </button>
      </div>
      <p>A small simulated cluster, paused at time 0: four nodes, a few workloads, one pod too big for any node. Things to try:</p>
      <ol>
        <li>
          <strong>Play</strong> starts the clock (<strong>Step</strong> moves it on by one second of play: 10 s at 10×): the pods already placed on nodes start Running.
        </li>
        <li>
          <strong>Kill</strong> a worker. As in a real cluster nothing seems to happen at first: the node turns Unknown only after
          the 50 s node-monitor grace period, and its pods are evicted and replaced after another 300 s (their
          tolerationSeconds). The countdowns on the card say what it waits for; set <strong>Speed</strong> to 60× to skip ahead.
        </li>
        <li>
          <strong>Drag</strong> a pod onto another node, or focus it and press Space, the arrow keys, then Space: each node says
          whether the scheduler would accept the pod, and if not, why.
        </li>
        <li>
          <strong>Scenarios</strong> has presets and guided workshop lessons; <strong>Share</strong> makes a link to this exact state.
        </li>
      </ol>
    </section>
  );
}
