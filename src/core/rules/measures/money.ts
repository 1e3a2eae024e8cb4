import type { AccountState } from '../../state/account-state';

/** Money figures as the rules read them. */

/**
 * The account's balance, or null while it is not known: an account first seen through a fill
 * or an order (before its own record arrives) is a placeholder whose balance reads 0. Unknown
 * is not 0: a rule that needs the balance waits and notes it (`{ balance: 'unknown' }`).
 */
export function knownBalance(account: AccountState): number | null {
  return account.placeholder ? null : account.account.balance;
}

/** Rounded to the cent: figures and messages never show float noise (−302.96, not −302.9599…). */
export function money(n: number): number {
  return Math.round(n * 100) / 100;
}
