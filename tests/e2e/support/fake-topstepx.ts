import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Request } from '@playwright/test';

const PAGE_HTML = readFileSync(path.join(import.meta.dirname, '..', 'fake-topstepx', 'index.html'), 'utf8');

export const TOPSTEPX_URL = 'https://topstepx.com/trade';
export const OTHER_SITE_URL = 'https://example.com/';

/**
 * Serves a stand-in for the TopstepX trading page and its back end without any network:
 * the page at https://topstepx.com/*, its order API at https://userapi.topstepx.com/* (which
 * records what reached it), and an unrelated site to prove the content script stays away.
 */
export async function installFakeTopstepX(context: BrowserContext): Promise<{ backendRequests: Request[] }> {
  const backendRequests: Request[] = [];
  await context.route('https://topstepx.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: PAGE_HTML }),
  );
  await context.route('https://userapi.topstepx.com/**', (route) => {
    backendRequests.push(route.request());
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: { 'access-control-allow-origin': 'https://topstepx.com', 'access-control-allow-headers': '*' },
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
