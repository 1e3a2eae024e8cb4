import { createPrng } from '../../simulator/prng';
import type { Simulator } from '../../simulator/types';
import { traderAction } from '../chaos/guard/guard-traffic';

/**
 * The soak's trader: a day of realistic size per account (a number of actions drawn for each
 * trading day, spread evenly over the day's sessions in 100-ms ticks), the random actions of
 * guard-traffic.ts, and a flaky network while trading (both hubs' sockets dropped with
 * probability `dropsPerSecond`; `loseProbability` of user-hub messages lost, all run long).
 * A locked-out account keeps trading at `lockedShare` of its pace: a trader on tilt, from a
 * phone the page's block does not reach; the guard closes what opens.
 */
export interface DayTraderOptions {
  sim: Simulator;
  seed: number;
  contracts: readonly string[];
  /** Actions per account and trading day, drawn uniformly in [min, max]. */
  actionsPerDay: readonly [number, number];
  dropsPerSecond: number;
  loseProbability: number;
  isLocked?: (accountId: number) => boolean;
  lockedShare?: number;
}

export interface DayTraderReport {
  actions: number;
  /** Actions the simulator refused (closed market, nothing to cancel by then): not failures. */
  refused: number;
  drops: number;
  lost: number;
  lockedActions: number;
}

export interface DayTrader {
  newDay(): void;
  session(wallMs: number, share: number): Promise<void>;
  report(): DayTraderReport;
  stop(): void;
}

const TICK_MS = 100;

export function createDayTrader(options: DayTraderOptions): DayTrader {
  const { sim } = options;
  const prng = createPrng(options.seed);
  const rnd = () => prng.next();
  const accounts = sim.demo.accountIds;
  const [min, max] = options.actionsPerDay;
  const lockedShare = options.lockedShare ?? 0.2;
  const loseId = sim.faults.add({
    target: { kind: 'hub', hub: 'user' },
    effect: { type: 'lose' },
    schedule: { type: 'probability', p: options.loseProbability },
  });
  let today = new Map<number, number>();
  const budget = new Map<number, number>();
  const totals = { actions: 0, refused: 0, drops: 0, lockedActions: 0 };

  const act = (accountId: number) => {
    if (sim.market.session() !== 'open') {
      totals.refused += 1;
      return;
    }
    try {
      traderAction(sim, rnd, [accountId], options.contracts);
      totals.actions += 1;
    } catch {
      totals.refused += 1;
    }
  };

  return {
    newDay() {
      today = new Map(accounts.map((id) => [id, min + Math.floor(rnd() * (max - min + 1))]));
    },
    async session(wallMs, share) {
      const ticks = Math.max(1, Math.round(wallMs / TICK_MS));
      const pDrop = 1 - (1 - options.dropsPerSecond) ** (TICK_MS / 1000);
      const startedAt = Date.now();
      for (let t = 0; t < ticks; t++) {
        for (const accountId of accounts) {
          const locked = options.isLocked?.(accountId) === true;
          const perTick = ((today.get(accountId) ?? 0) * share * (locked ? lockedShare : 1)) / ticks;
          let b = (budget.get(accountId) ?? 0) + perTick;
          for (; b >= 1; b -= 1) {
            act(accountId);
            if (locked) totals.lockedActions += 1;
          }
          budget.set(accountId, b);
        }
        if (rnd() < pDrop) {
          sim.faults.dropSockets();
          totals.drops += 1;
        }
        // Paced by the wall clock, so a slow tick does not stretch the session.
        const due = startedAt + (t + 1) * TICK_MS;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      }
    },
    report: () => ({ ...totals, lost: sim.faults.fired()[loseId] ?? 0 }),
    stop() {
      sim.faults.remove(loseId);
    },
  };
}
