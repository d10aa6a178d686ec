import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NodeEdit } from './NodeEdit';
import NodeEditForms from './NodeEditForms';
import { INITIAL_NODE_EDIT_STATE } from './node-edit-state';

const render = (open?: boolean) =>
  renderToStaticMarkup(<NodeEdit name="worker-1" current={() => undefined} send={() => Promise.reject(new Error('not sent'))} {...(open === undefined ? {} : { open })} />);

describe('NodeEdit', () => {
  it('names its toggle, fields and buttons after the node, each field labelled by its kubectl command', () => {
    expect(render()).toContain('<summary aria-label="Taints and labels of node worker-1"');
    // The forms come in their own chunk (not in the first load); rendered here directly.
    const html = renderToStaticMarkup(<NodeEditForms name="worker-1" current={() => undefined} send={() => Promise.reject(new Error('not sent'))} state={INITIAL_NODE_EDIT_STATE} onState={() => {}} />);
    for (const verb of ['taint', 'label']) {
      const id = new RegExp(`<label for="([^"]+)">kubectl ${verb} node worker-1</label>`).exec(html)?.[1];
      expect(id, verb).toBeDefined();
      expect(html).toContain(`<input id="${id}" type="text"`);
    }
    expect(html).toContain('aria-label="Taint node worker-1"');
    expect(html).toContain('aria-label="Label node worker-1"');
    expect(html).toMatch(/type="checkbox"[^>]*\/> --overwrite/);
    // No alert until something is refused; the status line is there, empty, for what kubectl prints.
    expect(html).not.toContain('role="alert"');
    expect(html).toContain('role="status"></p>');
  });

  it('leaves the forms out of the DOM while closed (every node card carries the toggle)', () => {
    const html = render(false);
    expect(html).toContain('Taints and labels');
    expect(html).not.toContain('<input');
  });
});
