import type { GuardProblemVM } from '../view-models/guard-problems';

/** Guard health beyond the hubs: the page's network block, the page's order entry, rejected payloads. */
export function GuardProblems({ problems }: { problems: readonly GuardProblemVM[] }) {
  if (problems.length === 0) return null;
  return (
    <ul class="rg-panel" data-testid="guard-problems" style={{ margin: '0 0 8px', paddingLeft: '20px' }}>
      {problems.map((p) => (
        <li key={p.id} class={`rg-tone-${p.tone}`} data-problem={p.id} role={p.tone === 'danger' ? 'alert' : undefined}>
          {p.text}
        </li>
      ))}
    </ul>
  );
}
