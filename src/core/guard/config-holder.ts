import { errorMessage } from '../error-message';
import type { Journal } from '../journal/journal';
import type { Clock } from '../ports';
import type { SettingChange } from '../rules/catalog/tightness';
import { applyConfigChange, type PendingConfig, promotePending } from '../rules/config/commitment-lock';
import { defaultConfig, type GuardConfig, parseConfig } from '../rules/config/config-schema';
import type { DurableStore } from '../storage/durable-store';

const ACTIVE_KEY = 'active';
/** The problem path of a config that was valid but could not be stored (a full disk). */
export const CONFIG_STORAGE_PATH = '(storage)' as const;
const PENDING_KEY = 'pending';

export type SaveConfigResult =
  | { ok: true; changes: SettingChange[]; pending: PendingConfig | null }
  | { ok: false; problems: Array<{ path: string; message: string }> };

/**
 * The config in force and the loosening changes the commitment lock holds back until the
 * next reset. A change is in force only once it is stored (strict): write first, then apply.
 * A change that lived only in memory would hold until the next worker restart and then
 * silently revert; so a failed write changes nothing and the caller is told so. The journal
 * entry comes after and is best-effort: it records a change, it does not decide one.
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

  /** Store `next`, and only then make it the config in force. */
  const commit = async (next: { active: GuardConfig; pending: PendingConfig | null }) => {
    await deps.store.putMany(
      [
        { store: 'config', key: ACTIVE_KEY, value: next.active },
        { store: 'config', key: PENDING_KEY, value: next.pending },
      ],
      { durability: 'strict' },
    );
    active = next.active;
    pending = next.pending;
  };
  const record = (entry: Parameters<Journal['append']>[0]) => deps.journal.append(entry).catch(() => undefined);
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
      try {
        await commit(result);
      } catch (error) {
        const reason = errorMessage(error);
        return {
          ok: false,
          problems: [
            {
              path: CONFIG_STORAGE_PATH,
              message: `the settings could not be stored (${reason}); nothing changed, the previous settings stay in force`,
            },
          ],
        };
      }
      await record({
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
      // Not stored, not promoted: the pending changes stay pending and the next tick tries again.
      await commit(result);
      await record({
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
