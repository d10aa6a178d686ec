import { useEffect, useId, useState } from 'react';
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
  // On a phone the first item shows and the rest wait behind "More to try" (intro.css), so
  // that the first node card is on the first screen too.
  const [more, setMore] = useState(false);
  const onDefault = usePodscapeStore((s) => s.scenario?.file === DEFAULT_SCENARIO.file && s.lesson === null && !s.presenter);
  const id = useId();
  const shown = !hidden && onDefault;
  // While it shows, a phone leaves out the tagline above (styles.css): the first line here says as much.
  useEffect(() => {
    if (!shown) return;
    document.documentElement.setAttribute('data-start-here', '');
    return () => document.documentElement.removeAttribute('data-start-here');
  }, [shown]);
  if (!shown) return null;
  const hide = () => {
    hideIntro();
    setHidden(true);
    // Focus goes to the first thing the introduction suggested, not to the page's start.
    document.querySelector<HTMLButtonElement>('.clock button')?.focus();
  };
  return (
    <section className="start-here" aria-labelledby={id} {...(more ? { 'data-more': '' } : {})}>
      <div className="start-here-header">
        <h2 id={id}>Start here</h2>
        <p>A simulated Kubernetes cluster; its clock starts paused. Try:</p>
        <button type="button" onClick={hide}>
          Hide this introduction
        </button>
      </div>
      <ol id={`${id}-list`}>
        <li>
          <strong>Play</strong> the clock<span className="intro-key"> (or press <kbd>K</kbd> anywhere)</span>, or <strong>Step</strong> it (10 s at 10×): the
          pods already placed on nodes start Running.
        </li>
        <li>
          <strong>Kill</strong> a worker: it turns Unknown after 50 s without heartbeats, and its pods are evicted 300 s later. The card
          counts down each wait; 60× speed skips ahead.
        </li>
        <li>
          <strong>Drag</strong> a pod onto a node (on a touch screen, hold it still first), or focus it and press Space, the arrow keys, Space: the scheduler says yes, or why not.
        </li>
        <li>
          <strong>Scenarios</strong>: presets and guided lessons. <strong>Share</strong>: a link to this exact state.
        </li>
      </ol>
      <button type="button" className="start-here-more" aria-expanded={more} aria-controls={`${id}-list`} onClick={() => setMore(!more)}>
        {more ? 'Fewer tips' : '3 more tips'}
      </button>
    </section>
  );
}
