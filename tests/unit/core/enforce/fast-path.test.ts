import { describe, expect, it, vi } from 'vitest';
import { type DesiredState, emptyDesired } from '../../../../src/core/enforce/desired-state';
import { DEFAULT_FRESH_MS, fastSteps, isFresh, type Sighting, sendAll } from '../../../../src/core/enforce/fast-path';
import type { PlanStep } from '../../../../src/core/enforce/plan';
import type { OrderActions } from '../../../../src/core/gateway/api';
import { GatewayError } from '../../../../src/core/resilience/errors';
import { Lane } from '../../../../src/core/resilience/lanes';
import { ES, MNQ, NQ, order, position, stopFor } from '../rules/fixtures';

const NOW = 1_700_000_000_000;
const flat: DesiredState = { ...emptyDesired(), flat: true };
const sighting = (over: Partial<Sighting> = {}): Sighting => ({
  positions: [],
  orders: [],
  source: 'hub',
  receivedAt: NOW,
  ...over,
});

describe('the fast path: which steps leave at once', () => {
  it('sends every close first, then every cancel, from what the event showed', () => {
    const es = position(ES, 2, 5000);
    const nq = position(NQ, -1, 20_000);
    const working = order(MNQ);
    const steps = fastSteps(flat, sighting({ positions: [es, nq], orders: [working] }), { now: NOW });
    expect(steps.map((s) => s.type)).toEqual(['close', 'close', 'cancel']);
    expect(steps.map((s) => ('contractId' in s ? s.contractId : ''))).toEqual([ES, NQ, MNQ]);
  });

  it('acts on a hub event or a reconciliation, never on a state loaded from disk or a timer', () => {
    const positions = [position(ES, 1, 5000)];
    expect(fastSteps(flat, sighting({ positions, source: 'reconcile' }), { now: NOW })).toHaveLength(1);
    expect(fastSteps(flat, sighting({ positions, source: 'local' }), { now: NOW })).toEqual([]);
    expect(fastSteps(flat, sighting({ positions, source: 'timer' }), { now: NOW })).toEqual([]);
  });

  it('leaves to the read a close the triggering fill has already made pointless, only for that contract', () => {
    const es = position(ES, 2, 5000);
    const nq = position(NQ, 1, 20_000);
    const fill = { contractId: ES, side: 1, size: 2 };
    expect(
      fastSteps(flat, sighting({ positions: [es, nq], fill }), { now: NOW }).map(
        (s) => (s as { contractId: string }).contractId,
      ),
    ).toEqual([NQ]);
    // The fill was smaller, or on the adding side: the close still leaves at once.
    for (const other of [
      { ...fill, size: 1 },
      { ...fill, side: 0 },
      { ...fill, contractId: NQ, size: 2 },
    ]) {
      expect(fastSteps(flat, sighting({ positions: [es], fill: other }), { now: NOW })).toHaveLength(1);
    }
  });

  it('knows the fill flattened its own position when other positions are listed before it', () => {
    const nq = position(NQ, 1, 20_000);
    const es = position(ES, 2, 5000);
    const fill = { contractId: ES, side: 1, size: 2 };
    const steps = fastSteps(flat, sighting({ positions: [nq, es], fill }), { now: NOW });
    expect(steps.map((s) => (s as { contractId: string }).contractId)).toEqual([NQ]);
  });

  it('sends a reduction only from the hub’s own fresh update of that position; never a resize or a stop', () => {
    const es = position(ES, 5, 5000);
    const reduce = { ...emptyDesired(), positionMax: { [ES]: 3 } };
    const fresh = sighting({ positions: [es], positionEventFor: ES });
    expect(fastSteps(reduce, fresh, { now: NOW })).toEqual([
      expect.objectContaining({ type: 'reduce', contractId: ES, by: 2 }),
    ]);
    expect(fastSteps(reduce, { ...fresh, positionEventFor: NQ }, { now: NOW })).toEqual([]);
    const protect = {
      ...emptyDesired(),
      stops: { [ES]: { contractId: ES, stopPrice: 4990, size: 5, side: 1 as const } },
    };
    expect(fastSteps(protect, fresh, { now: NOW })).toEqual([]);
  });

  it('gives way newest first by when the guard saw each position open, as the loop would', () => {
    const es = position(ES, 1, 5000);
    const nq = position(NQ, 1, 20_000); // opened on the gateway at the same moment, a higher id
    const limit = { ...emptyDesired(), maxTotals: [{ maxContracts: 1, counting: 'contracts' as const }] };
    const openedAt = (c: string) => (c === ES ? 2 : 1);
    const steps = fastSteps(limit, sighting({ positions: [es, nq] }), { now: NOW, openedAt });
    expect(steps).toEqual([expect.objectContaining({ type: 'close', contractId: ES })]);
  });

  it('takes from the lots added last, across positions, as the loop would', () => {
    const es = position(ES, 2, 5000);
    const nq = position(NQ, 1, 20_000);
    const limit = { ...emptyDesired(), maxTotals: [{ maxContracts: 2, counting: 'contracts' as const }] };
    const openedAt = (c: string) => (c === ES ? 1 : 3);
    const lots = (c: string) =>
      c === ES
        ? [
            { size: 1, price: 5000, at: 1 },
            { size: 1, price: 5001, at: 5 },
          ]
        : undefined;
    const steps = fastSteps(limit, sighting({ positions: [es, nq], positionEventFor: ES }), {
      now: NOW,
      openedAt,
      lots,
    });
    expect(steps).toEqual([expect.objectContaining({ type: 'reduce', contractId: ES, by: 1 })]);
  });
});

describe('a fresh sighting of a position', () => {
  const es = position(ES, 4, 5000);
  const fresh = sighting({ positions: [es], positionEventFor: ES });

  it('is the hub’s own update of that position, received within 250 ms, the limit included', () => {
    expect(isFresh(fresh, ES, { now: NOW + DEFAULT_FRESH_MS })).toBe(true);
    expect(isFresh(fresh, ES, { now: NOW + DEFAULT_FRESH_MS + 1 })).toBe(false);
    expect(isFresh(fresh, ES, { now: NOW + 900, freshMs: 1000 })).toBe(true);
    expect(isFresh({ ...fresh, source: 'reconcile' }, ES, { now: NOW })).toBe(false);
    expect(isFresh(fresh, NQ, { now: NOW })).toBe(false);
  });

  it('is not fresh when the update shows the position gone', () => {
    expect(isFresh(sighting({ positions: [position(NQ, 1, 1)], positionEventFor: ES }), ES, { now: NOW })).toBe(false);
  });

  it('is not fresh while an exit order on that position may need resizing first; other orders do not matter', () => {
    expect(isFresh({ ...fresh, orders: [stopFor(es, 4990)] }, ES, { now: NOW })).toBe(false);
    expect(isFresh({ ...fresh, orders: [order(ES, { side: 0 })] }, ES, { now: NOW })).toBe(true);
    expect(isFresh({ ...fresh, orders: [order(NQ, { side: 1 })] }, ES, { now: NOW })).toBe(true);
  });
});

describe('sending the fast steps', () => {
  const actions = () => ({ sendNow: vi.fn<OrderActions['sendNow']>(async () => ({ status: 'done' })) });
  const es = position(ES, 2, 5000);
  const close: PlanStep = { type: 'close', contractId: ES, openSize: 2, why: 'flatten' };
  const reduce: PlanStep = { type: 'reduce', contractId: ES, by: 1, openSize: 2, why: 'limit' };
  const cancel: PlanStep = { type: 'cancel', orderId: 41, contractId: MNQ, why: 'flatten' };

  it('sends each at once on the enforcement lane, with the position it acted on as the event showed it', async () => {
    const a = actions();
    const sent = await sendAll(
      a as unknown as OrderActions,
      7,
      [close, reduce, cancel],
      sighting({ positions: [position(NQ, 1, 1), es] }),
    );
    expect(a.sendNow.mock.calls).toEqual([
      [7, { kind: 'close', contractId: ES }, { lane: Lane.Enforcement }],
      [7, { kind: 'reduce', contractId: ES, size: 1 }, { lane: Lane.Enforcement }],
      [7, { kind: 'cancel', orderId: 41 }, { lane: Lane.Enforcement }],
    ]);
    expect(sent.map((s) => [s.step.type, s.position?.contractId, s.result.status])).toEqual([
      ['close', ES, 'done'],
      ['reduce', ES, 'done'],
      ['cancel', undefined, 'done'],
    ]);
  });

  it('reads a throw as an outcome it does not know', async () => {
    const a = actions();
    a.sendNow.mockRejectedValueOnce(new GatewayError('outcome-unknown', 'timed out'));
    const [sent] = await sendAll(a as unknown as OrderActions, 7, [close], sighting({ positions: [es] }));
    expect(sent?.result).toEqual({ status: 'unknown', error: 'outcome-unknown: timed out' });
  });

  it('refuses, without sending, a step that is not for the fast path', async () => {
    const a = actions();
    const resize: PlanStep = { type: 'resize-order', orderId: 5, contractId: ES, size: 1, why: 'x' };
    const [sent] = await sendAll(a as unknown as OrderActions, 7, [resize], sighting());
    expect(sent?.result).toEqual({ status: 'failed', error: 'not a fast step', retryable: false });
    expect(a.sendNow).not.toHaveBeenCalled();
  });
});
