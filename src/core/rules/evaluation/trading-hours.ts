import { tickerOf } from '../../gateway/symbols';
import { type Hours, type TradingHoursSettings, tradingHoursEntry } from '../catalog/trading-hours';
import type { Decision } from '../decision';
import type { Rule, RuleContext } from '../rule';
import { cachedNextWindowChange, isWindowOpen, type WindowSpec } from '../wall-clock/trading-window';
import { enforcement } from './decide';
import { isTaken, release, takeOnce } from './latches';

/**
 * `tradingHours` (docs/rules.md): trading only inside the allowed window. A fill or working
 * order outside it is closed / cancelled; when the window ends the account is flattened and
 * locked until the next window opens. Per-symbol overrides give a root its own start–end (same
 * weekdays, holidays and zone). With an override window still open at the account window's end,
 * only what is outside its own window is closed (a whole-account lockout would close the rest).
 *
 *   open ──window ends──▶ closed(latched: flatten + lockout until next open) ──opens──▶ open
 */

const ID = tradingHoursEntry.id;

function windowFor(s: TradingHoursSettings, ticker: string | null): WindowSpec {
  let hours: Hours = { start: s.start, end: s.end };
  // null (the account's own window) is no root's ticker.
  for (const [root, h] of Object.entries(s.symbolOverrides)) if (tickerOf(root) === ticker) hours = h;
  return { timeZone: s.timeZone, weekdays: s.weekdays, holidays: s.holidays, ...hours };
}

function hasOverride(s: TradingHoursSettings, ticker: string): boolean {
  return Object.keys(s.symbolOverrides).some((r) => tickerOf(r) === ticker);
}

function outsideItems(ctx: RuleContext<TradingHoursSettings>) {
  const positions: string[] = [];
  const orders: number[] = [];
  const cache = new Map<string, boolean>();
  const open = (contractId: string) => {
    const t = tickerOf(contractId);
    let v = cache.get(t);
    if (v === undefined) {
      v = isWindowOpen(ctx.now, windowFor(ctx.settings, t));
      cache.set(t, v);
    }
    return v;
  };
  for (const p of Object.values(ctx.account.positions)) if (!open(p.contractId)) positions.push(p.contractId);
  for (const o of Object.values(ctx.account.orders)) if (!open(o.contractId)) orders.push(o.id);
  return { positions, orders };
}

export const tradingHoursRule: Rule<TradingHoursSettings> = {
  ...tradingHoursEntry,
  listensTo: ['position', 'order', 'tick'],
  evaluate(ctx) {
    const s = ctx.settings;
    const main = windowFor(s, null);
    const openNow = isWindowOpen(ctx.now, main);
    const wasOpen = ctx.memory.windowOpen[''];
    if (wasOpen !== openNow) ctx.write().windowOpen[''] = openNow;
    const out: Decision[] = [];
    // The lock of the closed stretch would expire by now anyway; an open window also clears one
    // that an earlier version latched without an end.
    if (openNow) release(ctx, `${ID}|closed`);
    const { positions, orders } = outsideItems(ctx);
    if (!openNow && !isTaken(ctx, `${ID}|closed`)) {
      const nextOpen = cachedNextWindowChange(ctx.now, main, s);
      // With no opening in sight the lockout runs to the next reset (lockout-record.ts), and so
      // does this lock: past the reset, a window still shut is flattened and locked again.
      const until = nextOpen ?? ctx.tradingDay.nextReset;
      const sig = String(nextOpen ?? 'never');
      const overrideOpen = Object.keys(s.symbolOverrides).some((r) => isWindowOpen(ctx.now, windowFor(s, tickerOf(r))));
      if (!overrideOpen && takeOnce(ctx, `${ID}|closed`, sig, until)) {
        // The window's end (or the first look outside it): one flatten, not one per item.
        for (const c of positions) takeOnce(ctx, `${ID}|pos|${c}`, 'x', until);
        for (const o of orders) takeOnce(ctx, `${ID}|ord|${o}`, 'x', until);
        out.push(
          enforcement(
            ctx,
            ID,
            positions.length + orders.length > 0 ? { type: 'flatten' } : { type: 'none' },
            'Outside the allowed trading hours',
            { start: s.start, end: s.end, timeZone: s.timeZone, nextOpen: nextOpen ?? null },
            {
              kind: 'lockout',
              end: nextOpen === null ? { type: 'next-window' } : { type: 'next-window', at: nextOpen },
              scope: { type: 'account' },
            },
          ),
        );
        return out;
      }
    }
    for (const c of positions) {
      if (!takeOnce(ctx, `${ID}|pos|${c}`, 'x', ctx.now + 60_000)) continue;
      const ticker = tickerOf(c);
      out.push(
        enforcement(
          ctx,
          ID,
          { type: 'close-position', contractId: c },
          `${ticker} position outside its trading hours`,
          {
            contractId: c,
            override: hasOverride(s, ticker),
          },
        ),
      );
    }
    for (const id of orders) {
      if (!takeOnce(ctx, `${ID}|ord|${id}`, 'x', ctx.now + 60_000)) continue;
      out.push(
        enforcement(ctx, ID, { type: 'cancel-order', orderId: id }, 'Working order outside trading hours', {
          orderId: id,
        }),
      );
    }
    return out;
  },
  nextDeadline(ctx) {
    const s = ctx.settings;
    let next = cachedNextWindowChange(ctx.now, windowFor(s, null), s);
    for (const [root, hours] of Object.entries(s.symbolOverrides)) {
      const n = cachedNextWindowChange(ctx.now, windowFor(s, tickerOf(root)), hours);
      if (n !== null && (next === null || n < next)) next = n;
    }
    return next;
  },
};
