// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { PAGE_DEFAULTS } from '../../../../src/core/page/page-defaults';
import { accountNamedIn, readFirst, tickerOfContractCode } from '../../../../src/ui/overlay/page-reader';
import { tradingPageHtml } from './page-fixture';

describe('reading the TopstepX page', () => {
  it('reads the account picker’s text and the contract picker’s input value', () => {
    document.body.innerHTML = tradingPageHtml({ account: '$150K EXPRESS | EXPRESS-V2-77', contract: 'ESH27' });
    expect(readFirst(document, ['[[bad', ...PAGE_DEFAULTS.accountPicker])).toBe('$150K EXPRESS | EXPRESS-V2-77');
    expect(readFirst(document, PAGE_DEFAULTS.contractPicker)).toBe('ESH27');
    expect(readFirst(document, ['.nothing'])).toBeNull();
  });

  it('turns a contract code into the ticker symbol locks use', () => {
    expect(tickerOfContractCode('MNQZ26')).toBe('MNQ');
    expect(tickerOfContractCode('ESH7')).toBe('ES');
    expect(tickerOfContractCode('/NQU26')).toBe('NQ');
    expect(tickerOfContractCode('M2KZ26')).toBe('M2K');
    expect(tickerOfContractCode('MYMZ26')).toBe('MYM');
    expect(tickerOfContractCode('Search…')).toBeNull();
    expect(tickerOfContractCode(null)).toBeNull();
  });

  it('finds the account whose name the picker holds, as a whole word, the longest name first', () => {
    const accounts = [{ name: 'ACC-1' }, { name: 'ACC-12' }, { name: 'EXPRESS-V2-77' }];
    expect(accountNamedIn('$150K EXPRESS | EXPRESS-V2-77', accounts)?.name).toBe('EXPRESS-V2-77');
    expect(accountNamedIn('$50K | ACC-12', accounts)?.name).toBe('ACC-12');
    expect(accountNamedIn('ACC-1', accounts)?.name).toBe('ACC-1');
    expect(accountNamedIn('ACC-123', accounts)).toBeNull();
    expect(accountNamedIn(null, accounts)).toBeNull();
  });
});
