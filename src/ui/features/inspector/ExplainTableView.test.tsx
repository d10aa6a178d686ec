import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildExplainTable } from './explain-table';
import { ExplainTableView } from './ExplainTableView';

const render = (table: ReturnType<typeof buildExplainTable>) => renderToStaticMarkup(<ExplainTableView podKey="default/p" table={table} onSelectNode={() => {}} />);

/** Nodes a and b pass and are scored (TaintToleration, weight 3); a is selected. */
const scored: Parameters<typeof buildExplainTable>[0] = {
  namespace: 'default',
  name: 'p',
  message: '',
  preFilter: {},
  preScore: {},
  filter: { a: { NodeResourcesFit: 'passed' }, b: { NodeResourcesFit: 'passed' } },
  score: { a: { TaintToleration: 100 }, b: { TaintToleration: 50 } },
  finalScore: { a: { TaintToleration: 300 }, b: { TaintToleration: 150 } },
  selectedNode: 'a',
};

describe('ExplainTableView', () => {
  it('is a real table: caption, grouped column headers, a row header per node, reasons as text', () => {
    const html = render(
      buildExplainTable({ ...scored, filter: { ...scored.filter, c: { NodeResourcesFit: ['Insufficient cpu'] } } }),
    );
    expect(html).toContain('<caption>Filter and Score of default/p on each node</caption>');
    expect(html).toContain('<th scope="colgroup" colSpan="1">Filter</th>');
    expect(html).toContain('<th scope="colgroup" colSpan="1">Score (weighted)</th>');
    expect(html).toMatch(/<th scope="col">TaintToleration<span class="explain-weight"> ×3<\/span><\/th>/);
    expect(html).toMatch(/<tr data-explain-node="a" data-feasible="true" data-selected="true"><th scope="row">.*a<\/button><span class="explain-selected"> ✓ selected<\/span><\/th>.*>300<\/td><td class="explain-number explain-total">300<\/td><\/tr>/);
    expect(html).toMatch(/<tr data-explain-node="c" data-feasible="false">.*<span class="explain-reason">Insufficient cpu<\/span>.*not scored.*>rejected<\/td><\/tr>/);
    expect(html.indexOf('data-explain-node="b"')).toBeLessThan(html.indexOf('data-explain-node="c"'));
  });

  it('says scoring was skipped, with one Filter column when no node was rejected', () => {
    const html = render(
      buildExplainTable({ namespace: 'default', name: 'p', message: '', preFilter: {}, preScore: {}, filter: { a: { NodeName: 'passed', NodeResourcesFit: 'passed' } }, score: {}, finalScore: {}, selectedNode: 'a' }),
    );
    expect(html).toContain('only one node passed the filters, so the scheduler skipped scoring');
    expect(html).toContain('<th scope="col">All 2 plugins</th>');
    expect(html).not.toContain('Score (weighted)');
  });

  it('marks the node a bound pod runs on, and says the table is for a placement now', () => {
    const html = render(
      buildExplainTable({ ...scored, boundNode: 'b' }),
    );
    expect(html).toContain('<caption>Filter and Score of default/p on each node, if it were placed now</caption>');
    expect(html).toMatch(/<tr data-explain-node="b" data-feasible="true" data-bound="true"><th scope="row">.*b<\/button><span class="explain-bound"> <span aria-hidden="true">●<\/span> runs here<\/span><\/th>/);
    expect(html).not.toMatch(/data-explain-node="a"[^>]*data-bound/);
  });
});

