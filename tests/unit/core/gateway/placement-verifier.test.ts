import { describe, expect, it } from 'vitest';
import { OrderStatus } from '../../../../src/core/gateway/enums';
import { createIntentStore, type IntentRecord } from '../../../../src/core/gateway/intent-store';
import type { OrderReadsApi } from '../../../../src/core/gateway/order-reads';
import { createPlacementVerifier } from '../../../../src/core/gateway/placement-verifier';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';

const MNQ = 'CON.F.US.MNQ.Z25';

function placed(extra: Partial<IntentRecord> = {}): IntentRecord {
  return {
    id: 'i1',
    action: {
      kind: 'place',
      request: { accountId: 7, contractId: MNQ, type: 4, side: 1, size: 1 },
      customTag: 'rg-i1',
    },
    lane: 'enforcement',
    createdAt: 0,
    updatedAt: 0,
    attempts: 1,
    state: 'resolved',
    outcome: { status: 'done', orderId: 31 },
    ...extra,
  };
}

function setup(openOrders: number[] = []) {
  let reads = 0;
  const api: OrderReadsApi = {
    searchOpenOrders: async () => {
      reads += 1;
      return openOrders.map((id) => ({
        id,
        accountId: 7,
        contractId: MNQ,
        creationTimestamp: '2026-11-25T15:00:00Z',
        status: OrderStatus.Open,
        type: 4,
        side: 1,
        size: 1,
      }));
    },
    searchOrders: async () => [],
    searchOpenPositions: async () => [],
  };
  const intents = createIntentStore(createMemoryStore());
  const journal = createMemoryJournal();
  const options = {
    api,
    intents,
    journal,
    clock: { now: () => 5 },
    delaysMs: [0, 0],
    windowMs: 1000,
    sleep: async () => {},
  };
  return { options, intents, journal, reads: () => reads };
}

describe('placement verifier', () => {
  it('schedules only places resolved done with an order id not yet verified', async () => {
    const { options, reads } = setup([31]);
    const verifier = createPlacementVerifier(options);
    verifier.schedule(placed({ outcome: { status: 'done', orderId: 31, verified: true } }));
    verifier.schedule(placed({ outcome: { status: 'failed', error: 'refused', retryable: false } }));
    verifier.schedule(placed({ outcome: { status: 'done' } }));
    verifier.schedule(
      placed({ action: { kind: 'close', accountId: 7, contractId: MNQ }, outcome: { status: 'done' } }),
    );
    await verifier.settled();
    expect(reads()).toBe(0);
    verifier.schedule(placed());
    await verifier.settled();
    expect(reads()).toBe(1);
  });

  it('journals the result when the intent store cannot take it, even for a verified order', async () => {
    const { options, intents, journal } = setup([31]);
    intents.save = async () => {
      throw new Error('quota exceeded');
    };
    const record = placed();
    const verifier = createPlacementVerifier(options);
    verifier.schedule(record);
    await verifier.settled();
    expect(record.outcome).toMatchObject({ verified: true, orderStatus: OrderStatus.Open });
    expect(journal.entries).toHaveLength(1);
    expect(journal.entries[0]?.message).toContain('quota exceeded');
  });

  it('survives a failing journal while still recording the unverified order', async () => {
    const { options, intents } = setup([]);
    const verifier = createPlacementVerifier({
      ...options,
      journal: {
        append: async () => {
          throw new Error('journal down');
        },
        list: async () => [],
      },
    });
    const record = placed();
    verifier.schedule(record);
    await verifier.settled();
    expect((await intents.get('i1'))?.outcome).toMatchObject({ status: 'done', verified: false });
  });
});
