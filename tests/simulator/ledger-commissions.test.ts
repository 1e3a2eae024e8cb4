import { describe, expect, it } from 'vitest';
import { createLedger } from '../../simulator/ledger';

const account = { id: 1, name: 'A', balance: 100, canTrade: true, isVisible: true };
const trade = (id: number, profitAndLoss: number | null, voided = false) => ({
  id,
  accountId: 1,
  contractId: 'C',
  creationTimestamp: 't',
  price: 1,
  profitAndLoss,
  fees: 0.5,
  commissions: 0.25,
  side: 0,
  size: 1,
  voided,
  orderId: 7,
});

describe('ledger truth: commissions', () => {
  it('sums the commissions of the live trades apart from the fees, a voided trade counting for nothing', () => {
    const l = createLedger(() => 0);
    l.append({ type: 'account', accountId: 1, account });
    l.append({ type: 'trade', accountId: 1, trade: trade(1, null) });
    l.append({ type: 'trade', accountId: 1, trade: trade(2, -30) });
    l.append({ type: 'trade', accountId: 1, trade: trade(3, 10) });
    l.append({ type: 'trade', accountId: 1, trade: trade(2, -30, true) });
    expect(l.truth(1)).toMatchObject({ realizedPnl: 10, fees: 1, commissions: 0.5 });
  });
});
