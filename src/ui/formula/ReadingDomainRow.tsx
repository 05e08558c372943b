/**
 * The "Valid for" row for a tree typed as EML: nothing was compiled, so the worker measures where the tree equals
 * its own decompiled reading (compileFacts.ts emlFacts, compiler/readingDomain.ts), so the formula shown above comes
 * with the range where the tree really computes it. Same states as the compiled input's row: measuring… (aria-busy),
 * the statement, or why it was not measured.
 */
import { usePlayground } from '../../store/store.ts';
import { useCompileFacts } from './factsClient.ts';

export function ReadingDomainRow() {
  const text = usePlayground((s) => s.doc.text);
  const kind = usePlayground((s) => s.doc.inputKind);
  const compileMode = usePlayground((s) => s.doc.compileMode);
  const clean = usePlayground((s) => s.doc.clean);
  const facts = useCompileFacts(text, { kind, compileMode, clean });
  const busy = facts.status === 'pending';
  const domain = busy
    ? 'measuring…'
    : facts.status === 'failed'
      ? `not measured (${facts.reason})`
      : (facts.domain.text ?? `not measured (${facts.domain.reason})`);
  return (
    <tr>
      <th scope="row">Valid for</th>
      <td data-testid="metric-domain" aria-busy={busy ? 'true' : undefined}>
        {domain}
      </td>
    </tr>
  );
}
