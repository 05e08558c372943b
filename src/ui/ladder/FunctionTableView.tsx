/**
 * "All functions up to K": the search's table of distinct functions, 50 rows a page, filtered in the worker (real
 * on ℝ, constant, K) and opened in the playground by a click.
 */
import { useEffect, useState } from 'react';
import type { FunctionRow, RowFilter } from '../../eml/enumerate/rows.ts';
import { enumerateClient } from '../../workers/enumerateClient.ts';
import { openTree, useLadder } from './ladderStore.ts';

const PAGE = 50;
type Tri = 'any' | 'yes' | 'no';
const tri = (t: Tri): boolean | undefined => (t === 'any' ? undefined : t === 'yes');

function showValue(z: { re: number; im: number }): string {
  const g = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(8)).toString() : String(v));
  if (z.im === 0 || Number.isNaN(z.re)) return g(z.re);
  return `${g(z.re)} ${z.im < 0 ? '−' : '+'} ${g(Math.abs(z.im))}i`;
}

export function FunctionTableView() {
  const version = useLadder((s) => s.tableVersion);
  const [real, setReal] = useState<Tri>('any');
  const [constant, setConstant] = useState<Tri>('any');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ total: number; rows: FunctionRow[] } | null>(null);

  useEffect(() => {
    let live = true;
    const filter: RowFilter = { real: tri(real), constant: tri(constant) };
    void enumerateClient.rows(filter, offset, PAGE).then((p) => live && setPage(p));
    return () => {
      live = false;
    };
  }, [real, constant, offset, version]);

  const select = (label: string, value: Tri, set: (t: Tri) => void) => (
    <label>
      {label}{' '}
      <select
        value={value}
        onChange={(e) => {
          set(e.currentTarget.value as Tri);
          setOffset(0);
        }}
      >
        <option value="any">any</option>
        <option value="yes">yes</option>
        <option value="no">no</option>
      </select>
    </label>
  );

  return (
    <div className="function-table">
      <div className="function-table-filters">
        {select('Real on ℝ', real, setReal)}
        {select('Constant', constant, setConstant)}
      </div>
      {page && (
        <>
          <p>
            {page.total.toLocaleString('en-US')} functions
            {page.total > 0 && `, rows ${offset + 1}–${Math.min(offset + PAGE, page.total)}`}
          </p>
          <table aria-label="Distinct functions">
            <thead>
              <tr>
                <th scope="col">K</th>
                <th scope="col">Smallest tree</th>
                <th scope="col">Value at 2</th>
                <th scope="col">Real on ℝ</th>
                <th scope="col">Constant</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.k}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => openTree(r.tree)}
                      title="Open in the playground"
                    >
                      <code>{r.tree}</code>
                    </button>
                  </td>
                  <td>{showValue(r.valueAt2)}</td>
                  <td>{r.real ? 'yes' : 'no'}</td>
                  <td>{r.constant ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="function-table-pages">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Previous page
            </button>
            <button type="button" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
              Next page
            </button>
          </div>
        </>
      )}
    </div>
  );
}
