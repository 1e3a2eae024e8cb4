import type { RuleContext } from '../rule';

/**
 * Latches: what a rule has already decided (`ruleId|…` keys in its memory, each with a
 * signature and an expiry), so a repeated event or a restarted worker decides it once.
 */

/** True (and latched) when the decision keyed `key` with signature `sig` was not taken yet. */
export function takeOnce(ctx: RuleContext<unknown>, key: string, sig: string, until: number): boolean {
  const l = ctx.memory.latches[key];
  if (l && l.sig === sig && (l.until === 0 || l.until > ctx.now)) return false;
  ctx.write().latches[key] = { sig, until };
  return true;
}

export function isTaken(ctx: RuleContext<unknown>, key: string): boolean {
  const l = ctx.memory.latches[key];
  return l !== undefined && (l.until === 0 || l.until > ctx.now);
}

export function release(ctx: RuleContext<unknown>, key: string): void {
  if (ctx.memory.latches[key]) delete ctx.write().latches[key];
}

/** Drop latches `prefix<contractId>` of contracts that no longer have a position. */
export function releaseClosedPositions(ctx: RuleContext<unknown>, prefix: string): void {
  for (const key of Object.keys(ctx.memory.latches)) {
    if (key.startsWith(prefix) && !ctx.account.positions[key.slice(prefix.length)]) release(ctx, key);
  }
}
