import type { Timers } from '../ports';
import { type EngineMemory, normalizeEngineMemory } from '../rules/rule-memory';
import type { DurableStore } from '../storage/durable-store';

const MEMORY_KEY = 'engine-memory';

/**
 * Rule memory (warnings given, grace starts, best prices, today's high, the week's figures) is
 * saved like state: batched, at most every 250 ms. It is loaded completed with the fields
 * added since it was written, so no rule ever reads a missing one.
 */
export function createRuleMemoryStore(deps: {
  store: DurableStore;
  timers: Timers;
  /** Resolves once the writes this memory stands for have landed (lockouts begun before it). */
  written?: () => Promise<void>;
}) {
  let armed = false;
  return {
    save(current: () => EngineMemory): void {
      if (armed) return;
      armed = true;
      deps.timers.setTimeout(() => {
        armed = false;
        const memory = current();
        void (deps.written?.() ?? Promise.resolve())
          .then(() => deps.store.put('meta', MEMORY_KEY, memory))
          .catch(() => undefined);
      }, 250);
    },
    async load(): Promise<EngineMemory> {
      return normalizeEngineMemory(await deps.store.get<EngineMemory>('meta', MEMORY_KEY));
    },
  };
}

export type RuleMemoryStore = ReturnType<typeof createRuleMemoryStore>;
