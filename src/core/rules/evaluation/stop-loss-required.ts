import { type StopLossRequiredSettings, stopLossRequiredEntry } from '../catalog/stop-loss-required';
import type { Decision } from '../decision';
import { protectiveStops } from '../measures/stops';
import type { Rule } from '../rule';
import { enforcement } from './decide';
import { releaseClosedPositions, takeOnce } from './latches';

/**
 * `stopLossRequired` (docs/rules.md): a position open longer than the grace period without a
 * working protective stop is closed. The grace starts when the position is first seen open (or
 * first seen without its stop: a stop cancelled later restarts the grace from then). Grace
 * starts live in memory so a restarted worker keeps the deadline; nextDeadline tells the worker
 * when to tick.
 *
 *   (no entry) ──position without stop──▶ grace(since) ──stop appears──▶ (no entry)
 *                                            │ now ≥ since+grace
 *                                            ▼
 *                                       close-position (once per position)
 */

const ID = stopLossRequiredEntry.id;

export const stopLossRequiredRule: Rule<StopLossRequiredSettings> = {
  ...stopLossRequiredEntry,
  listensTo: ['position', 'order', 'tick'],
  // "This position had a stop" is an observation: a settings change must not restart its grace from the open.
  keepOnChange: [`${ID}|seen|`],
  evaluate(ctx) {
    const graceMs = ctx.settings.graceSec * 1000;
    const out: Decision[] = [];
    const positions = ctx.account.positions;
    for (const contractId of Object.keys(ctx.memory.stopGrace)) {
      if (!positions[contractId]) delete ctx.write().stopGrace[contractId];
    }
    releaseClosedPositions(ctx, `${ID}|close|`);
    releaseClosedPositions(ctx, `${ID}|seen|`);
    for (const [contractId, p] of Object.entries(positions)) {
      if (protectiveStops(ctx.account, p).length > 0) {
        if (ctx.memory.stopGrace[contractId] !== undefined) delete ctx.write().stopGrace[contractId];
        continue;
      }
      let since = ctx.memory.stopGrace[contractId];
      if (since === undefined) {
        // First sight without a stop: a new position started its grace when it opened; an
        // older one lost its stop just now.
        const openedAt = ctx.account.positionOpenedAt[contractId];
        const wasProtected = ctx.memory.latches[`${ID}|seen|${contractId}`] !== undefined;
        since = openedAt !== undefined && !wasProtected ? Math.min(openedAt, ctx.now) : ctx.now;
        ctx.write().stopGrace[contractId] = since;
      }
      if (ctx.now - since < graceMs) continue;
      if (!takeOnce(ctx, `${ID}|close|${contractId}`, `${p.id}@${since}`, 0)) continue;
      out.push(
        enforcement(
          ctx,
          ID,
          { type: 'close-position', contractId },
          `No protective stop on ${contractId} for ${Math.round((ctx.now - since) / 1000)} s (grace ${ctx.settings.graceSec} s)`,
          { contractId, unprotectedSec: Math.round((ctx.now - since) / 1000), graceSec: ctx.settings.graceSec },
        ),
      );
    }
    // Remember which positions have been protected once, so a later cancel restarts the grace.
    for (const [contractId, p] of Object.entries(positions)) {
      if (ctx.memory.stopGrace[contractId] === undefined) takeOnce(ctx, `${ID}|seen|${contractId}`, String(p.id), 0);
    }
    return out;
  },
  nextDeadline(ctx) {
    let next: number | null = null;
    const graceMs = ctx.settings.graceSec * 1000;
    for (const [contractId, since] of Object.entries(ctx.memory.stopGrace)) {
      if (!ctx.account.positions[contractId]) continue;
      if (ctx.memory.latches[`${ID}|close|${contractId}`]?.sig.endsWith(`@${since}`)) continue;
      const due = since + graceMs;
      if (next === null || due < next) next = due;
    }
    return next;
  },
};
