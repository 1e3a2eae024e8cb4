/**
 * Which gateways the extension may talk to: TopstepX's own hosts, or a custom one that runs
 * on this computer (the gateway simulator). Nothing else, in any build: a custom remote host
 * would be a place to send the trader's API key that the trader may not have meant (a pasted
 * URL, a typo), and the extension asks the browser for loopback access only.
 */

/** 127.0.0.0/8, localhost, ::1. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Host-permission patterns for a custom gateway's URLs (ports are not part of a pattern). */
export function hostPermissionOrigins(urls: readonly string[]): string[] {
  const out = new Set<string>();
  for (const url of urls) {
    try {
      const u = new URL(url);
      out.add(`${u.protocol}//${u.hostname}/*`);
    } catch {
      // Not a URL: the schema rejects it before anything asks for a permission.
    }
  }
  return [...out];
}

export const LOOPBACK_ONLY_MESSAGE = 'a custom gateway must run on this computer (127.0.0.1 or localhost)';
