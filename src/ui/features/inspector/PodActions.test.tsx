import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../engine/commands';
import { clickButtons } from '../../testing/click-buttons';
import { kubectlDelete, PodActionsView, PodCommandOutput } from './PodActions';

describe('PodActionsView', () => {
  it('offers a graceful and a force delete, each titled with the kubectl command it stands for', () => {
    const html = renderToStaticMarkup(<PodActionsView namespace="default" name="db-0" onCommand={() => {}} />);
    expect(html).toContain('role="toolbar" aria-label="Actions for pod default/db-0"');
    expect([...html.matchAll(/<button[^>]*aria-label="([^"]+)"[^>]*title="([^"]+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['Delete pod default/db-0 gracefully', 'kubectl delete pod db-0'],
      ['Force delete pod default/db-0', 'kubectl delete pod db-0 --grace-period=0 --force'],
    ]);
  });

  it('names the namespace in kubectl commands outside default', () => {
    expect(kubectlDelete('shop', 'api-1', false)).toBe('kubectl delete pod api-1 -n shop');
    expect(kubectlDelete('shop', 'api-1', true)).toBe('kubectl delete pod api-1 -n shop --grace-period=0 --force');
  });

  it('sends deletePod, with force only from the force button', () => {
    const sent: Command[] = [];
    const view = PodActionsView({ namespace: 'default', name: 'web-1', onCommand: (c) => sent.push(c) });
    clickButtons(view);
    expect(sent).toEqual([
      { action: 'deletePod', namespace: 'default', name: 'web-1' },
      { action: 'deletePod', namespace: 'default', name: 'web-1', force: true },
    ]);
  });

  it("shows kubectl's lines as a status, and nothing before a command", () => {
    expect(renderToStaticMarkup(<PodCommandOutput output={[]} />)).toBe('');
    const html = renderToStaticMarkup(<PodCommandOutput output={['Warning: Immediate deletion …', 'pod "db-0" force deleted']} />);
    expect(html).toContain('role="status"');
    expect(html).toContain('Warning: Immediate deletion …\npod &quot;db-0&quot; force deleted');
  });
});
