/**
 * The TopstepX account types a preset can be built for, and the firm's figures each one
 * carries (stated in the README with where they come from): the maximum position size in
 * minis (ten micros count as one) and the trailing Maximum Loss Limit. Combine and Express
 * Funded accounts of one size share both figures; a practice account has no firm limits.
 */

export type Program = 'combine' | 'express' | 'practice';

export interface AccountType {
  id: AccountTypeId;
  label: string;
  program: Program;
  /** Starting balance in USD. */
  size: number;
  /** The firm's maximum position size, in minis. */
  maxMinis: number;
  /** The firm's trailing Maximum Loss Limit in USD; null: no firm limit (practice). */
  maxLoss: number | null;
}

export const ACCOUNT_TYPE_IDS = [
  'combine-50k',
  'combine-100k',
  'combine-150k',
  'express-50k',
  'express-100k',
  'express-150k',
  'practice',
] as const;
export type AccountTypeId = (typeof ACCOUNT_TYPE_IDS)[number];

const SIZES = [
  { size: 50_000, maxMinis: 5, maxLoss: 2_000 },
  { size: 100_000, maxMinis: 10, maxLoss: 3_000 },
  { size: 150_000, maxMinis: 15, maxLoss: 4_500 },
] as const;

const sized = (program: 'combine' | 'express', name: string): AccountType[] =>
  SIZES.map((s) => ({
    id: `${program}-${s.size / 1000}k` as AccountTypeId,
    label: `TopstepX ${s.size / 1000}K ${name}`,
    program,
    ...s,
  }));

export const ACCOUNT_TYPES: readonly AccountType[] = [
  ...sized('combine', 'Combine'),
  ...sized('express', 'Express Funded'),
  // Practice: a 50K account's size and daily figures, and no firm maximum loss to guard.
  { id: 'practice', label: 'TopstepX practice account', program: 'practice', size: 50_000, maxMinis: 5, maxLoss: null },
];

export function accountType(id: AccountTypeId): AccountType {
  const t = ACCOUNT_TYPES.find((a) => a.id === id);
  if (!t) throw new RangeError(`unknown account type '${id}'`);
  return t;
}

/**
 * The account type an account most likely is, from its name as TopstepX writes it
 * ("50KTC-V2-…", "EXPRESS-V2-…", "PRAC-V2-…", "$150K EXPRESS | …") and its balance; null when
 * neither says (the trader picks).
 */
export function guessAccountType(account: { name: string; balance?: number | null }): AccountTypeId | null {
  const name = account.name.toUpperCase();
  if (/\bPRAC/.test(name) || name.includes('PRACTICE')) return 'practice';
  const program: 'combine' | 'express' = /EXPRESS|XFA/.test(name) ? 'express' : 'combine';
  const named = /(50|100|150)K/.exec(name);
  let size: number | null = named ? Number(named[1]) * 1000 : null;
  const balance = account.balance;
  if (size === null && typeof balance === 'number') {
    const near = SIZES.find((s) => Math.abs(balance - s.size) <= s.size * 0.2);
    size = near ? near.size : null;
  }
  if (size === null) return null;
  return `${program}-${size / 1000}k` as AccountTypeId;
}
