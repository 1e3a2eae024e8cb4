import { describe, expect, it, vi } from 'vitest';
import { errorText, type ReadPolicy, readAccount } from '../../../../src/core/enforce/read-account';
import type { GatewayReads } from '../../../../src/core/gateway/api';
import { OrderStatus } from '../../../../src/core/gateway/enums';
import type { Order, Position } from '../../../../src/core/gateway/schemas';
import type { Timers } from '../../../../src/core/ports';
import { GatewayError } from '../../../../src/core/resilience/errors';
import { Lane } from '../../../../src/core/resilience/lanes';
import { ACCOUNT, CL, ES, MNQ, order, position } from '../rules/fixtures';

/** Timers that fire at once and remember every wait asked for. */
function instantTimers(): Timers & { waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    setTimeout(fn, ms) {
      waits.push(ms);
      queueMicrotask(fn);
      return 0 as unknown as ReturnType<Timers['setTimeout']>;
    },
    clearTimeout() {},
  };
}

/** Reads that fail with the given errors first, then answer with the account as given. */
function reads(failures: unknown[], positions: Position[] = [], orders: Order[] = []) {
  const queue = [...failures];
  const searchOpenPositions = vi.fn(async () => {
    const next = queue.shift();
    if (next !== undefined) throw next;
    return positions;
  });
  const searchOpenOrders = vi.fn(async () => orders);
  return { searchOpenPositions, searchOpenOrders } as unknown as GatewayReads & {
    searchOpenPositions: typeof searchOpenPositions;
    searchOpenOrders: typeof searchOpenOrders;
  };
}

const policy: ReadPolicy = { attempts: 4, backoffMs: 100, maxBackoffMs: 300 };
const down = () => new GatewayError('transient', 'socket hang up');

describe('reading an account before acting on it', () => {
  it('asks for positions and working orders of that account on the enforcement lane', async () => {
    const r = reads([]);
    await readAccount(r, instantTimers(), ACCOUNT, policy, () => false);
    expect(r.searchOpenPositions).toHaveBeenCalledWith({ accountId: ACCOUNT }, { lane: Lane.Enforcement });
    expect(r.searchOpenOrders).toHaveBeenCalledWith({ accountId: ACCOUNT }, { lane: Lane.Enforcement });
  });

  it('keeps only what is open on that account: no closed position, no finished order, nothing of another account', async () => {
    const open = position(ES, 2, 5000);
    const working = order(MNQ);
    const result = await readAccount(
      reads(
        [],
        [open, position(CL, 0, 60), position(ES, 1, 5000, { accountId: 99 })],
        [
          working,
          order(ES, { status: OrderStatus.Filled }),
          order(ES, { status: OrderStatus.Cancelled }),
          order(MNQ, { accountId: 99 }),
        ],
      ),
      instantTimers(),
      ACCOUNT,
      policy,
      () => false,
    );
    expect(result).toEqual({ ok: true, real: { positions: [open], orders: [working] } });
  });

  it('retries a failed read with a backoff that doubles up to its cap', async () => {
    const timers = instantTimers();
    const result = await readAccount(reads([down(), down(), down()]), timers, ACCOUNT, policy, () => false);
    expect(result.ok).toBe(true);
    expect(timers.waits).toEqual([100, 200, 300]);
  });

  it('waits out a 429’s Retry-After when it is longer than the backoff, and never less than the backoff', async () => {
    const timers = instantTimers();
    const limited = (ms: number) => new GatewayError('rate-limited', 'too many', { httpStatus: 429, retryAfterMs: ms });
    await readAccount(reads([limited(2_000), limited(50)]), timers, ACCOUNT, policy, () => false);
    expect(timers.waits).toEqual([2_000, 200]);
  });

  it('gives up loudly after its last attempt, without a wait after it, saying what went wrong', async () => {
    const timers = instantTimers();
    const r = reads([down(), down(), down(), down(), down()]);
    const result = await readAccount(r, timers, ACCOUNT, policy, () => false);
    expect(result).toEqual({ ok: false, reason: 'cannot read the account: transient: socket hang up', attempts: 4 });
    expect(r.searchOpenPositions).toHaveBeenCalledTimes(4);
    expect(timers.waits).toHaveLength(3);
  });

  it('stops between attempts when asked, saying how many it made', async () => {
    let stop = false;
    const r = reads([down(), down()]);
    r.searchOpenPositions.mockImplementationOnce(async () => {
      stop = true;
      throw down();
    });
    expect(await readAccount(r, instantTimers(), ACCOUNT, policy, () => stop)).toEqual({
      ok: false,
      reason: 'stopped',
      attempts: 1,
    });
    expect(await readAccount(reads([]), instantTimers(), ACCOUNT, policy, () => true)).toEqual({
      ok: false,
      reason: 'stopped',
      attempts: 0,
    });
  });

  it('words an error by its kind when the gateway gave one, else by its message, else as it is', () => {
    expect(errorText(new GatewayError('unavailable', 'HTTP 503'))).toBe('unavailable: HTTP 503');
    expect(errorText(new Error('boom'))).toBe('boom');
    expect(errorText('plain')).toBe('plain');
  });
});
