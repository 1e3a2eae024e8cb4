import { z } from 'zod';
import { selectorProblem } from './css-selector';
import { parseRequestPattern } from './request-pattern';

/**
 * Where the TopstepX trading page keeps what the guard touches, and which of its back-end
 * requests the network block stops during a lockout. Config, not code: the page is a
 * third party's and changes. Defaults follow the live page (https://www.topstepx.com/trade,
 * back end userapi.topstepx.com) as far as it is known; every entry is checked on save (a
 * selector the page would throw on, a pattern the browser would refuse, cannot be saved).
 *
 * The layer covers the controls that OPEN exposure and never the ones that reduce it: the
 * close, cancel and flatten buttons sit inside the same order card and DOM ladder, so a
 * covered area is the `cover` match minus every subtree holding a `keepUsable` match.
 */

const selector = z
  .string()
  .superRefine((s, ctx) => {
    const problem = selectorProblem(s);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ help: 'a CSS selector' });

const requestPattern = z.string().superRefine((s, ctx) => {
  const parsed = parseRequestPattern(s);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
});

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

const list = <T extends z.ZodType>(item: T, defaults: readonly string[]) =>
  z
    .array(item)
    .max(50)
    .default(() => [...defaults] as z.output<T>[]);

export const PageConfigSchema = z
  .strictObject({
    cover: list(selector, PAGE_DEFAULTS.cover).meta({
      label: 'Order-entry areas to cover',
      help: 'CSS selectors; covered during a lockout, except what "never covered" matches',
    }),
    keepUsable: list(selector, PAGE_DEFAULTS.keepUsable).meta({
      label: 'Never covered',
      help: 'Close, cancel and flatten controls: always usable',
    }),
    accountPicker: list(selector, PAGE_DEFAULTS.accountPicker).meta({
      label: 'Account in view',
      help: 'Where the page shows the selected account’s name (first non-empty wins)',
    }),
    contractPicker: list(selector, PAGE_DEFAULTS.contractPicker).meta({
      label: 'Contract in view',
      help: 'Where the page shows the selected contract, e.g. MNQZ26 (symbol lockouts)',
    }),
    blockRequests: list(requestPattern, PAGE_DEFAULTS.blockRequests).meta({
      label: 'Requests blocked during a lockout',
      help: '"METHODS REGEX", e.g. "POST ^https://userapi\\.topstepx\\.com/Order$"; * = every method',
    }),
    allowRequests: list(requestPattern, PAGE_DEFAULTS.allowRequests).meta({
      label: 'Requests always let through',
      help: 'Risk-reducing requests (cancel, close, flatten, brackets); they win over the blocked ones',
    }),
  })
  .meta({ label: 'TopstepX page (advanced)' });

export type PageConfig = z.infer<typeof PageConfigSchema>;
