import { errorMessage } from '../error-message';
import type { GatewayReads } from '../gateway/api';
import type { Timers } from '../ports';
import { isGatewayError } from '../resilience/errors';
import { Lane } from '../resilience/lanes';
import { isWorking, type RealState } from './plan';

/**
 * Reads an account's REAL positions and working orders through REST on the enforcement
 * lane. Reads are idempotent, so they are retried, a bounded number of times, with
 * exponential backoff (a 429's Retry-After wins when it is longer): enforcement waits for an
 * API that is down instead of acting blind, and gives up loudly when it stays down.
 */
export interface ReadPolicy {
  attempts: number;
  backoffMs: number;
  maxBackoffMs: number;
}

export type ReadResult = { ok: true; real: RealState } | { ok: false; reason: string; attempts: number };

export function sleep(timers: Timers, ms: number): Promise<void> {
  return new Promise((resolve) => {
    timers.setTimeout(resolve, ms);
  });
}

export function errorText(error: unknown): string {
  if (isGatewayError(error)) return `${error.kind}: ${error.message}`;
  return errorMessage(error);
}

export async function readAccount(
  reads: GatewayReads,
  timers: Timers,
  accountId: number,
  policy: ReadPolicy,
  shouldStop: () => boolean,
): Promise<ReadResult> {
  const ctx = { lane: Lane.Enforcement };
  let last: unknown;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (shouldStop()) return { ok: false, reason: 'stopped', attempts: attempt - 1 };
    try {
      // In parallel: one round trip, not two (both are reads, so a failed one is simply retried).
      const [positions, orders] = await Promise.all([
        reads.searchOpenPositions({ accountId }, ctx),
        reads.searchOpenOrders({ accountId }, ctx),
      ]);
      return {
        ok: true,
        real: {
          positions: positions.filter((p) => p.accountId === accountId && p.size !== 0),
          orders: orders.filter((o) => o.accountId === accountId && isWorking(o)),
        },
      };
    } catch (error) {
      last = error;
      if (attempt === policy.attempts) break;
      const backoff = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (attempt - 1));
      const retryAfter = isGatewayError(error) ? (error.retryAfterMs ?? 0) : 0;
      await sleep(timers, Math.max(backoff, retryAfter));
    }
  }
  return { ok: false, reason: `cannot read the account: ${errorText(last)}`, attempts: policy.attempts };
}
