import type { NotifierMemory } from './notifier';

/**
 * The notifier's memory in storage.session: an MV3 worker stops every ~30 s when nothing keeps
 * it alive, and the next one must not tell the trader everything again. Absent storage (some
 * browsers) remembers nothing.
 */
export function sessionMemory(
  session:
    | { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> }
    | undefined,
  key: string,
): NotifierMemory {
  return {
    load: async () => (await session?.get(key))?.[key],
    save: async (state) => session?.set({ [key]: state }),
  };
}
