import type { Enforcer } from '../enforce/enforcer';
import type { RealtimeSession } from '../realtime/realtime-session';

/**
 * The enforcement loop back to REST.
 *
 * Triggered by every change of an account's enforcement status (enforcement-machine.ts).
 * Does: tells the views (the popup shows *enforcing*, *failed*, *done*), and when an
 * enforcement has converged reads that account through REST again, so what the guard did is
 * confirmed and whatever the hubs missed comes back down the one event path.
 *
 *   enforcer status ─▶ views told
 *        └─ converged ─▶ reconcile(account) ─▶ events ─▶ pipeline
 */
export function createReconcileOnConvergedLoop(deps: {
  enforcer: Pick<Enforcer, 'onStatus'>;
  session: Pick<RealtimeSession, 'reconcile'>;
  changed: () => void;
}): () => void {
  return deps.enforcer.onStatus((accountId, status) => {
    deps.changed();
    if (status.state === 'converged') {
      deps.session.reconcile('after-enforcement', [accountId]).catch(() => undefined);
    }
  });
}
