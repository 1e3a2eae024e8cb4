import type { TimerHandle, Timers } from '../../core/ports';
import type { GuardSnapshot } from '../../messaging/snapshot';
import { type ToolbarView, toolbarView } from './toolbar-badge';

/** The part of `browser.action` used here (Chrome MV3 and Firefox MV3 alike). */
export interface ActionApi {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
  /** Chrome 110+, Firefox 63+; older browsers keep their default text colour. */
  setBadgeTextColor?(details: { color: string }): Promise<void> | void;
  setTitle(details: { title: string }): Promise<void> | void;
  setIcon(details: { path: Record<string, string> }): Promise<void> | void;
}

export interface Toolbar {
  /** A new snapshot: redraw from it. */
  show(snapshot: GuardSnapshot): void;
  /** The guard could not start: red "!" with the reason, until a snapshot shows it running. */
  fault(reason: string): void;
  /** What is drawn now (null before the first draw). */
  current(): ToolbarView | null;
}

/**
 * Applies the toolbar policy (toolbar-badge.ts, beside it) with browser.action. Driven by
 * events, not polled: every published snapshot redraws, and one timer redraws when the same
 * snapshot would read differently (the countdown's next unit, a lockout's end).
 *
 * A fresh worker has drawn nothing, so its first draw sets every part, whatever the browser
 * still shows from before the restart or the update; after that only what changed is set.
 * Nothing is drawn before the first snapshot or fault: a restarting worker keeps the last
 * state on screen rather than flashing "starting" for the fraction of a second it loads.
 *
 * Time: countdowns run on the guard's time (the server's), as the popup's do: the computer's
 * clock (`now`) plus the snapshot's `clockOffsetMs`. A computer clock set ahead shortens no
 * countdown on the toolbar either.
 */
export function createToolbar(deps: {
  action: unknown;
  /** The computer's clock (Date.now); the timers run on it. */
  now: () => number;
  timers: Timers;
}): Toolbar {
  const action = deps.action as ActionApi | undefined;
  let snapshot: GuardSnapshot | null = null;
  let fault: string | null = null;
  let shown: ToolbarView | null = null;
  let timer: TimerHandle | null = null;

  const call = (result: Promise<void> | void) => {
    // A rejected draw (the browser is shutting down) must not become an unhandled rejection.
    void Promise.resolve(result).catch(() => undefined);
  };

  const guardNow = () => deps.now() + (snapshot?.clockOffsetMs ?? 0);

  const draw = (): void => {
    const next = toolbarView({ snapshot, fault, now: guardNow() });
    if (action) {
      if (shown?.text !== next.text) call(action.setBadgeText({ text: next.text }));
      if (shown?.backgroundColor !== next.backgroundColor) {
        call(action.setBadgeBackgroundColor({ color: next.backgroundColor }));
      }
      if (shown?.textColor !== next.textColor && action.setBadgeTextColor) {
        call(action.setBadgeTextColor({ color: next.textColor }));
      }
      if (shown?.title !== next.title) call(action.setTitle({ title: next.title }));
      if (shown?.state !== next.state) call(action.setIcon({ path: next.icon }));
    }
    shown = next;
    if (timer !== null) deps.timers.clearTimeout(timer);
    timer = null;
    if (next.refreshAt !== null) {
      timer = deps.timers.setTimeout(
        () => {
          timer = null;
          draw();
        },
        Math.max(0, next.refreshAt - guardNow()),
      );
    }
  };

  return {
    show(next) {
      snapshot = next;
      fault = null;
      draw();
    },
    fault(reason) {
      fault = reason;
      draw();
    },
    current: () => shown,
  };
}
