/**
 * The production hosts of TopstepX's ProjectX Gateway: the ONLY place their names appear.
 * Everything that talks to the gateway takes its URLs as configuration (the simulator runs
 * on 127.0.0.1), with these as defaults.
 */
export interface GatewayHosts {
  /** REST base; endpoints live under `/api/...`. */
  restBaseUrl: string;
  userHubUrl: string;
  marketHubUrl: string;
}

export const TOPSTEPX_HOSTS: Readonly<GatewayHosts> = Object.freeze({
  restBaseUrl: 'https://api.topstepx.com',
  userHubUrl: 'https://rtc.topstepx.com/hubs/user',
  marketHubUrl: 'https://rtc.topstepx.com/hubs/market',
});

/** `base` without trailing slashes, so `${base}${path}` never doubles one. */
export function normalizeBaseUrl(base: string): string {
  return base.replace(/\/+$/, '');
}

/**
 * What the API key and the session token are bound to (auth/session-store.ts): the
 * origins of the three URLs. Another host or port is another gateway; a path is not.
 */
export function hostBindingOf(hosts: GatewayHosts): string {
  return [hosts.restBaseUrl, hosts.userHubUrl, hosts.marketHubUrl].map(originOf).join('|');
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url; // not a URL: bound to the text itself, so any change still forgets the secrets
  }
}
