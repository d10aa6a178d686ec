import { HistoryControls } from './history/HistoryControls';
import { StateInfo } from './session/StateInfo';
import { SessionProvider, type SessionStore } from './session/session-store';
import { SharePanel } from './share/SharePanel';
import { MoreSlot } from '../../app/more-tools-slot';
import './scenario-bar.css';

/** The session's controls: undo/redo/reset, share, and what this state is. */
export function ScenarioBar({ sessions }: { sessions: SessionStore }) {
  return (
    <SessionProvider store={sessions}>
      <div className="scenario-bar">
        <HistoryControls />
        <SharePanel />
        <MoreSlot>
          <StateInfo />
        </MoreSlot>
      </div>
    </SessionProvider>
  );
}
