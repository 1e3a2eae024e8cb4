import { type TradingPermissionSettings, tradingPermissionEntry } from '../catalog/trading-permission';
import type { Decision } from '../decision';
import type { Rule } from '../rule';
import { enforcement } from './decide';
import { release, takeOnce } from './latches';

/**
 * `tradingPermission` (docs/rules.md): the platform says `canTrade: false` → flatten where
 * possible and lock until it is back. The guard itself blind (no token, user hub down or stale)
 * for longer than `blindGraceSec` (global option) → a loud alert; with `failClosed` the figures
 * tell the page to block order entry until the guard sees again. Nothing can be enforced blind,
 * so the blind decision carries action 'none'.
 */

const ID = tradingPermissionEntry.id;

export const tradingPermissionRule: Rule<TradingPermissionSettings> = {
  ...tradingPermissionEntry,
  listensTo: ['account', 'health', 'tick'],
  evaluate(ctx) {
    const out: Decision[] = [];
    if (!ctx.account.account.canTrade) {
      if (takeOnce(ctx, `${ID}|cannot-trade`, '', 0)) {
        out.push(
          enforcement(
            ctx,
            ID,
            { type: 'flatten' },
            'The platform set canTrade: false',
            { canTrade: false },
            {
              kind: 'lockout',
              end: { type: 'condition', condition: 'can-trade' },
              scope: { type: 'account' },
            },
          ),
        );
      }
    } else {
      release(ctx, `${ID}|cannot-trade`);
    }
    const since = ctx.health.blindSince;
    if (since === null) {
      release(ctx, `${ID}|blind`);
      return out;
    }
    const blindSec = (ctx.now - since) / 1000;
    if (
      ctx.settings.alertWhenBlind &&
      blindSec > ctx.options.blindGraceSec &&
      takeOnce(ctx, `${ID}|blind`, String(since), 0)
    ) {
      out.push(
        enforcement(ctx, ID, { type: 'none' }, `The guard has been blind for ${Math.round(blindSec)} s`, {
          blind: true,
          blindSinceMs: since,
          blindSec: Math.round(blindSec),
          failClosed: ctx.options.failClosed,
        }),
      );
    }
    return out;
  },
  nextDeadline(ctx) {
    const since = ctx.health.blindSince;
    if (since === null || !ctx.settings.alertWhenBlind) return null;
    if (ctx.memory.latches[`${ID}|blind`]?.sig === String(since)) return null;
    // Strictly after the grace: one millisecond past it.
    return since + ctx.options.blindGraceSec * 1000 + 1;
  },
};
