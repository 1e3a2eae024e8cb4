import type { HealthVM, PendingVM } from '../view-models/guard-view';

export function HealthBanner({ vm }: { vm: HealthVM }) {
  return (
    <div
      class={`rg-panel rg-tone-${vm.tone}`}
      role={vm.blind ? 'alert' : 'status'}
      data-health={vm.word}
      style={vm.blind ? { borderColor: 'currentColor', borderWidth: '2px' } : undefined}
    >
      <div class="rg-row">
        <strong>
          <span aria-hidden="true">{vm.glyph}</span> Guard: {vm.word}
        </strong>
        <span class="rg-dim">{vm.since}</span>
      </div>
      {vm.blind && (
        <p>
          {vm.orderEntryBlocked
            ? 'The guard cannot see your accounts. Order entry on TopstepX is blocked (fail-closed) until it sees again.'
            : 'The guard cannot see your accounts. Your limits are NOT being enforced.'}
        </p>
      )}
      <p class="rg-dim" style={{ margin: 0, fontSize: '12px' }}>
        {vm.detail}
      </p>
      {vm.clock && (
        <p data-testid="clock-skew" style={{ margin: '4px 0 0', fontSize: '12px' }}>
          <span aria-hidden="true">{'\u23F1'}</span> {vm.clock}
        </p>
      )}
    </div>
  );
}

export function PendingBanner({ vm }: { vm: PendingVM }) {
  return (
    <div class="rg-panel rg-pending" role="note" data-testid="pending">
      <strong>{vm.title}</strong> (the commitment lock holds looser limits until the next reset)
      <ul>
        {vm.items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
    </div>
  );
}
