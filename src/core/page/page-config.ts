import { z } from 'zod';
import { selectorProblem } from './css-selector';
import { PAGE_DEFAULTS } from './page-defaults';
import { parseRequestPattern } from './request-pattern';

export { PAGE_DEFAULTS };

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
  .meta({ label: 'TopstepX page (advanced)', advanced: true });

export type PageConfig = z.infer<typeof PageConfigSchema>;
