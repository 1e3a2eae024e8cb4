import type { MeterVM } from '../view-models/account-view';

export function MeterBar({ meter }: { meter: MeterVM }) {
  const pct = meter.fraction === null ? 0 : Math.round(meter.fraction * 100);
  const text = `${meter.label}: ${meter.valueText} of ${meter.limitText}, ${meter.levelText}, ${meter.modeText}`;
  return (
    <div class="rg-meter-row" data-rule={meter.ruleId} data-level={meter.level}>
      <div class="rg-row">
        <span>{meter.label}</span>
        <span class={`rg-tone-${meter.tone}`}>
          {meter.valueText} / {meter.limitText}
          {meter.level === 'breach' ? ' \u2014 LIMIT' : meter.level === 'warn' ? ' \u2014 near limit' : ''}
          {meter.modeText === 'monitor only' ? ' (monitor only)' : ''}
        </span>
      </div>
      <meter
        class="rg-meter"
        aria-label={meter.label}
        aria-valuetext={text}
        title={text}
        min={0}
        max={100}
        value={pct}
        // The browser colours the bar: green below the first warning, amber up to the limit, red at it.
        optimum={0}
        low={Math.round((meter.ticks[0] ?? 0.999) * 100)}
        high={99.9}
      />
    </div>
  );
}
