import { adoptUnboundSecrets } from '../core/auth/adopt-unbound-secrets';
import { createSecretVault } from '../core/auth/secret-vault';
import { type GatewayHosts, hostBindingOf, normalizeBaseUrl, TOPSTEPX_HOSTS } from '../core/gateway/hosts';
import { createGuard } from '../core/guard/create-guard';
import type { Guard } from '../core/guard/guard';
import type { GuardDeps } from '../core/guard/guard-deps';
import type { Journal } from '../core/journal/journal';
import { forgetAccountState } from '../core/state/persistence';
import type { DurableStore } from '../core/storage/durable-store';
import { hostPermissionOrigins } from '../messaging/gateway-policy';
import { type Gateway, GatewaySchema } from '../messaging/protocol';
import { ViewSafeError } from '../messaging/view-safe-error';
import { createStartup, type StartupStatus } from './startup';

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
 *
 * Secrets do not carry over: a change of gateway stops the old guard, then deletes the key
 * and the token before the new guard starts, so nothing entered for one host is ever sent to
 * another (the token manager also refuses secrets bound to other hosts, in case the worker
 * stopped half-way). The new gateway is used with the key entered along with it. Nor do the
 * old login's accounts (a change of gateway or of user): the new guard learns its accounts
 * from REST instead of asking the hub for accounts it would refuse.
 */
export interface GuardHost {
  /**
   * Resolves once the guard has loaded and started; every handler awaits it. While start-up
   * is failing it rejects at once with a ViewSafeError saying why and when it tries again.
   */
  ready(): Promise<Guard>;
  /** Start-up as the views show it (startup.ts). */
  startup(): StartupStatus;
  /** The opened storage (opened again after a failure). */
  storage(): Promise<GuardStorage>;
  gateway(): Gateway | null;
  saveCredentials(userName: string, apiKey: string, gateway: Gateway): Promise<void>;
  onGuard(listener: (guard: Guard) => void): void;
}

export interface GuardStorage {
  store: DurableStore;
  journal: Journal;
}

export function createGuardHost(deps: {
  /** Opens IndexedDB (async, and it may fail: it is called again on the next start-up try). */
  openStorage: () => Promise<GuardStorage>;
  depsFor: (hosts: GatewayHosts, storage: GuardStorage) => GuardDeps;
  /** Whether the browser lets the worker reach these origins (optional host permissions). */
  hasHostPermission?: (origins: string[]) => Promise<boolean>;
  /** Start-up retry delays (tests shorten them) and a status listener (the worker notifies). */
  startupRetryDelaysMs?: readonly number[];
  onStartup?: (status: StartupStatus) => void;
}): GuardHost {
  let gateway: Gateway | null = null;
  let gatewayLoaded = false;
  let guard: Guard | null = null;
  const listeners: Array<(g: Guard) => void> = [];

  let opened: Promise<GuardStorage> | undefined;
  const storage = (): Promise<GuardStorage> => {
    if (!opened) {
      const p = deps.openStorage();
      opened = p;
      p.catch(() => {
        if (opened === p) opened = undefined;
      });
    }
    return opened;
  };

  const build = async (g: Gateway | null): Promise<Guard> => {
    const next = createGuard(deps.depsFor(hostsOf(g ?? { kind: 'topstepx' }), await storage()));
    guard = next;
    for (const l of listeners) l(next);
    try {
      await next.start();
    } catch (error) {
      await next.stop().catch(() => undefined); // the next try builds a fresh one
      throw error;
    }
    return next;
  };

  const startup = createStartup<Guard>({
    run: async () => {
      if (!gatewayLoaded) {
        const { store, journal } = await storage();
        // A stored gateway this build no longer accepts (not loopback) falls back to TopstepX;
        // secrets bound to it are then forgotten by the token manager.
        const raw = await store.get<unknown>('meta', GATEWAY_KEY);
        const stored = GatewaySchema.safeParse(raw);
        gateway = stored.success ? stored.data : null;
        // Secrets saved before they were bound (0.1.0) belong to the gateway stored with them
        // (none stored: 0.1.0's TopstepX); bound to it when it is the one in force, so an update
        // keeps the key instead of asking for it again.
        if (raw === undefined || stored.success) {
          const binding = hostBindingOf(hostsOf(gateway ?? { kind: 'topstepx' }));
          const vault = createSecretVault({ store, subtle: globalThis.crypto.subtle });
          const adopted = await adoptUnboundSecrets(vault, binding);
          if (adopted.length > 0) {
            await journal.append({
              at: Date.now(),
              kind: 'auth',
              accountId: null,
              message: `Secrets saved by an earlier version (${adopted.join(', ')}) are now bound to their gateway`,
              data: { gateway: binding },
            });
          }
        }
        gatewayLoaded = true;
      }
      return build(gateway);
    },
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    ...(deps.startupRetryDelaysMs ? { delaysMs: deps.startupRetryDelaysMs } : {}),
    ...(deps.onStartup ? { onStatus: deps.onStartup } : {}),
  });

  return {
    ready: () => startup.current(),
    startup: () => startup.status(),
    storage,
    gateway: () => gateway,
    async saveCredentials(userName, apiKey, requested) {
      const next = GatewaySchema.parse(requested);
      if (next.kind === 'custom' && deps.hasHostPermission) {
        const origins = hostPermissionOrigins([next.restBase, next.userHub, next.marketHub]);
        if (!(await deps.hasHostPermission(origins))) {
          throw new ViewSafeError(
            `the browser has not allowed access to ${origins.join(', ')}: save the gateway again and allow it`,
          );
        }
      }
      const current = await startup.current();
      const gatewayChanged = JSON.stringify(next) !== JSON.stringify(gateway ?? { kind: 'topstepx' });
      const previousUser = current.credentials().userName;
      const userChanged = previousUser !== null && previousUser !== userName;
      if (gatewayChanged || userChanged) {
        const { store } = await storage();
        await current.stop();
        // Key and token were entered for the old host: gone before anything talks to the new one.
        await store.clear('secrets');
        await forgetAccountState(store);
        if (gatewayChanged) await store.put('meta', GATEWAY_KEY, next, { durability: 'strict' });
        gateway = next;
        await startup.restart(() => build(next));
      }
      const g = await startup.current();
      await g.setCredentials(userName, apiKey);
    },
    onGuard(listener) {
      listeners.push(listener);
      if (guard) listener(guard);
    },
  };
}
