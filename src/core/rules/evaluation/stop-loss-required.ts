import type { Position } from '../../gateway/schemas';
import { type StopLossRequiredSettings, stopLossRequiredEntry } from '../catalog/stop-loss-required';
import type { Decision } from '../decision';
import { protectiveStops } from '../measures/stops';
import type { Rule, RuleContext } from '../rule';
import { enforcement } from './decide';
import { releaseClosedPositions, takeOnce } from './latches';

/**
 * `stopLossRequired` (docs/rules.md): a position open longer than the grace period without a
 * working protective stop is closed. The grace starts when the position is first seen open (or
 * first seen without its stop: a stop cancelled later restarts the grace from then). Grace
 * starts live in memory so a restarted worker keeps the deadline; nextDeadline tells the worker
 * when to tick. A grace belongs to its position (id and side): a reversal, or a position that
 * closed and reopened while the rule was not looking, is a new position with its own grace.
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
      const since = graceStart(ctx, contractId, p);
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
      if (ctx.memory.stopGrace[contractId] === undefined) takeOnce(ctx, `${ID}|seen|${contractId}`, positionKey(p), 0);
    }
    return out;
  },
  nextDeadline(ctx) {
    let next: number | null = null;
    const graceMs = ctx.settings.graceSec * 1000;
    for (const [contractId, { since }] of Object.entries(ctx.memory.stopGrace)) {
      if (!ctx.account.positions[contractId]) continue;
      if (ctx.memory.latches[`${ID}|close|${contractId}`]?.sig.endsWith(`@${since}`)) continue;
      const due = since + graceMs;
      if (next === null || due < next) next = due;
    }
    return next;
  },
};

/** Which position a grace or a "had a stop" observation belongs to: a reversal in place keeps the id, not the side. */
function positionKey(p: Position): string {
  return `${p.id}:${p.type}`;
}

/**
 * When `p` started its grace without a stop, stored on first sight. A start stored for another
 * position (the one before a reversal or a reopen) is not its start.
 */
function graceStart(ctx: RuleContext<StopLossRequiredSettings>, contractId: string, p: Position): number {
  const stored = ctx.memory.stopGrace[contractId];
  if (stored && stored.positionId === p.id && stored.type === p.type) return stored.since;
  // First sight without a stop: a new position started its grace when it opened; one that had
  // a stop lost it just now. The observation counts only for this very position (a bare id
  // was stored before the side was).
  const seen = ctx.memory.latches[`${ID}|seen|${contractId}`]?.sig;
  const wasProtected = seen === positionKey(p) || seen === String(p.id);
  const openedAt = ctx.account.positionOpenedAt[contractId];
  let since = openedAt !== undefined && !wasProtected ? Math.min(openedAt, ctx.now) : ctx.now;
  // A start stored before graces had an owner may be this position's: it never gets a later one.
  if (stored && stored.positionId === null) since = Math.min(since, stored.since);
  ctx.write().stopGrace[contractId] = { positionId: p.id, type: p.type, since };
  return since;
}
