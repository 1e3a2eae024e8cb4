import { describe, expect, it } from 'vitest';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import { guardProblems } from '../../../src/ui/view-models/guard-problems';
import { buildSnapshot } from '../../../src/worker/snapshot/build-snapshot';
import { createPnlSeries } from '../../../src/worker/snapshot/pnl-series';
import { MNQ, rigPerTest, settledPicture } from '../../chaos/guard/guard-chaos-kit';
import { waitFor } from './guard-harness';

/**
 * A REST answer that fails its schema, through the composed guard: the simulator corrupts one
 * field of Trade/search (faults `corrupt`), the guard's reconciliation fails for it as before,
 * and now the failure is also counted in guard health by endpoint kind, journaled once
 * (redacted), and named in the popup's guard health, like a hub event that fails its schema.
 */

const rigs = rigPerTest();

describe('a tampered REST answer through the composed guard', () => {
  it('is counted by endpoint kind, journaled once without ids or tokens, and shown in guard health', async () => {
    const rig = await rigs.start();
    const { sim, harness } = rig;
    const { guard, journal } = harness;
    // A trade on every account: each Trade/search answer has a `trades.0.price` to corrupt.
    for (const id of sim.demo.accountIds) {
      sim.trader.placeOrder(id, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
      await waitFor(() => guard.view().state.accounts[String(id)]?.positions[MNQ], 'the position');
    }

    const fault = sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Trade/search' },
      effect: { type: 'corrupt', path: 'trades.0.price', value: 'NaN' },
      schedule: { type: 'always' },
    });
    await guard.reconcile('test: first tampered read').catch(() => undefined);
    await guard.reconcile('test: second tampered read').catch(() => undefined);
    sim.faults.remove(fault);
    // Queued behind any read still in flight: every tampered answer has been parsed when it resolves.
    await guard.reconcile('test: clean read');

    const seen = sim.faults.fired()[fault] ?? 0;
    expect(seen).toBeGreaterThanOrEqual(2 * sim.demo.accountIds.length);
    expect(guard.view().payloads.byKind['rest:Trade/search']).toBe(seen);
    expect(guard.view().payloads.rejected).toBe(seen);

    const malformed = journal.entries.filter((e) => e.kind === 'malformed-event');
    expect(malformed).toHaveLength(1);
    expect(malformed[0]).toMatchObject({ accountId: null, data: { endpoint: '/api/Trade/search' } });
    expect(malformed[0]?.message).toContain('trades.N.price');
    const text = JSON.stringify(malformed);
    for (const id of sim.demo.accountIds) expect(text).not.toContain(String(id));
    expect(text).not.toContain('NaN');
    expect(text).not.toMatch(/eyJ[\w-]+\./); // no JWT

    const problems = guardProblems(buildSnapshot(guard.view(), createPnlSeries()), guard.view().now);
    const line = problems.find((p) => p.id === 'payloads');
    expect(line?.text).toContain(`rest:Trade/search ${seen}`);

    // Nothing is lost: the read after the gateway answers well again left the guard level with the ledger.
    const { picture, truth } = await settledPicture(rig);
    expect(picture).toEqual(truth);
  });
});
