/**
 * The TopstepX trading page's structure (its data-testids, the account and contract
 * pickers, the order card with its close/cancel/flatten buttons inside, the DOM ladder, the
 * positions grid) as a small DOM for unit tests. The end-to-end stand-in page is richer.
 */
export const ACCOUNT_TEXT = '$50K COMBINE | TOPX-50K-1';

export function tradingPageHtml(opts: { account?: string; contract?: string; testIds?: boolean } = {}): string {
  const t = (id: string) => (opts.testIds === false ? '' : ` data-testid="${id}"`);
  const btn = (area: string, name: string) => `<button${t(`${area}-click-button-${name}`)}>${name}</button>`;
  const names = ['buy', 'sell', 'join-bid', 'join-ask', 'reverse-position'];
  const safe = ['close-position', 'cancel-orders', 'flatten-all', 'cancel-all', 'break-even'];
  return `
  <header>
    <div${t('account-selector-input-select-account')}><div role="combobox">${opts.account ?? ACCOUNT_TEXT}</div></div>
    <div${t('contract-selector-input-select-contract')}><input role="combobox" value="${opts.contract ?? 'MNQZ26'}"></div>
  </header>
  <section${t('order-card-container')}>
    <div class="inputs">
      <input${t('order-card-input-field-contracts')} value="1">
      <input${t('order-card-input-field-limit-price')}>
    </div>
    <div class="row">${names.map((n) => btn('order-card', n)).join('')}</div>
    <div class="row">${safe.map((n) => btn('order-card', n)).join('')}</div>
  </section>
  <section${t('dom-container')}>
    <div class="ladder"><div class="level">21000.25</div><div class="level">21000.00</div></div>
    <div class="row">${['buy', 'sell'].map((n) => btn('dom', n)).join('')}${btn('dom-order', 'cancel')}</div>
  </section>
  <div${t('common-order-click-button-buy')}>Buy Mkt</div>
  <div${t('common-order-click-button-cancel-all')}>Cancel all</div>
  <table><tr><td><button${t('positions-click-button-close-9000000001')}>Close</button></td></tr></table>`;
}

/** The controls that open exposure: what the layer must make unreachable. */
export const OPENING = [
  'order-card-click-button-buy',
  'order-card-click-button-sell',
  'order-card-click-button-join-bid',
  'order-card-click-button-join-ask',
  'order-card-click-button-reverse-position',
  'order-card-input-field-contracts',
  'order-card-input-field-limit-price',
  'dom-click-button-buy',
  'dom-click-button-sell',
  'common-order-click-button-buy',
];

/** The risk-reducing controls: never covered. */
export const REDUCING = [
  'order-card-click-button-close-position',
  'order-card-click-button-cancel-orders',
  'order-card-click-button-flatten-all',
  'order-card-click-button-cancel-all',
  'order-card-click-button-break-even',
  'dom-order-click-button-cancel',
  'common-order-click-button-cancel-all',
  'positions-click-button-close-9000000001',
];

export const byTestId = (id: string): Element => {
  const el = document.querySelector(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no ${id} on the fixture page`);
  return el;
};

/** inert on the element or an ancestor: unreachable by pointer and keyboard. */
export function isInert(el: Element): boolean {
  for (let p: Element | null = el; p !== null; p = p.parentElement) if (p.hasAttribute('inert')) return true;
  return false;
}
