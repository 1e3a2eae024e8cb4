import type { Prng } from './prng';
import type { FaultEffect, FaultSpec, HubKind } from './types';

/**
 * The fault registry: which faults exist, when they fire (schedule), how often they fired.
 * REST and hub code ask it per request / per outgoing message. Latency faults add up; of
 * the other effects the first one (in order added) whose schedule fires wins. Probabilistic
 * schedules draw from the seeded PRNG, so a chaos run replays.
 */
interface Entry {
  id: string;
  spec: FaultSpec;
  addedAt: number;
  fired: number;
}

export interface RestFaultPlan {
  latencyMs: number;
  effect?: FaultEffect;
  faultId?: string;
}

export interface FaultRegistry {
  add(spec: FaultSpec): string;
  remove(id: string): void;
  clear(): void;
  fired(): Record<string, number>;
  forRest(endpoint: string): RestFaultPlan;
  /** The effect for one outgoing hub message, if any fault fires for it. */
  forHub(hub: HubKind, event: string): FaultEffect | undefined;
}

const REST_EFFECTS = new Set([
  'latency',
  'http-error',
  'timeout',
  'apply-then-fail',
  'rate-limit',
  'business-error',
  'corrupt',
]);

export function createFaultRegistry(prng: Prng, now: () => number): FaultRegistry {
  let entries: Entry[] = [];
  const history: Record<string, number> = {};
  let seq = 0;

  const fires = (e: Entry): boolean => {
    const s = e.spec.schedule;
    let go: boolean;
    switch (s.type) {
      case 'once':
        go = e.fired === 0;
        break;
      case 'always':
        go = true;
        break;
      case 'count':
        go = e.fired < s.n;
        break;
      case 'probability':
        go = prng.next() < s.p;
        break;
      case 'window': {
        const t = now() - e.addedAt;
        go = t >= s.fromMs && t < s.toMs;
        break;
      }
    }
    if (go) {
      e.fired += 1;
      history[e.id] = e.fired;
    }
    return go;
  };

  return {
    add(spec) {
      seq += 1;
      const id = `fault-${seq}`;
      entries.push({ id, spec: structuredClone(spec), addedAt: now(), fired: 0 });
      history[id] = 0;
      return id;
    },
    remove(id) {
      entries = entries.filter((e) => e.id !== id);
    },
    clear() {
      entries = [];
    },
    fired: () => ({ ...history }),
    forRest(endpoint) {
      const plan: RestFaultPlan = { latencyMs: 0 };
      const ep = endpoint.toLowerCase();
      for (const e of entries) {
        const t = e.spec.target;
        if (t.kind !== 'rest' || (t.endpoint !== undefined && t.endpoint.toLowerCase() !== ep)) continue;
        if (!REST_EFFECTS.has(e.spec.effect.type)) continue;
        if (e.spec.effect.type === 'latency') {
          if (fires(e)) plan.latencyMs += e.spec.effect.ms;
          continue;
        }
        if (plan.effect) continue;
        if (fires(e)) {
          plan.effect = e.spec.effect;
          plan.faultId = e.id;
        }
      }
      return plan;
    },
    forHub(hub, event) {
      for (const e of entries) {
        const t = e.spec.target;
        if (t.kind !== 'hub' || (t.hub !== undefined && t.hub !== hub) || (t.event !== undefined && t.event !== event))
          continue;
        const type = e.spec.effect.type;
        if (REST_EFFECTS.has(type) && type !== 'latency') continue;
        if (fires(e))
          return type === 'latency' ? { type: 'delay', ms: (e.spec.effect as { ms: number }).ms } : e.spec.effect;
      }
      return undefined;
    },
  };
}
