import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { usePodscapeRuntime } from '../../store/podscape-store';
import { loadsInFlight } from '../../store/loads';

/** A load that ends sooner shows nothing (no flash for the small scenarios). */
export const LOADING_NOTICE_DELAY_MS = 400;

/** Says that a scenario is loading, once a load has taken longer than a moment. */
export function LoadingNotice() {
  const { store } = usePodscapeRuntime();
  const busy = useStore(loadsInFlight(store)) > 0;
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!busy) {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), LOADING_NOTICE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [busy]);
  // The live region is always in the page, so that screen readers announce the text put in it.
  return (
    <div className="loading-notice-region" role="status">
      {busy && shown ? (
        <p className="loading-notice">
          Loading the scenario… A large cluster takes a few seconds while the scheduler places its pods; the cluster below is the previous one until then.
        </p>
      ) : null}
    </div>
  );
}
