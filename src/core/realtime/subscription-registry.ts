/**
 * What a hub connection is subscribed to, kept outside any one connection: SignalR does not
 * remember subscriptions across connections, so after every (re)connect the manager replays
 * the whole registry. Keys are the method plus its arguments, so adding twice is a no-op.
 */
export interface SubscriptionSpec {
  /** e.g. `SubscribeOrders` */
  method: string;
  args: readonly (string | number)[];
  /** e.g. `UnsubscribeOrders`; omitted when the hub has no unsubscribe for it. */
  unsubscribeMethod?: string;
}

export interface SubscriptionRegistry {
  /** True when the spec was not there yet. */
  add(spec: SubscriptionSpec): boolean;
  /** The removed spec, or null when it was not there. */
  remove(method: string, args: readonly (string | number)[]): SubscriptionSpec | null;
  has(method: string, args: readonly (string | number)[]): boolean;
  list(): SubscriptionSpec[];
}

export function subscriptionKey(method: string, args: readonly (string | number)[]): string {
  return `${method}(${JSON.stringify(args)})`;
}

export function createSubscriptionRegistry(): SubscriptionRegistry {
  const specs = new Map<string, SubscriptionSpec>();
  return {
    add(spec) {
      const key = subscriptionKey(spec.method, spec.args);
      if (specs.has(key)) return false;
      specs.set(key, { ...spec, args: [...spec.args] });
      return true;
    },
    remove(method, args) {
      const key = subscriptionKey(method, args);
      const spec = specs.get(key) ?? null;
      specs.delete(key);
      return spec;
    },
    has: (method, args) => specs.has(subscriptionKey(method, args)),
    list: () => [...specs.values()],
  };
}

/** The user-hub subscriptions of the documented API. */
export function accountsSubscription(): SubscriptionSpec {
  return { method: 'SubscribeAccounts', args: [], unsubscribeMethod: 'UnsubscribeAccounts' };
}

export function userAccountSubscriptions(accountId: number): SubscriptionSpec[] {
  return (['Orders', 'Positions', 'Trades'] as const).map((what) => ({
    method: `Subscribe${what}`,
    args: [accountId],
    unsubscribeMethod: `Unsubscribe${what}`,
  }));
}

/** The market-hub subscriptions for one contract (quotes and trades; depth on request). */
export function contractSubscriptions(contractId: string, options: { depth?: boolean } = {}): SubscriptionSpec[] {
  const kinds = options.depth ? (['Quotes', 'Trades', 'MarketDepth'] as const) : (['Quotes', 'Trades'] as const);
  return kinds.map((what) => ({
    method: `SubscribeContract${what}`,
    args: [contractId],
    unsubscribeMethod: `UnsubscribeContract${what}`,
  }));
}
