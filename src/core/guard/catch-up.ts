import type { Enforcer } from '../enforce/enforcer';
import { exposureOf } from '../enforce/exposure';
import type { LockoutGuard } from '../enforce/lockout-guard';
import type { Clock } from '../ports';
import type { ConfigHolder } from './config-holder';
import type { Deadlines } from './deadlines';
import type { EventPipeline } from './event-pipeline';
import type { GuardDays } from './guard-days';
import type { GuardTime } from './guard-time';
import type { IntentPruning } from './intent-pruning';

/**
 * The timer loop: the guard catching up on time.
 *
 * Triggered by every deadline that fires (the trading-day reset, the next lockout end, the
 * earliest rule deadline: deadlines.ts, on chrome.alarms), by the 30 s watchdog, by the
 * computer's clock changing, by the server's time moving (time-moved-loop.ts), and once at
 * start. Idempotent: a tick too many changes nothing.
 *
 *   check the server's time ─▶ promote held-back config at the reset ─▶ prune old intents
 *   ─▶ judge every account ('tick' event) ─▶ lockout guard: expire ended lockouts, enforce
 *   the rest ─▶ narrow enforcements left from before the reset ─▶ re-arm every deadline
 *   ─▶ views told ─▶ save the server's time
 */
export interface CatchUp {
  /** One catch-up; `verify` false skips asking the server (it is slow, and start asks later). */
  tick(verify?: boolean): Promise<void>;
  /** Unfinished enforcements from before the last reset cover only what was open then (day-rollover.ts). */
  rollOverEnforcements(): Promise<unknown>;
  /** A scheduled deadline fired: it is armed again if still due, and the guard catches up. */
  deadlineFired(name: string): Promise<void>;
  /** Time moved for every clock (local builds' shifted clock): every deadline is armed afresh. */
  clockChanged(): Promise<void>;
}

export function createCatchUp(deps: {
  time: Pick<GuardTime, 'verify' | 'save'>;
  clock: Clock;
  config: Pick<ConfigHolder, 'promote'>;
  intentPruning: IntentPruning;
  pipeline: Pick<EventPipeline, 'dispatch' | 'state'>;
  lockoutGuard: Pick<LockoutGuard, 'tick'>;
  enforcer: Pick<Enforcer, 'rollover'>;
  days: Pick<GuardDays, 'current'>;
  deadlines: Pick<Deadlines, 'armAll' | 'fired' | 'forget'>;
  changed: () => void;
}): CatchUp {
  const { time, clock, pipeline, deadlines } = deps;

  const rollOverEnforcements = (): Promise<unknown> => {
    const dayStart = deps.days.current().start;
    return deps.enforcer
      .rollover(dayStart, (accountId) => exposureOf(pipeline.state(), accountId))
      .catch(() => undefined);
  };

  async function tick(verify = true): Promise<void> {
    if (verify) await time.verify();
    await deps.config.promote().catch(() => false);
    deps.intentPruning.onTick();
    pipeline.dispatch([{ kind: 'tick', source: 'timer', receivedAt: clock.now() }]);
    await deps.lockoutGuard.tick().catch(() => undefined);
    await rollOverEnforcements();
    deadlines.armAll();
    deps.changed();
    await time.save();
  }

  return {
    tick,
    rollOverEnforcements,
    deadlineFired(name) {
      deadlines.fired(name);
      return tick();
    },
    async clockChanged() {
      deadlines.forget();
      await tick();
    },
  };
}
