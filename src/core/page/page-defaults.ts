/**
 * The built-in page config: the live TopstepX trading page (https://www.topstepx.com/trade)
 * and its back end (userapi.topstepx.com) as far as they are known. Plain data, no zod, so
 * the content script can carry it as its fallback without the validators.
 */

const HOST = '^https://userapi\\.topstepx\\.com';
/** Path, then the end, a query or a further segment: `/Order` must not match `/OrderHistory`. */
const path = (p: string) => `${HOST}${p}(/|\\?|$)`;

export const PAGE_DEFAULTS = {
  cover: [
    '[data-testid="order-card-container"]',
    '[data-testid="dom-container"]',
    '[data-testid^="common-order-"]',
    '[data-testid^="mobile-chart-"]',
  ],
  keepUsable: [
    '[data-testid*="-click-button-close"]',
    '[data-testid*="-click-button-cancel"]',
    '[data-testid*="-click-button-flatten"]',
    '[data-testid*="-click-button-break-even"]',
    '[data-testid^="positions-"]',
    '[data-testid^="personal-lockout-"]',
  ],
  accountPicker: ['[data-testid="account-selector-input-select-account"] [role="combobox"]'],
  contractPicker: ['[data-testid="contract-selector-input-select-contract"] input[role="combobox"]'],
  blockRequests: [
    `POST ${HOST}/Order/?(\\?.*)?$`,
    `POST ${path('/Order/postWithContract')}`,
    // "Reverse position" is a GET (/Position/reverseWithTimeType?…): every method.
    `* ${HOST}/Position/reverse`,
    // A locked account must not start copying a leader (the copy may open positions).
    `POST ${path('/TradingAccount/follow')}`,
  ],
  allowRequests: [
    `* ${path('/Order/cancel')}`,
    `* ${path('/Position/close')}`,
    `* ${path('/TradingAccount/flatten')}`,
    // Position brackets and dragging a working order: a trader tightening a stop while the
    // guard is blind must not be stopped.
    `* ${path('/Order/editStopLoss')}`,
    `* ${HOST}/Order/edit/`,
    `* ${path('/Position/sltp')}`,
    `* ${path('/Position/riskToMake')}`,
    `* ${path('/TradingAccount/setPositionBrackets')}`,
    // TopstepX's own lockouts only ever take trading away.
    `* ${path('/PersonalLockout')}`,
    `* ${path('/RiskSettingsLockout')}`,
  ],
} as const;
