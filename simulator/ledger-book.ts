import { WORKING_ORDER_STATUSES } from '../src/core/gateway/enums';
import type { Account, Order, Position, Trade } from '../src/core/gateway/schemas';
import type { AccountTruth, LedgerEntry } from './types';

/**
 * One account's truth, brought up to date one ledger entry at a time. The ledger keeps one
 * book per account as entries are appended (so `truth()` costs the size of the answer, not
 * of the history) and builds a fresh one the same way for `truth(at)`: "now" and "as it was
 * at t" come from the same code.
 *
 * The book holds the entries' own objects (the ledger never changes an entry after append);
 * `bookTruth` hands out copies.
 */
export interface AccountBook {
  account: Account | undefined;
  /** Latest version of every order, in first-seen order. */
  orders: Map<number, Order>;
  /** The working ones (open, pending, suspended): what traders and tests ask for on every step. */
  working: Map<number, Order>;
  /** Latest version per contract, closed ones (size 0) included. */
  positions: Map<string, Position>;
  /** Latest version of every trade: a trade seen again (voided) keeps its first place. */
  trades: Map<number, Trade>;
  realized: RunningSum;
  fees: RunningSum;
  commissions: RunningSum;
  /** seq of the last entry applied (0: none). */
  lastSeq: number;
}

/**
 * A sum kept as values come and go (Neumaier's compensated summation): millions of additions
 * and the take-backs of voided trades stay exact to far below a cent.
 */
export interface RunningSum {
  add(x: number): void;
  value(): number;
  copy(): RunningSum;
}

export function createRunningSum(
  start: { sum: number; compensation: number } = { sum: 0, compensation: 0 },
): RunningSum {
  let { sum, compensation } = start;
  return {
    add(x) {
      const t = sum + x;
      compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
      sum = t;
    },
    value: () => sum + compensation,
    copy: () => createRunningSum({ sum, compensation }),
  };
}

export function createBook(): AccountBook {
  return {
    account: undefined,
    orders: new Map(),
    working: new Map(),
    positions: new Map(),
    trades: new Map(),
    realized: createRunningSum(),
    fees: createRunningSum(),
    commissions: createRunningSum(),
    lastSeq: 0,
  };
}

/** A book of its own with the same contents (the entries' objects are shared: they never change). */
export function copyBook(book: AccountBook): AccountBook {
  return {
    account: book.account,
    orders: new Map(book.orders),
    working: new Map(book.working),
    positions: new Map(book.positions),
    trades: new Map(book.trades),
    realized: book.realized.copy(),
    fees: book.fees.copy(),
    commissions: book.commissions.copy(),
    lastSeq: book.lastSeq,
  };
}

/** Applies one entry of the book's account. Constant work per entry. */
export function applyEntry(book: AccountBook, e: LedgerEntry): void {
  book.lastSeq = e.seq;
  switch (e.type) {
    case 'account':
      book.account = e.account;
      break;
    case 'balance':
      if (book.account) book.account = { ...book.account, balance: e.balance };
      break;
    case 'order':
      book.orders.set(e.order.id, e.order);
      if (WORKING_ORDER_STATUSES.has(e.order.status)) book.working.set(e.order.id, e.order);
      else book.working.delete(e.order.id);
      break;
    case 'position':
      book.positions.set(e.position.contractId, e.position);
      break;
    case 'trade': {
      const before = book.trades.get(e.trade.id);
      if (before && before.voided !== true) count(book, before, -1);
      if (e.trade.voided !== true) count(book, e.trade, 1);
      // Map.set on a known key keeps its place: the new version replaces the old in fill order.
      book.trades.set(e.trade.id, e.trade);
      break;
    }
    case 'close-request':
      break;
  }
}

function count(book: AccountBook, trade: Trade, sign: 1 | -1): void {
  book.realized.add(sign * (trade.profitAndLoss ?? 0));
  book.fees.add(sign * (trade.fees ?? 0));
  book.commissions.add(sign * (trade.commissions ?? 0));
}

/**
 * A deep copy of plain data (objects, arrays, primitives: what the gateway's JSON shapes are).
 * Not structuredClone: a ledger entry is a record or two of primitives, and structuredClone's
 * general machinery costs ~30× more than copying them, on every append and every answer.
 */
export function copyPlain<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copyPlain((value as Record<string, unknown>)[key]);
  return out as T;
}

const clone = copyPlain;
const cents = (x: number) => Math.round(x * 100) / 100;

/**
 * The book as an AccountTruth, copied. `orders` and `trades` (the whole history) are built
 * only when read, once per truth: a caller that wants the working orders and positions (as
 * a trader does on every step) pays for those alone. Read after the account moved on, they
 * still show the account as it was when the truth was taken (`rebuild` replays to that entry).
 */
export function bookTruth(
  book: AccountBook,
  accountId: number,
  rebuild: (accountId: number, lastSeq: number) => AccountBook,
  visit: (records: number) => void,
): AccountTruth {
  if (!book.account) throw new Error(`ledger: no account ${accountId}`);
  visit(book.positions.size + book.working.size);
  const truth = {
    account: clone(book.account),
    positions: [...book.positions.values()].filter((p) => p.size > 0).map(clone),
    openOrders: [...book.working.values()].sort((a, b) => a.id - b.id).map(clone),
    orders: [] as Order[],
    trades: [] as Trade[],
    realizedPnl: cents(book.realized.value()),
    fees: cents(book.fees.value()),
    commissions: cents(book.commissions.value()),
  };
  const takenAt = book.lastSeq;
  const asTaken = () => {
    const b = book.lastSeq === takenAt ? book : rebuild(accountId, takenAt);
    visit(b.orders.size + b.trades.size);
    return b;
  };
  lazy(truth, 'orders', () => [...asTaken().orders.values()].sort((a, b) => a.id - b.id).map(clone));
  lazy(truth, 'trades', () => [...asTaken().trades.values()].map(clone));
  return truth;
}

/** An enumerable property computed on first read, then kept (equality and JSON see it as data). */
function lazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}
