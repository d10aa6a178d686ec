import type { EngineClient } from '../bridge/engine-client';
import { SkipLink } from '../components/SkipLink';
import { LazyClusterChart } from '../features/charts/LazyClusterChart';
import { ClusterPanel } from '../features/cluster/ClusterPanel';
import { AddNodePanel } from '../features/node-actions/AddNodePanel';
import { DrainNoticesSlot } from '../features/node-actions/DrainNoticesSlot';
import { StartHere } from '../features/scenario/intro/StartHere';
import { LessonArea } from '../features/scenario/lessons/LessonArea';
import { PresenterToggle } from '../features/scenario/lessons/PresenterToggle';
import { PresetsButton } from '../features/scenario/presets/PresetsButton';
import { Inspector } from '../features/inspector/Inspector';
import { ScenarioBar } from '../features/scenario/ScenarioBar';
import type { SessionStore } from '../features/scenario/session/session-store';
import { ImportExport } from '../features/scenario/import-export/ImportExport';
import { ErrorAlert } from '../features/status/ErrorAlert';
import { LoadingNotice } from '../features/status/LoadingNotice';
import { ThemeToggle } from '../features/theme/ThemeToggle';
import { ClockControls } from '../features/timeline/ClockControls';
import { TimingNote } from '../features/timeline/TimingNote';
import { WorkloadsPanel } from '../features/workloads/WorkloadsPanel';
import { EventLog } from '../features/timeline/EventLog';
import { StoryLog } from '../features/timeline/StoryLog';
import { StoreProvider, type PodscapeStore } from '../store/podscape-store';
import { AfterFirstFrame } from './AfterFirstFrame';
import { MoreTools } from './MoreTools';
import { MoreSlot } from './more-tools-slot';

/** Composition only: layout and providers. */
export function App({ store, client, sessions }: { store: PodscapeStore; client: EngineClient; sessions: SessionStore }) {
  return (
    <StoreProvider store={store} client={client}>
      <SkipLink target="cluster">Skip to the cluster</SkipLink>
      <header className="app-header">
        <div>
          <h1>Podscape</h1>
          <p className="app-tagline">A Kubernetes cluster playground in your browser.</p>
          {/* Under the title, not among the tools: a full-width line there pushed the clock to a row of its own. */}
          <TimingNote />
        </div>
        <div className="app-header-tools app-tools">
          <ClockControls />
          <MoreSlot>
            <PresenterToggle />
          </MoreSlot>
          <MoreSlot>
            <ThemeToggle />
          </MoreSlot>
        </div>
      </header>
      <main className="app-main">
        <ErrorAlert />
        <DrainNoticesSlot />
        <LoadingNotice />
        <div className="app-toolbar">
          <PresetsButton />
          <MoreSlot>
            <ImportExport />
          </MoreSlot>
          <ScenarioBar sessions={sessions} />
          <MoreSlot>
            <AddNodePanel />
          </MoreSlot>
          <MoreTools />
        </div>
        <StartHere />
        <LessonArea />
        <div id="cluster" className="cluster-anchor" tabIndex={-1}>
          <ClusterPanel />
        </div>
        <AfterFirstFrame>
          <WorkloadsPanel />
          <LazyClusterChart />
          <EventLog />
        </AfterFirstFrame>
        {/* Last in the page, so that it stays stuck to the window's foot wherever the page is scrolled. */}
        <StoryLog />
      </main>
      <Inspector />
    </StoreProvider>
  );
}
