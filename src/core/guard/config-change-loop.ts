import { liftUnblockedSymbols } from '../lockouts/lift-unblocked-symbols';
import type { LockoutBook } from '../lockouts/lockout-book';
import type { Clock } from '../ports';
import type { ConfigHolder } from './config-holder';
import type { Deadlines } from './deadlines';
import type { EventPipeline } from './event-pipeline';
import type { GuardDays } from './guard-days';

/**
 * The config loop: level, not edge.
 *
 * Triggered by every config change in force: a save (a tightening applies at once), the
 * reset promoting what the commitment lock held back, the config loaded at start.
 * Does: sets the trading day's reset time and zone, lifts the symbol lockouts no longer
 * wanted (lift-unblocked-symbols.ts), re-judges every account with a 'tick' under the new
 * setting (a blocked symbol is locked at once, a lower limit enforced at once, not at the
 * next fill or quote), re-arms every deadline, and tells the views.
 *
 *   config in force ─▶ days configured ─▶ symbol lockouts lifted ─▶ 'tick' ─▶ pipeline
 *                   ─▶ deadlines re-armed ─▶ views told
 */
export function createConfigChangeLoop(deps: {
  config: Pick<ConfigHolder, 'onChange'>;
  days: Pick<GuardDays, 'configure'>;
  lockouts: LockoutBook;
  pipeline: Pick<EventPipeline, 'dispatch'>;
  deadlines: Pick<Deadlines, 'armAll'>;
  clock: Clock;
  /** Whether the guard has started: before, the config is only being loaded (start judges then). */
  running: () => boolean;
  changed: () => void;
}): () => void {
  const { clock } = deps;
  return deps.config.onChange((c) => {
    deps.days.configure(c.tradingDay);
    void liftUnblockedSymbols(deps.lockouts, c, clock.now()).catch(() => undefined);
    if (deps.running()) deps.pipeline.dispatch([{ kind: 'tick', source: 'timer', receivedAt: clock.now() }]);
    deps.deadlines.armAll();
    deps.changed();
  });
}
