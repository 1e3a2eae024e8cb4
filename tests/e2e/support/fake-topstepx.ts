import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Request } from '@playwright/test';

const PAGE_HTML = readFileSync(path.join(import.meta.dirname, '..', 'fake-topstepx', 'index.html'), 'utf8');

export const TOPSTEPX_ORIGIN = 'https://www.topstepx.com';
export const TOPSTEPX_URL = `${TOPSTEPX_ORIGIN}/trade`;
export const OTHER_SITE_URL = 'https://example.com/';

/** The trading page with these accounts in its picker; `variant: 'no-testids'` is the page after a redesign. */
export function tradingPageUrl(
  accounts: ReadonlyArray<{ id: number; name: string }>,
  options: { variant?: 'no-testids' } = {},
): string {
  const q = new URLSearchParams({ accounts: accounts.map((a) => `${a.id}:${a.name}`).join(',') });
  if (options.variant) q.set('variant', options.variant);
  return `${TOPSTEPX_URL}?${q}`;
}

const CORS = {
  'access-control-allow-origin': TOPSTEPX_ORIGIN,
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
};

/**
 * Serves a stand-in for the TopstepX trading page and its back end without any network:
 * the page at https://www.topstepx.com/* (the live page's structure, see index.html), its
 * back end at https://userapi.topstepx.com/* (which records every request that reached it:
 * what the network block let through), and an unrelated site to prove the content script
 * stays away. `?variant=no-testids` serves the page with every data-testid removed.
 */
export async function installFakeTopstepX(context: BrowserContext): Promise<{ backendRequests: Request[] }> {
  const backendRequests: Request[] = [];
  await context.route(`${TOPSTEPX_ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    const body =
      url.searchParams.get('variant') === 'no-testids' ? PAGE_HTML.replace(/data-testid=/g, 'data-x=') : PAGE_HTML;
    return route.fulfill({ status: 200, contentType: 'text/html', body });
  });
  await context.route('https://userapi.topstepx.com/**', (route) => {
    if (route.request().method() === 'OPTIONS') return route.fulfill({ status: 204, headers: CORS });
    backendRequests.push(route.request());
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: CORS,
      body: JSON.stringify({ success: true }),
    });
  });
  await context.route('https://example.com/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><title>Other</title><p>Other site</p>',
    }),
  );
  return { backendRequests };
}

/** "METHOD /path" of each request that reached the back end. */
export function reached(requests: readonly Request[]): string[] {
  return requests.map((r) => `${r.method()} ${new URL(r.url()).pathname}`);
}
