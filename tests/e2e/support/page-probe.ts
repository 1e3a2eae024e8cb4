import type { Page } from '@playwright/test';

/**
 * What a trader's mouse and keyboard can reach on the stand-in page: the element a click at
 * the control's centre lands on must be the control itself (not the guard's cover, whose
 * host is <risk-guard-overlay>), and neither it nor an ancestor may be `inert`.
 */
export async function reachable(page: Page, testIds: readonly string[]): Promise<Record<string, boolean>> {
  return page.evaluate((ids) => {
    const out: Record<string, boolean> = {};
    for (const id of ids) {
      const el = document.querySelector(`[data-testid="${id}"]`);
      if (!el) throw new Error(`no ${id} on the page`);
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      out[id] = hit !== null && (hit === el || el.contains(hit)) && el.closest('[inert]') === null;
    }
    return out;
  }, testIds);
}

/** Is this control (or an ancestor) `inert`, i.e. covered by the guard? */
export async function isInert(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => document.querySelector(sel)?.closest('[inert]') != null, selector);
}

/** Every id mapped to the same value: the shape `reachable` answers in when all is as expected. */
export function all(ids: readonly string[], value: boolean): Record<string, boolean> {
  return Object.fromEntries(ids.map((id) => [id, value]));
}

/** The page's own client calls each request by name (what its buttons and hotkeys do), bypassing the layer. */
export async function callPageApi(page: Page, names: readonly string[]): Promise<string[]> {
  return page.evaluate(async (list) => {
    const w = globalThis as unknown as { fakePage: { callApi(name: string): Promise<string> } };
    const out: string[] = [];
    for (const name of list) out.push(await w.fakePage.callApi(name));
    return out;
  }, names);
}

export async function pageAction(page: Page, action: 'rerender'): Promise<void>;
export async function pageAction(page: Page, action: 'selectAccount', arg: number): Promise<void>;
export async function pageAction(page: Page, action: 'selectContract', arg: string): Promise<void>;
export async function pageAction(page: Page, action: string, arg?: unknown): Promise<void> {
  await page.evaluate(
    ([a, x]) => {
      const w = globalThis as unknown as { fakePage: Record<string, (v?: unknown) => void> };
      w.fakePage[a as string]?.(x);
    },
    [action, arg] as const,
  );
}

/** The controls on the stand-in page that open exposure. */
export const OPENING_CONTROLS = [
  'order-card-click-button-buy',
  'order-card-click-button-sell',
  'order-card-click-button-join-bid',
  'order-card-click-button-join-ask',
  'order-card-click-button-reverse-position',
  'order-card-input-field-contracts',
  'order-card-input-field-limit-price',
  'dom-click-button-buy',
  'dom-click-button-sell',
  'dom-click-button-reverse-position',
  'common-order-click-button-buy',
  'common-order-click-button-sell',
  'mobile-chart-click-button-buy',
];

/** The controls that reduce risk: never covered. */
export const REDUCING_CONTROLS = [
  'order-card-click-button-close-position',
  'order-card-click-button-cancel-orders',
  'order-card-click-button-flatten-all',
  'order-card-click-button-cancel-all',
  'order-card-click-button-break-even',
  'dom-click-button-close-position',
  'dom-order-click-button-cancel',
  'common-order-click-button-cancel-all',
  'positions-click-button-close-9000000001',
  'personal-lockout-lockoutButton-15',
];

/** The page's requests that open exposure (blocked during a lockout) … */
export const OPENING_REQUESTS = ['placeOrder', 'placeWithContract', 'reverse', 'reversePost', 'follow'];
/** … and those that reduce risk (always let through). */
export const REDUCING_REQUESTS = [
  'cancelOne',
  'cancelAll',
  'cancelSymbol',
  'cancelContract',
  'cancelById',
  'closeAll',
  'closeSymbol',
  'closeContract',
  'flatten',
  'editStopLoss',
  'sltp',
  'riskToMake',
  'setBrackets',
  'dragStop',
  'dragTrail',
  'personalLockout',
];
