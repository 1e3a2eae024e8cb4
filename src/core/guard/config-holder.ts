import type { Clock } from '../ports';
import { applyConfigChange, type PendingConfig, promotePending } from '../rules/commitment-lock';
import { defaultConfig, type GuardConfig, parseConfig } from '../rules/config-schema';
import type { SettingChange } from '../rules/tightness';
import type { Journal } from '../state/journal';
import type { DurableStore } from '../storage/durable-store';

const ACTIVE_KEY = 'active';
const PENDING_KEY = 'pending';

export type SaveConfigResult =
  | { ok: true; changes: SettingChange[]; pending: PendingConfig | null }
  | { ok: false; problems: Array<{ path: string; message: string }> };

/**
 * The config in force and the loosening changes the commitment lock holds back until the
 * next reset. Both persist (strict) before they apply: a tightened limit must survive a
 * worker restart, and so must the fact that a loosening is not yet in force.
 */
export interface ConfigHolder {
  load(): Promise<void>;
  active(): GuardConfig;
  pending(): PendingConfig | null;
  /** Validates `input` whole; tightening applies now, loosening at `nextReset`. */
  save(input: unknown, nextReset: number): Promise<SaveConfigResult>;
  /** At (or after) the reset: the held-back changes come into force. */
  promote(): Promise<boolean>;
  onChange(listener: (config: GuardConfig) => void): () => void;
}

export function createConfigHolder(deps: { store: DurableStore; clock: Clock; journal: Journal }): ConfigHolder {
  let active = defaultConfig();
  let pending: PendingConfig | null = null;
  const listeners = new Set<(config: GuardConfig) => void>();

  const persist = async () => {
    await deps.store.putMany(
      [
        { store: 'config', key: ACTIVE_KEY, value: active },
        { store: 'config', key: PENDING_KEY, value: pending },
      ],
      { durability: 'strict' },
    );
  };
  const changed = () => {
    for (const l of listeners) l(active);
  };

  return {
    async load() {
      const stored = await deps.store.get<unknown>('config', ACTIVE_KEY);
      if (stored !== undefined) {
        const parsed = parseConfig(stored);
        if (parsed.ok) active = parsed.config;
        else {
          // A stored config that no longer parses (older schema) must not disarm the guard:
          // keep the defaults and say so loudly.
          await deps.journal.append({
            at: deps.clock.now(),
            kind: 'error',
            accountId: null,
            message: 'The saved config is invalid; the defaults are in force until it is saved again',
            data: { problems: parsed.problems },
          });
        }
      }
      const storedPending = await deps.store.get<PendingConfig | null>('config', PENDING_KEY);
      if (storedPending) {
        const parsed = parseConfig(storedPending.config);
        pending = parsed.ok ? { ...storedPending, config: parsed.config } : null;
      }
      changed();
    },
    active: () => active,
    pending: () => pending,
    async save(input, nextReset) {
      const parsed = parseConfig(input);
      if (!parsed.ok) return { ok: false, problems: parsed.problems };
      const result = applyConfigChange({ active, proposed: parsed.config, pending, now: deps.clock.now(), nextReset });
      active = result.active;
      pending = result.pending;
      await persist();
      await deps.journal.append({
        at: deps.clock.now(),
        kind: 'config',
        accountId: null,
        message:
          result.pending === null
            ? `Config saved: ${result.changes.length} change(s) in force`
            : `Config saved: tightening in force now, ${result.pending.changes.length} loosening change(s) pending until the reset`,
        data: { changes: result.changes },
      });
      changed();
      return { ok: true, changes: result.changes, pending };
    },
    async promote() {
      const result = promotePending({ active, pending, now: deps.clock.now() });
      if (!result.promoted) return false;
      active = result.active;
      pending = result.pending;
      await persist();
      await deps.journal.append({
        at: deps.clock.now(),
        kind: 'config',
        accountId: null,
        message: 'Pending config changes came into force at the reset',
      });
      changed();
      return true;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
