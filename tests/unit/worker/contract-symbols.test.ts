import { describe, expect, it } from 'vitest';
import { contractSymbols } from '../../../src/worker/contract-symbols';

const contract = (id: string, description: string) => ({
  id,
  name: id.split('.').slice(3).join(''),
  description,
  tickSize: 0.25,
  tickValue: 5,
  activeContract: true,
});

describe('contract symbols for the symbol pickers', () => {
  it('lists each ticker once, by the name traders use, sorted', () => {
    expect(
      contractSymbols([
        contract('CON.F.US.MNQ.Z26', 'Micro E-mini NASDAQ-100'),
        contract('CON.F.US.ENQ.Z26', 'E-mini NASDAQ-100'),
        contract('CON.F.US.ENQ.H27', 'E-mini NASDAQ-100 (March)'),
        contract('CON.F.US.EP.Z26', 'E-mini S&P 500'),
      ]),
    ).toEqual([
      { symbol: 'ES', description: 'E-mini S&P 500' },
      { symbol: 'MNQ', description: 'Micro E-mini NASDAQ-100' },
      { symbol: 'NQ', description: 'E-mini NASDAQ-100' },
    ]);
  });
});
