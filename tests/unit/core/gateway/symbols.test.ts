import { describe, expect, it } from 'vitest';
import { contractRoot, isMicro, miniWeight, tickerOf } from '../../../../src/core/gateway/symbols';

describe('contract symbols', () => {
  it('takes the root from the fourth dot-part of the contract id', () => {
    expect(contractRoot('CON.F.US.MNQ.U25')).toBe('MNQ');
  });
  it('maps exchange roots to the tickers traders say (EP is ES, ENQ is NQ)', () => {
    expect(tickerOf('CON.F.US.EP.Z25')).toBe('ES');
    expect(tickerOf('ENQ')).toBe('NQ');
    expect(tickerOf('CON.F.US.MGC.Z25')).toBe('MGC');
  });
  it('counts a micro as a tenth of a mini', () => {
    expect(isMicro('CON.F.US.MES.Z25')).toBe(true);
    expect(miniWeight('CON.F.US.MES.Z25')).toBe(0.1);
    expect(miniWeight('CON.F.US.EP.Z25')).toBe(1);
  });
});
