import type { ExplainTable, FilterCell } from './explain-table';

const RowHeader = ({ node, selected, bound, onSelectNode }: { node: string; selected: boolean; bound: boolean; onSelectNode: (node: string) => void }) => (
  <th scope="row">
    <button type="button" className="link-button" onClick={() => onSelectNode(node)}>
      {node}
    </button>
    {selected && <span className="explain-selected"> ✓ selected</span>}
    {bound && (
      <span className="explain-bound">
        {' '}
        <span aria-hidden="true">●</span> runs here
      </span>
    )}
  </th>
);

/** Plain words for a filter reason on a node (reason-words.ts), or null. */
export type ReasonWords = (node: string, reason: string) => string | null;

function FilterCellView({ cell, node, words }: { cell: FilterCell | undefined; node: string; words?: ReasonWords }) {
  if (!cell || cell.kind === 'not-run') {
    return (
      <td className="explain-not-run" title="Not run: an earlier Filter plugin rejected the node">
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">not run</span>
      </td>
    );
  }
  if (cell.kind === 'passed') return <td className="explain-passed">passed</td>;
  return (
    <td className="explain-rejected">
      {cell.reasons.map((reason, i) => {
        const plain = words?.(node, reason);
        return (
          <span key={i} className="explain-reason">
            {reason}
            {plain && <span className="explain-words">{plain}</span>}
          </span>
        );
      })}
    </td>
  );
}

/**
 * The scheduling explanation as kube-scheduler-simulator shows it: a row per node, the
 * Filter plugins that rejected some node, the weighted Score plugins, and the total.
 */
export function ExplainTableView({ podKey, table, onSelectNode, words }: { podKey: string; table: ExplainTable; onSelectNode: (node: string) => void; words?: ReasonWords }) {
  const filterColumns = table.filterColumns.length > 0 ? table.filterColumns : null;
  const filterSpan = filterColumns ? filterColumns.length : 1;
  const scoreSpan = table.scoreColumns.length;
  return (
    <div className="explain-scroll" role="region" aria-label="Scheduling table" tabIndex={0}>
      <table className="explain-table">
        <caption>
          Filter and Score of {podKey} on each node
          {table.boundNode !== null && ', if it were placed now'}
          {table.scoringSkipped && ' (only one node passed the filters, so the scheduler skipped scoring)'}
        </caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Node
            </th>
            <th scope="colgroup" colSpan={filterSpan}>
              Filter
            </th>
            {scoreSpan > 0 && (
              <th scope="colgroup" colSpan={scoreSpan}>
                Score (weighted)
              </th>
            )}
            <th scope="col" rowSpan={2}>
              Total
            </th>
          </tr>
          <tr>
            {filterColumns ? (
              filterColumns.map((plugin) => (
                <th key={plugin} scope="col">
                  {plugin}
                </th>
              ))
            ) : (
              <th scope="col">All {table.filterPluginCount} plugins</th>
            )}
            {table.scoreColumns.map(({ plugin, weight }) => (
              <th key={plugin} scope="col">
                {plugin}
                {weight !== null && <span className="explain-weight"> ×{weight}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr
              key={row.node}
              data-explain-node={row.node}
              data-feasible={row.feasible}
              {...(row.selected ? { 'data-selected': 'true' } : {})}
              {...(row.bound ? { 'data-bound': 'true' } : {})}
            >
              <RowHeader node={row.node} selected={row.selected} bound={row.bound} onSelectNode={onSelectNode} />
              {filterColumns ? (
                filterColumns.map((plugin) => <FilterCellView key={plugin} cell={row.filter[plugin]} node={row.node} words={words} />)
              ) : (
                <td className="explain-passed">passed</td>
              )}
              {table.scoreColumns.map(({ plugin }) => {
                const cell = row.score?.[plugin];
                return cell ? (
                  <td key={plugin} className="explain-number" title={`${cell.normalized} after NormalizeScore`}>
                    {cell.weighted}
                  </td>
                ) : (
                  <td key={plugin} className="explain-not-run">
                    <span aria-hidden="true">—</span>
                    <span className="visually-hidden">not scored</span>
                  </td>
                );
              })}
              <td className="explain-number explain-total">{row.total ?? (row.feasible ? '' : 'rejected')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
