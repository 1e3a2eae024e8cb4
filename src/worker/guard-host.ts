import { type GatewayHosts, normalizeBaseUrl, TOPSTEPX_HOSTS } from '../core/gateway/hosts';
import { createGuard } from '../core/guard/create-guard';
import type { Guard } from '../core/guard/guard';
import type { GuardDeps } from '../core/guard/guard-deps';
import type { Journal } from '../core/state/journal';
import type { DurableStore } from '../core/storage/durable-store';
import type { Gateway } from '../messaging/protocol';

const GATEWAY_KEY = 'gateway';

export function hostsOf(gateway: Gateway): GatewayHosts {
  return gateway.kind === 'topstepx'
    ? TOPSTEPX_HOSTS
    : {
        restBaseUrl: normalizeBaseUrl(gateway.restBase),
        userHubUrl: gateway.userHub,
        marketHubUrl: gateway.marketHub,
      };
}

/**
 * Owns the guard of this profile. The gateway (TopstepX, or custom URLs such as the local
 * simulator) is a setting; changing it rebuilds the guard on the same store, so lockouts,
 * config and the journal carry over. Listeners registered here survive the rebuild.
 */
export interface GuardHost {
  /** Resolves once the guard has loaded and started; every handler awaits it. */
  ready(): Promise<Guard>;
  gateway(): Gateway | null;
  saveCredentials(userName: string, apiKey: string, gateway: Gateway): Promise<void>;
  onGuard(listener: (guard: Guard) => void): void;
}

export interface GuardStorage {
  store: DurableStore;
  journal: Journal;
}

export function createGuardHost(deps: {
  /** Opening IndexedDB is async; the host (and every handler) waits for it. */
  storage: Promise<GuardStorage>;
  depsFor: (hosts: GatewayHosts, storage: GuardStorage) => GuardDeps;
}): GuardHost {
  let gateway: Gateway | null = null;
  let guard: Guard | null = null;
  const listeners: Array<(g: Guard) => void> = [];

  const build = async (g: Gateway | null): Promise<Guard> => {
    const next = createGuard(deps.depsFor(hostsOf(g ?? { kind: 'topstepx' }), await deps.storage));
    guard = next;
    for (const l of listeners) l(next);
    await next.start();
    return next;
  };

  let readyPromise: Promise<Guard> = (async () => {
    const { store } = await deps.storage;
    gateway = (await store.get<Gateway>('meta', GATEWAY_KEY)) ?? null;
    return build(gateway);
  })();

  return {
    ready: () => readyPromise,
    gateway: () => gateway,
    async saveCredentials(userName, apiKey, next) {
      const current = await readyPromise;
      if (JSON.stringify(next) !== JSON.stringify(gateway)) {
        const { store } = await deps.storage;
        await store.put('meta', GATEWAY_KEY, next, { durability: 'strict' });
        gateway = next;
        await current.stop();
        readyPromise = build(next);
      }
      const g = await readyPromise;
      await g.setCredentials(userName, apiKey);
    },
    onGuard(listener) {
      listeners.push(listener);
      if (guard) listener(guard);
    },
  };
}
