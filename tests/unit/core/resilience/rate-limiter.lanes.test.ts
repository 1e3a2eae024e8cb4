import { describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../../../../src/core/resilience/errors';
import type { Lane } from '../../../../src/core/resilience/lanes';
import { rejectionOf, settle } from './helpers';
import { burst, limiter, settled, take, useFakeTimersAtT0 } from './rate-limiter-fixture';

describe('rate limiter: lanes and queues', () => {
  useFakeTimersAtT0();

  it('sends a queued enforcement request before routine and reconciliation requests queued earlier', async () => {
    const l = limiter({ safetyMargin: 0, limits: { general: { max: 1, windowMs: 1_000 } } });
    await burst(l, 'general', 1);
    const order: string[] = [];
    const track = (lane: Lane, id: string) => take(l, 'general', lane).then(() => order.push(id));
    const all = [
      track('routine', 'routine-1'),
      track('reconciliation', 'recon-1'),
      track('routine', 'routine-2'),
      track('enforcement', 'flatten'),
    ];
    await vi.advanceTimersByTimeAsync(4_000);
    await Promise.all(all);
    expect(order).toEqual(['flatten', 'recon-1', 'routine-1', 'routine-2']);
  });

  it('rejects with queue-full once a lane queue is at its bound and settles every request (no unbounded memory)', async () => {
    const l = limiter({ safetyMargin: 0, limits: { general: { max: 1, windowMs: 1_000 } }, maxQueue: 5 });
    await burst(l, 'general', 1);
    const results = Array.from({ length: 100 }, () => settle(take(l, 'general', 'routine')));
    await settled();
    const rejected = results.filter((r) => r.result()?.status === 'rejected');
    expect(rejected).toHaveLength(95);
    const first = rejected[0];
    if (!first) throw new Error('no rejection');
    const reason = rejectionOf(first);
    expect(reason).toBeInstanceOf(GatewayError);
    expect((reason as GatewayError).kind).toBe('queue-full');
    expect(l.stats().general.queued.routine).toBe(5);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(results.filter((r) => r.result()?.status === 'fulfilled')).toHaveLength(5);
    expect(l.stats().general.rejectedQueueFull).toBe(95);
  });

  it('still queues an enforcement request when the routine queue is full', async () => {
    const l = limiter({ limits: { general: { max: 1, windowMs: 1_000 } }, safetyMargin: 0, maxQueue: { routine: 2 } });
    await burst(l, 'general', 1);
    const routine = [1, 2, 3].map(() => settle(take(l, 'general', 'routine')));
    const flatten = settle(take(l, 'general', 'enforcement'));
    await settled();
    expect(routine[2]?.result()?.status).toBe('rejected');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(flatten.result()?.status).toBe('fulfilled');
    expect(routine[0]?.result()).toBeUndefined();
  });

  it('keeps the last 10 % of the general window for enforcement: routine traffic cannot starve a flatten', async () => {
    const l = limiter();
    expect(l.stats().general.enforcementReserve).toBe(18);
    await burst(l, 'general', 162, 'routine');
    const routine = settle(take(l, 'general', 'routine'));
    const recon = settle(take(l, 'general', 'reconciliation'));
    await settled();
    expect(routine.result()).toBeUndefined();
    expect(recon.result()).toBeUndefined();
    await burst(l, 'general', 18, 'enforcement');
    const overflow = settle(take(l, 'general', 'enforcement'));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(overflow.result()).toBeUndefined();
    expect(routine.result()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(overflow.result()?.status).toBe('fulfilled');
    expect(recon.result()?.status).toBe('fulfilled');
    expect(routine.result()?.status).toBe('fulfilled');
  });

  it('lets an enforcement request through at once while lower lanes wait for the window', async () => {
    const l = limiter({
      safetyMargin: 0,
      limits: { general: { max: 10, windowMs: 1_000 } },
      enforcementReserve: { general: 2 },
    });
    await burst(l, 'general', 8, 'routine');
    const waiting = settle(take(l, 'general', 'routine'));
    await settled();
    expect(waiting.result()).toBeUndefined();
    await burst(l, 'general', 2, 'enforcement');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(waiting.result()?.status).toBe('fulfilled');
  });
});
