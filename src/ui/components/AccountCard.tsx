import type { AccountVM } from '../view-models/account-view';
import { ConfirmAction } from './ConfirmAction';
import { MeterBar } from './MeterBar';
import { Sparkline } from './Sparkline';
import { StatusBadge } from './StatusBadge';

export function AccountCard({ vm, onFlatten }: { vm: AccountVM; onFlatten: (accountId: number) => Promise<string> }) {
  const headingId = `rg-acct-${vm.id}`;
  return (
    <section class="rg-panel" aria-labelledby={headingId} data-account={vm.id}>
      <div class="rg-row">
        <h2 id={headingId} style={{ fontSize: '14px', margin: 0 }}>
          {vm.name}
          {vm.group ? <span class="rg-dim"> · group {vm.group}</span> : null}
        </h2>
        <StatusBadge status={vm.status} />
      </div>
      {vm.status.reason && (
        <p class={`rg-tone-${vm.status.tone}`} data-testid="lockout">
          {vm.status.reason} — {vm.status.until}
          {vm.status.countdown && (
            <strong>
              {' '}
              (<span data-testid="countdown">{vm.status.countdown}</span> left)
            </strong>
          )}
        </p>
      )}
      <div class="rg-row">
        <span>
          Realized <strong class={`rg-tone-${vm.realized.tone}`}>{vm.realized.text}</strong>
        </span>
        <span>
          Unrealized <strong class={`rg-tone-${vm.unrealized.tone}`}>{vm.unrealized.text}</strong>
        </span>
        {vm.sparkline && <Sparkline vm={vm.sparkline} />}
      </div>
      <div class="rg-row">
        <span>
          Open contracts <strong class={`rg-tone-${vm.contracts.tone}`}>{vm.contracts.text}</strong>
        </span>
      </div>
      {vm.meters.map((m) => (
        <MeterBar key={m.ruleId} meter={m} />
      ))}
      {vm.ruleErrors.map((e) => (
        <p key={e} role="alert" class="rg-error" data-testid="rule-error">
          {e} (this rule decides nothing until it works again; the others still do)
        </p>
      ))}
      {vm.enforcement && (
        <p role="status" class="rg-tone-warn">
          {vm.enforcement}
        </p>
      )}
      <ConfirmAction
        label={`Flatten ${vm.name}`}
        question={`Close every position and cancel every order on ${vm.name}?`}
        confirmLabel="Yes, flatten"
        onConfirm={() => onFlatten(vm.id)}
      />
    </section>
  );
}
