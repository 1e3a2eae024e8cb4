import type { HubKind, Simulator } from '../../simulator/types';

/** One hub connection as the simulator saw it: when it appeared and when it went (ms since watch start). */
export interface SeenConnection {
  id: string;
  hub: HubKind;
  openedAt: number;
  closedAt: number | null;
  subscriptions: string[];
}

/**
 * Polls the simulator every 100 ms and records the demo user's hub connections as they come
 * and go, and the REST calls in order: the Firefox checks observe the extension from here.
 */
export function watchHubs(sim: Simulator, options: { log?: (line: string) => void } = {}) {
  const t0 = Date.now();
  const seen = new Map<string, SeenConnection>();
  let restSeen = 0;
  const since = () => Date.now() - t0;
  const poll = () => {
    const live = sim.hubs.connections().filter((c) => c.userName === sim.demo.userName);
    for (const c of live) {
      const s = seen.get(c.id);
      if (!s) {
        seen.set(c.id, {
          id: c.id,
          hub: c.hub,
          openedAt: since(),
          closedAt: null,
          subscriptions: [...c.subscriptions],
        });
        options.log?.(`${(since() / 1000).toFixed(1)} s  + ${c.hub} hub connection ${c.id}`);
      } else s.subscriptions = [...c.subscriptions];
    }
    for (const s of seen.values()) {
      if (s.closedAt === null && !live.some((c) => c.id === s.id)) {
        s.closedAt = since();
        options.log?.(
          `${(since() / 1000).toFixed(1)} s  - ${s.hub} hub connection ${s.id} (lived ${((s.closedAt - s.openedAt) / 1000).toFixed(1)} s)`,
        );
      }
    }
    const rest = sim.requests.list();
    if (rest.length > restSeen) {
      const calls = rest.slice(restSeen).map((r) => r.endpoint.replace('/api/', ''));
      options.log?.(`${(since() / 1000).toFixed(1)} s    REST ${calls.join(', ')}`);
      restSeen = rest.length;
    }
  };
  const timer = setInterval(poll, 100);
  poll();
  return {
    connections: (hub?: HubKind) => [...seen.values()].filter((c) => !hub || c.hub === hub),
    stop() {
      clearInterval(timer);
      poll();
    },
    summary(): string {
      const users = [...seen.values()].filter((c) => c.hub === 'user');
      const lines = users.map((c, i) => {
        const next = users[i + 1];
        const lived = c.closedAt === null ? 'still open' : `lived ${((c.closedAt - c.openedAt) / 1000).toFixed(1)} s`;
        const gap =
          next && c.closedAt !== null ? `, next after ${((next.openedAt - c.closedAt) / 1000).toFixed(1)} s` : '';
        return `user hub #${i + 1}: opened ${(c.openedAt / 1000).toFixed(1)} s, ${lived}${gap}`;
      });
      return [`${users.length} user-hub connection(s)`, ...lines].join('\n');
    },
  };
}
