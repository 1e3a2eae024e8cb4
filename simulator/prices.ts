import type { SimContract } from './catalogue';
import type { Prng } from './prng';
import { roundToTick } from './time-format';

/**
 * The price of every contract: a seeded random walk (only for contracts someone watches or
 * holds, so idle contracts stay still), scripted paths played one step per tick, and manual
 * `set`. Every change is recorded (for History/retrieveBars) and reported to listeners
 * (matching engine first, then market hub) in the order it happened.
 */
export interface Touch {
  last: number;
  bid: number;
  ask: number;
  open: number;
  high: number;
  low: number;
  volume: number;
  at: number;
}

export interface PriceTick {
  at: number;
  price: number;
  volume: number;
}

export type PriceListener = (contractId: string, touch: Touch) => void;

export interface PriceBook {
  touch(contractId: string): Touch;
  set(contractId: string, price: number): void;
  script(contractId: string, prices: number[]): void;
  /** Advance every scripted path one step and walk every active contract once. */
  step(): void;
  ticks(contractId: string, fromMs: number, toMs: number): PriceTick[];
  onChange(listener: PriceListener): void;
  /** Forgets the recorded ticks before `before` (the simulator's `retainHistoryMs`). */
  prune(before: number): void;
}

const MAX_TICKS = 100_000;

export function createPriceBook(options: {
  contracts: SimContract[];
  prng: Prng;
  now: () => number;
  spreadTicks: number;
  isActive: (contractId: string) => boolean;
  /** Prices from before the simulator started (the opt-in past history), for History/retrieveBars. */
  past?: (contractId: string, fromMs: number, toMs: number) => PriceTick[];
}): PriceBook {
  const { prng, now, spreadTicks } = options;
  const byId = new Map(options.contracts.map((c) => [c.id, c]));
  const touches = new Map<string, Touch>();
  const history = new Map<string, PriceTick[]>();
  const scripts = new Map<string, number[]>();
  const listeners: PriceListener[] = [];

  const contract = (id: string): SimContract => {
    const c = byId.get(id);
    if (!c) throw new Error(`unknown contract ${id}`);
    return c;
  };

  for (const c of options.contracts) {
    const p = roundToTick(c.startPrice, c.tickSize);
    const t = now();
    touches.set(c.id, {
      last: p,
      bid: p,
      ask: roundToTick(p + spreadTicks * c.tickSize, c.tickSize),
      open: p,
      high: p,
      low: p,
      volume: 0,
      at: t,
    });
    history.set(c.id, [{ at: t, price: p, volume: 0 }]);
  }

  const apply = (id: string, raw: number): void => {
    const c = contract(id);
    const price = roundToTick(raw, c.tickSize);
    if (!(price > 0)) return; // a walk never goes to zero or below
    const prev = touches.get(id);
    if (!prev) return;
    const volume = 1 + Math.floor(prng.next() * 5);
    const t = now();
    const next: Touch = {
      last: price,
      bid: price,
      ask: roundToTick(price + spreadTicks * c.tickSize, c.tickSize),
      open: prev.open,
      high: Math.max(prev.high, price),
      low: Math.min(prev.low, price),
      volume: prev.volume + volume,
      at: t,
    };
    touches.set(id, next);
    const h = history.get(id) ?? [];
    h.push({ at: t, price, volume });
    if (h.length > MAX_TICKS) h.splice(0, h.length - MAX_TICKS);
    history.set(id, h);
    for (const l of listeners) l(id, next);
  };

  return {
    touch(id) {
      contract(id);
      const t = touches.get(id);
      if (!t) throw new Error(`unknown contract ${id}`);
      return t;
    },
    set(id, price) {
      apply(id, price);
    },
    script(id, prices) {
      contract(id);
      scripts.set(id, [...(scripts.get(id) ?? []), ...prices]);
    },
    step() {
      for (const c of options.contracts) {
        const queue = scripts.get(c.id);
        if (queue && queue.length > 0) {
          const p = queue.shift();
          if (p !== undefined) apply(c.id, p);
          continue;
        }
        if (!options.isActive(c.id)) continue;
        const prev = touches.get(c.id);
        if (!prev) continue;
        const moveTicks = Math.round(prng.normal() * c.stepTicks * 0.5);
        if (moveTicks !== 0) apply(c.id, prev.last + moveTicks * c.tickSize);
      }
    },
    ticks(id, fromMs, toMs) {
      contract(id);
      const live = (history.get(id) ?? []).filter((t) => t.at >= fromMs && t.at <= toMs);
      return options.past ? [...options.past(id, fromMs, toMs), ...live] : live;
    },
    onChange(listener) {
      listeners.push(listener);
    },
    prune(before) {
      for (const h of history.values()) {
        let old = 0;
        while (old < h.length - 1 && (h[old]?.at ?? before) < before) old++;
        // The newest tick stays, whatever its age: it is the price bars start from.
        if (old > 0) h.splice(0, old);
      }
    },
  };
}
