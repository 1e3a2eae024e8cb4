import { describe, expect, it } from 'vitest';
import { PositionType } from '../../../../src/core/gateway/enums';
import type { Contract, Position } from '../../../../src/core/gateway/schemas';
import type { AccountState } from '../../../../src/core/state/account-state';
import { openContracts, positionUnrealizedPnl, realizedPnl, unrealizedPnl } from '../../../../src/core/state/selectors';

const mnq: Contract = { id: 'CON.F.US.MNQ.Z26', name: 'MNQZ6', tickSize: 0.25, tickValue: 0.5, activeContract: true };
const es: Contract = { id: 'CON.F.US.EP.Z26', name: 'ESZ6', tickSize: 0.25, tickValue: 12.5, activeContract: true };

function position(contractId: string, type: number, size: number, averagePrice: number): Position {
  return { id: 1, accountId: 7, contractId, creationTimestamp: '2026-11-25T15:00:00Z', type, size, averagePrice };
}

function account(positions: Position[], gross = 0, fees = 0): AccountState {
  return {
    account: { id: 7, name: 'A', balance: 50_000, canTrade: true, isVisible: true },
    positions: Object.fromEntries(positions.map((p) => [p.contractId, p])),
    orders: {},
    trades: {},
    tradingDay: '2026-11-25',
    grossRealizedPnl: gross,
    fees,
    commissions: 0,
    positionOpenedAt: {},
    versions: {},
  };
}

describe('derived figures', () => {
  it('subtracts fees from realized P&L unless fees are not counted', () => {
    const a = account([], -200, 8.4);
    expect(realizedPnl(a)).toBeCloseTo(-208.4);
    expect(realizedPnl(a, { countFees: false })).toBe(-200);
  });

  it('subtracts commissions too, each cost by its own setting, both by default', () => {
    const a = { ...account([], -200, 8.4), commissions: 5 };
    expect(realizedPnl(a)).toBeCloseTo(-213.4);
    expect(realizedPnl(a, { countCommissions: false })).toBeCloseTo(-208.4);
    expect(realizedPnl(a, { countFees: false })).toBeCloseTo(-205);
    expect(realizedPnl(a, { countFees: false, countCommissions: false })).toBe(-200);
  });

  it('counts open contracts plainly or in mini-equivalents (ten micros are one mini)', () => {
    const a = account([position(mnq.id, PositionType.Long, 10, 100), position(es.id, PositionType.Short, 2, 5000)]);
    expect(openContracts(a)).toBe(12);
    expect(openContracts(a, 'mini')).toBe(3);
  });

  it('computes unrealized P&L in ticks × tick value, sign flipped for shorts', () => {
    const long = position(es.id, PositionType.Long, 2, 5000);
    expect(positionUnrealizedPnl(long, es, { contractId: es.id, price: 5001, at: 0 })).toBe(100);
    const short = position(es.id, PositionType.Short, 2, 5000);
    expect(positionUnrealizedPnl(short, es, { contractId: es.id, price: 5001, at: 0 })).toBe(-100);
  });

  it('reports unknown (null), never 0, when a contract has no quote or no tick value yet', () => {
    const p = position(mnq.id, PositionType.Long, 1, 100);
    expect(positionUnrealizedPnl(p, mnq, undefined)).toBeNull();
    expect(positionUnrealizedPnl(p, undefined, { contractId: mnq.id, price: 101, at: 0 })).toBeNull();
    expect(unrealizedPnl(account([p]), { contracts: { [mnq.id]: mnq }, prices: {} })).toBeNull();
    expect(unrealizedPnl(account([]), { contracts: {}, prices: {} })).toBe(0);
  });
});
