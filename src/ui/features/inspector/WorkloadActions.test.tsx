import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../engine/commands';
import { clickButtons } from '../../testing/click-buttons';
import { kubectlRollout, WorkloadActionsView } from './WorkloadActions';

/** The buttons of a rendered toolbar, as [aria-label, title, text]. */
const buttons = (html: string) => [...html.matchAll(/<button[^>]*aria-label="([^"]+)"[^>]*title="([^"]+)"[^>]*>([^<]*)</g)].map((m) => [m[1], m[2], m[3]]);

describe('WorkloadActionsView', () => {
  it("offers a Deployment restart, pause and undo, titled with kubectl's command lines", () => {
    const html = renderToStaticMarkup(<WorkloadActionsView kind="Deployment" namespace="default" name="web" paused={false} onCommand={() => {}} />);
    expect(html).toContain('role="toolbar" aria-label="Rollout of Deployment default/web"');
    expect(buttons(html)).toEqual([
      ['Restart Deployment default/web', 'kubectl rollout restart deployment/web', 'Restart'],
      ['Pause rollout of Deployment default/web', 'kubectl rollout pause deployment/web', 'Pause'],
      ['Undo rollout of Deployment default/web', 'kubectl rollout undo deployment/web', 'Undo'],
    ]);
  });

  it('offers Resume instead of Pause while the Deployment is paused, and no pause for other kinds', () => {
    const paused = renderToStaticMarkup(<WorkloadActionsView kind="Deployment" namespace="shop" name="api" paused onCommand={() => {}} />);
    expect(buttons(paused).map((b) => b[1])).toEqual([
      'kubectl rollout restart deployment/api -n shop',
      'kubectl rollout resume deployment/api -n shop',
      'kubectl rollout undo deployment/api -n shop',
    ]);
    const ds = renderToStaticMarkup(<WorkloadActionsView kind="DaemonSet" namespace="default" name="agent" paused={false} onCommand={() => {}} />);
    expect(buttons(ds).map((b) => b[2])).toEqual(['Restart', 'Undo']);
  });

  it('shows nothing for kinds kubectl cannot roll out (a ReplicaSet, a Job)', () => {
    for (const kind of ['ReplicaSet', 'Job']) {
      expect(renderToStaticMarkup(<WorkloadActionsView kind={kind} namespace="default" name="x" paused={false} onCommand={() => {}} />)).toBe('');
    }
  });

  it('sends the rollout command of each button', () => {
    const sent: Command[] = [];
    clickButtons(WorkloadActionsView({ kind: 'StatefulSet', namespace: 'default', name: 'db', paused: false, onCommand: (c) => sent.push(c) }));
    expect(sent).toEqual([
      { action: 'rollout', subcommand: 'restart', kind: 'StatefulSet', namespace: 'default', name: 'db' },
      { action: 'rollout', subcommand: 'undo', kind: 'StatefulSet', namespace: 'default', name: 'db' },
    ]);
  });

  it('names --to-revision only for an undo to a given revision', () => {
    expect(kubectlRollout('undo', 'Deployment', 'default', 'web', 2)).toBe('kubectl rollout undo deployment/web --to-revision=2');
    expect(kubectlRollout('undo', 'Deployment', 'default', 'web')).toBe('kubectl rollout undo deployment/web');
    expect(kubectlRollout('restart', 'Deployment', 'default', 'web', 2)).toBe('kubectl rollout restart deployment/web');
  });
});
