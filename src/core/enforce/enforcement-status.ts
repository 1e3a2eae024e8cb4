/**
 * What the UI shows about one account's enforcement (popup, overlay):
 *
 *   idle ──decision/lockout event──▶ enforcing ──REST shows desired state──▶ converged
 *                                      │   ▲                                    │
 *                       rounds or reads │   │ retry timer, new decision, event   │ next decision
 *                            exhausted  ▼   │                                    ▼
 *                                      failed (LOUD: journal 'error')         enforcing
 */
export type EnforcementStatus =
  | { state: 'idle' }
  | { state: 'enforcing'; since: number; what: string; round: number }
  | { state: 'failed'; since: number; what: string; reason: string; nextAttemptAt: number | null }
  | { state: 'converged'; at: number; what: string; actions: number };
