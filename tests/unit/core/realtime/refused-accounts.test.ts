import { describe, expect, it } from 'vitest';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { createRefusedAccounts } from '../../../../src/core/realtime/refused-accounts';
import { type SubscriptionSpec, userAccountSubscriptions } from '../../../../src/core/realtime/subscription-registry';

function setup(rest: { ids: number[]; fail?: boolean }) {
  const journal = createMemoryJournal();
  const givenUp: number[] = [];
  let changes = 0;
  let release: () => void = () => undefined;
  let hold = false;
  const refused = createRefusedAccounts({
    api: {
      async searchAccounts() {
        if (hold) await new Promise<void>((r) => (release = r));
        if (rest.fail) throw new Error('503');
        return rest.ids.map((id) => ({ id, name: `A-${id}`, balance: 50_000, canTrade: true, isVisible: true }));
      },
    },
    clock: { now: () => 1_000 },
    journal,
    giveUp: (id) => givenUp.push(id),
    changed: () => {
      changes += 1;
    },
  });
  return {
    refused,
    journal,
    givenUp,
    changes: () => changes,
    holdRest: () => {
      hold = true;
    },
    releaseRest: () => {
      hold = false;
      release();
    },
  };
}

const [orders7, positions7, trades7] = userAccountSubscriptions(7) as [
  SubscriptionSpec,
  SubscriptionSpec,
  SubscriptionSpec,
];
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('createRefusedAccounts', () => {
  it('gives up an account REST does not list among the login’s active accounts, and journals why once', async () => {
    const { refused, journal, givenUp } = setup({ ids: [8] });
    refused.refused(orders7, 'Unauthorized');
    refused.refused(positions7, 'Unauthorized');
    await flush();
    expect(givenUp).toEqual([7]);
    expect(refused.blind()).toBe(false);
    expect(journal.entries).toHaveLength(1);
    expect(journal.entries[0]).toMatchObject({ kind: 'connection', accountId: 7, data: { reason: 'Unauthorized' } });
    expect(journal.entries[0]?.message).toContain('no longer watched');
  });

  it('keeps an account the login still has, blind until every refused subscription of it is accepted', async () => {
    const { refused, givenUp, changes } = setup({ ids: [7] });
    refused.refused(orders7, 'busy');
    refused.refused(trades7, 'busy');
    await flush();
    expect(givenUp).toEqual([]);
    expect(refused.blind()).toBe(true);
    refused.accepted(orders7);
    expect(refused.blind()).toBe(true);
    refused.accepted(trades7);
    expect(refused.blind()).toBe(false);
    expect(changes()).toBe(2); // blind, then not
  });

  it('decides nothing while REST is unreachable, and checks again at the next refusal', async () => {
    const rest = { ids: [8], fail: true };
    const { refused, givenUp } = setup(rest);
    refused.refused(orders7, 'Unauthorized');
    await flush();
    expect(givenUp).toEqual([]);
    expect(refused.blind()).toBe(true);
    rest.fail = false;
    refused.refused(orders7, 'Unauthorized');
    await flush();
    expect(givenUp).toEqual([7]);
  });

  it('ignores a REST answer that lands after the session stopped', async () => {
    const { refused, givenUp, holdRest, releaseRest } = setup({ ids: [] });
    holdRest();
    refused.refused(orders7, 'Unauthorized');
    refused.clear();
    releaseRest();
    await flush();
    expect(givenUp).toEqual([]);
    expect(refused.blind()).toBe(false);
  });

  it('leaves subscriptions that name no account to the connection manager', async () => {
    const { refused, givenUp } = setup({ ids: [] });
    refused.refused({ method: 'SubscribeAccounts', args: [] }, 'busy');
    refused.refused({ method: 'SubscribeContractQuotes', args: ['CON.F.US.MNQ.Z26'] }, 'unknown contract');
    await flush();
    expect(givenUp).toEqual([]);
    expect(refused.blind()).toBe(false);
  });
});
