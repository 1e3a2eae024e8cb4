import { errorMessage } from '../error-message';
import type { Random, Timers } from '../ports';
import type { HubName } from '../state/events';
import type { HubTransport } from './hub-transport';
import type { ReconnectPolicy } from './reconnect-policy';
import { createRefusedSubscriptions } from './refused-subscriptions';
import { createSubscriptionRegistry, type SubscriptionSpec } from './subscription-registry';

/**
 * The subscriptions of one hub: what the owner wants (subscription-registry.ts), asked for on
 * every fresh connection, since SignalR forgets them with the connection it drops. A call the
 * hub refuses on an open connection keeps the connection and is asked again alone, with the
 * reconnect backoff, for as long as it is wanted (refused-subscriptions.ts); a call that fails
 * because the connection went reports the connection lost.
 */
export interface HubSubscriptions {
  /** Asks for every subscription on a fresh connection, in order; stops when the connection goes. */
  replay(link: HubLink): Promise<void>;
  /** Wants one more; asked for at once on `link` (the connection, when the hub is connected). */
  add(spec: SubscriptionSpec, link: HubLink | null): void;
  /** Wants it no more; unsubscribed on `link` where the hub has a call for that. */
  remove(method: string, args: readonly (string | number)[], link: HubLink | null): void;
  list(): SubscriptionSpec[];
  /** The connection was abandoned: the re-asks waiting on it are dropped. */
  cancelRetries(): void;
}

/** One connection as the subscriptions use it; `current()` is false once the manager has moved on from it. */
export interface HubLink {
  transport: HubTransport;
  current(): boolean;
}

export interface HubSubscriptionsOptions {
  hub: HubName;
  timers: Timers;
  random: Random;
  policy: ReconnectPolicy;
  /** A call failed because the connection went. */
  onLost(reason: string): void;
  journal(message: string, data: Record<string, unknown>): void;
  onRefused?: (spec: SubscriptionSpec, reason: string) => void;
  /** A subscription refused before was accepted. */
  onAccepted?: (spec: SubscriptionSpec) => void;
}

export function createHubSubscriptions(options: HubSubscriptionsOptions): HubSubscriptions {
  const { hub } = options;
  const registry = createSubscriptionRegistry();
  const refusals = createRefusedSubscriptions(options);

  /** Asks for one subscription on the link; false when the connection went with it. */
  async function subscribe(link: HubLink, spec: SubscriptionSpec): Promise<boolean> {
    const t = link.transport;
    try {
      await t.invoke(spec.method, ...spec.args);
      if (refusals.forget(spec)) options.onAccepted?.(spec);
      return true;
    } catch (error) {
      if (!link.current()) return false;
      if (!t.isOpen()) {
        options.onLost(`subscribe ${spec.method} failed: ${String(error)}`);
        return false;
      }
      const reason = errorMessage(error);
      const first = refusals.refused(spec, () => {
        if (link.current() && registry.has(spec.method, spec.args)) void subscribe(link, spec);
      });
      if (first) options.journal(`${hub} hub refused ${spec.method}(${spec.args.join(', ')})`, { hub, reason });
      options.onRefused?.(spec, reason);
      return true;
    }
  }

  return {
    async replay(link) {
      for (const spec of registry.list()) {
        if (!link.current()) return;
        if (!(await subscribe(link, spec))) return;
      }
    },
    add(spec, link) {
      if (!registry.add(spec)) return;
      if (link) void subscribe(link, spec);
    },
    remove(method, args, link) {
      const spec = registry.remove(method, args);
      if (spec) refusals.forget(spec);
      if (spec?.unsubscribeMethod && link) {
        // A failed unsubscribe costs some unwanted messages, nothing more.
        link.transport.invoke(spec.unsubscribeMethod, ...spec.args).catch(() => undefined);
      }
    },
    list: () => registry.list(),
    cancelRetries: () => refusals.cancelRetries(),
  };
}
