import type { ReplayResultView } from '../../../messaging/replay';
import { formatMoney } from '../../format';
import type { DownloadFile } from '../ImportExportSection';
import { EquityCurve } from './EquityCurve';
import { replayCsv } from './replay-csv';
import { costsWords, dayLabel, dayRows, headline } from './replay-view';

const STATUS_WORDS = {
  replayable: { text: '✓ replayable', tone: 'rg-tone-ok' },
  approximate: { text: '≈ approximate', tone: 'rg-tone-warn' },
  'not-replayable': { text: '✗ not replayable', tone: 'rg-tone-danger' },
} as const;

function Money({ value }: { value: number }) {
  return <span class={value < 0 ? 'rg-tone-danger' : value > 0 ? 'rg-tone-ok' : ''}>{formatMoney(value)}</span>;
}

function BeforeAfter(props: { label: string; before: string; after: string; testId: string }) {
  return (
    <tr data-testid={props.testId}>
      <th scope="row">{props.label}</th>
      <td>{props.before}</td>
      <td>{props.after}</td>
    </tr>
  );
}

export function ReplayResults(props: {
  result: ReplayResultView;
  failures: string[];
  now: number;
  download(file: DownloadFile): void;
}) {
  const r = props.result;
  const t = r.totals;
  const worst = (d: { day: string; pnl: number } | null) => (d ? `${formatMoney(d.pnl)} (${dayLabel(d.day)})` : '—');
  const rows = dayRows(r);
  // One account replayed: its name is in the headline's context, not on every row.
  const several = r.accounts.length > 1;
  return (
    <div data-testid="replay-result">
      <p role="status" data-testid="replay-headline">
        <strong>{headline(r)}</strong>
        <br />
        <span class="rg-dim">{r.accounts.map((a) => a.name).join(', ')}</span>
      </p>
      <table aria-label="Before and after" data-testid="replay-totals" style={{ maxWidth: '560px' }}>
        <thead>
          <tr>
            <th />
            <th scope="col">As traded</th>
            <th scope="col">With these rules</th>
          </tr>
        </thead>
        <tbody>
          <BeforeAfter
            label={`Net P&L (${costsWords(r.costs)})`}
            before={formatMoney(t.actualPnl)}
            after={formatMoney(t.replayedPnl)}
            testId="replay-net"
          />
          <BeforeAfter
            label="Worst day"
            before={worst(t.worstDayActual)}
            after={worst(t.worstDayReplayed)}
            testId="replay-worst"
          />
          <BeforeAfter
            label="Largest drawdown"
            before={formatMoney(-t.maxDrawdownActual)}
            after={formatMoney(-t.maxDrawdownReplayed)}
            testId="replay-drawdown"
          />
        </tbody>
      </table>
      <ul class="rg-dim" data-testid="replay-days-summary">
        <li>
          Days locked: <strong>{t.daysLocked}</strong> of {t.tradedDays} traded
          {t.daysWithCooldown > 0 ? `; days with a cooldown: ${t.daysWithCooldown}` : ''}. Fills the rules would have
          removed: {t.removedFills} of {t.fills}; closes by the guard: {t.guardCloses}.
        </li>
        <li>
          Days the rules would have ended better: {t.daysBetter.days} (<Money value={t.daysBetter.sum} />
          ). Worse: {t.daysWorse.days} (<Money value={t.daysWorse.sum} />
          ), of which profitable days cut short: {t.profitableDaysCut.days} (<Money value={t.profitableDaysCut.sum} />
          ).
        </li>
      </ul>
      <EquityCurve result={r} />
      <h3>What history can and cannot tell</h3>
      <ul data-testid="replay-rules">
        {r.rules.map((rule) => (
          <li key={rule.ruleId} data-rule={rule.ruleId} data-status={rule.status}>
            <span class={`rg-badge ${STATUS_WORDS[rule.status].tone}`}>{STATUS_WORDS[rule.status].text}</span>{' '}
            <strong>{rule.name}</strong>: {rule.reason}
          </li>
        ))}
        <li class="rg-dim">
          Closes the guard would have made are priced at the breach's own price (the fill or minute-bar price that
          crossed the limit: the guard acts within tens of milliseconds), or, for timed closes and other contracts, at
          the next minute bar's open.{' '}
          {r.barsUsed ? '' : 'No minute bars were loaded: such closes use the last price seen.'}
        </li>
        {r.monitorAs === 'enforce' && <li class="rg-dim">Rules in monitor mode were replayed as if enforcing.</li>}
        {[...r.notes, ...props.failures.map((f) => `Not fetched: ${f}`)].map((n) => (
          <li key={n} class="rg-tone-warn">
            {n}
          </li>
        ))}
      </ul>
      <div class="rg-row">
        <h3>Day by day</h3>
        <button type="button" class="rg-btn" onClick={() => props.download(replayCsv(r, props.now))}>
          Download CSV
        </button>
      </div>
      <div style={{ overflowX: 'auto' }}>
        <table data-testid="replay-days">
          <thead>
            <tr>
              <th scope="col">Day</th>
              {several && <th scope="col">Account</th>}
              <th scope="col">As traded</th>
              <th scope="col">With rules</th>
              <th scope="col">Difference</th>
              <th scope="col">Fills removed</th>
              <th scope="col">What the rules did ({r.timeZone})</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.key} data-day={d.day}>
                <td style={{ whiteSpace: 'nowrap' }}>
                  {dayLabel(d.day)}
                  {(d.locked || d.cooldown) && (
                    <>
                      {' '}
                      <span class="rg-badge rg-tone-warn" style={{ fontSize: '11px' }}>
                        {d.locked ? 'locked' : 'cooldown'}
                      </span>
                    </>
                  )}
                </td>
                {several && <td>{d.account}</td>}
                <td style={{ whiteSpace: 'nowrap' }}>
                  <Money value={d.actual} />
                </td>
                <td style={{ whiteSpace: 'nowrap' }}>
                  <Money value={d.replayed} />
                  {d.approximate.length > 0 && (
                    <span class="rg-tone-warn" title={d.approximate.join('\n')}>
                      {' '}
                      ≈
                    </span>
                  )}
                </td>
                <td style={{ whiteSpace: 'nowrap' }}>
                  <Money value={d.difference} />
                </td>
                <td>
                  {d.removed} of {d.fills}
                </td>
                <td style={{ fontSize: '12px' }}>
                  {[...d.fired, ...d.closes].map((line) => (
                    <div key={line}>{line}</div>
                  ))}
                  {d.approximate.map((a) => (
                    <div key={a} class="rg-tone-warn">
                      ≈ {a}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
