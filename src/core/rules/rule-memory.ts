/**
 * What rules remember between events, per account. Plain, JSON-serializable data that the
 * integrator persists with the account state (IndexedDB), so a worker restart forgets
 * nothing: warnings already emitted, decisions already taken (latches), stop-loss grace
 * starts, trade-management best prices, the last known trading-window state.
 *
 * Values inside the records are treated as immutable: rules replace entries, never mutate
 * them, which lets the engine copy-on-write with shallow record copies (fast on quotes).
 */

/** A decision already taken: `sig` says for what, `until` when it may be taken again (0 = until the rule clears it). */
export interface Latch {
  sig: string;
  until: number;
}

/**
 * `tradeManagement`: one position whose protection is armed (breakeven reached or trailing active).
 * Nothing is stored before that, so quotes cost no memory writes until protection matters.
 */
export interface ManagedPosition {
  positionId: number;
  /** 1 long, 2 short (PositionType). */
  type: number;
  /** Best price seen since protection armed (highest for longs, lowest for shorts). */
  best: number;
  /** The breakeven threshold was reached: the breakeven stop stays wanted. */
  breakeven: boolean;
  /** The stop price last asked for (or found in place), so quotes do not ask twice. */
  lastWanted: number | null;
}

/**
 * `stopLossRequired`: the grace of one position left without a protective stop. It belongs to
 * that position (id and side), so a new position in the contract (reversed, or reopened while
 * the rule was not looking) never inherits it.
 */
export interface StopGrace {
  /** The position's id; null in a start stored before positions were told apart (owner unknown). */
  positionId: number | null;
  /** PositionType (1 long, 2 short); null with `positionId`. */
  type: number | null;
  /** Epoch ms at which the grace started. */
  since: number;
}

export interface RuleMemory {
  /** Trading-day key the daily parts (warnings) belong to. */
  day: string;
  /** Highest warning level emitted today, by `ruleId` or `ruleId:scope`. */
  warned: Record<string, number>;
  /** Decisions already taken, by key (`ruleId|…`). */
  latches: Record<string, Latch>;
  /** `stopLossRequired`: the running grace of each position without a stop, by contract id. */
  stopGrace: Record<string, StopGrace>;
  /** `tradeManagement`: per contract id. */
  managed: Record<string, ManagedPosition>;
  /**
   * `tradingHours`: whether the account's window was open at the last evaluation, by scope
   * ('' = account, else root).
   */
  windowOpen: Record<string, boolean>;
  /** `trailingDrawdown`: the end-of-day high balance the firm's trailing drawdown follows (kept across days). */
  drawdown: DrawdownMemory | null;
  /**
   * Per rule id: a signature of the settings the rule last judged this account with. When the
   * settings in force differ (a new mode, a new limit), the rule's latches and warnings are
   * forgotten and it judges the account afresh (engine/rule-judgement.ts).
   */
  judgedWith: Record<string, string>;
  /** Per rule id: the rule threw on its last evaluation of this account (shown as *error*). */
  failed: Record<string, RuleFailureMemo>;
  /** The account's positions as last settled, by contract id (measures/day-pnl.ts: no judgement on half an update). */
  seen: Record<string, SeenPosition>;
  /** Trailing daily loss: the day's highest P&L (kept for the day). */
  trail: TrailMemory | null;
  /** Weekly limits: each trading day's figures of the current week. */
  week: WeekMemory | null;
}

export interface SeenPosition {
  id: number;
  /** PositionType. */
  type: number;
  size: number;
  /** Closing (P&L-carrying) trades seen in this contract today when the position was recorded. */
  closes: number;
  /** When one side of a reduction was seen without the other (the picture is settling), or null. */
  pendingSince: number | null;
}

export interface TrailMemory {
  /** Trading day the peak belongs to. */
  day: string;
  /** Highest day P&L (realized net of fees + open) seen today, never below 0 (the day's start). */
  peak: number;
}

export interface WeekMemory {
  /** Trading-day key of the Monday the week belongs to (measures/trading-week.ts). */
  week: string;
  /** Per trading-day key: that day's realized P&L and executed orders, as last seen. */
  days: Record<string, { realized: number; trades: number }>;
}

export interface RuleFailureMemo {
  message: string;
  /** Epoch ms of the first failure since the rule last worked. */
  since: number;
}

export interface DrawdownMemory {
  /** Trading day of `lastBalance`. */
  day: string;
  /** Latest balance seen that day: at a day change it is that day's end-of-day balance. */
  lastBalance: number;
  /** Highest end-of-day balance seen. */
  highEod: number;
}

/** The `failed` record of memory with no failing rule, shared (the engine checks it by identity on every event). */
export const NO_FAILED: Readonly<Record<string, RuleFailureMemo>> = Object.freeze({});

export function emptyRuleMemory(day = ''): RuleMemory {
  return {
    day,
    warned: {},
    latches: {},
    stopGrace: {},
    managed: {},
    windowOpen: {},
    drawdown: null,
    judgedWith: {},
    failed: NO_FAILED as Record<string, RuleFailureMemo>,
    seen: {},
    trail: null,
    week: null,
  };
}

/** Memory of all accounts, by account id; what the engine takes and returns. */
export interface EngineMemory {
  accounts: Record<string, RuleMemory>;
}

export function emptyEngineMemory(): EngineMemory {
  return { accounts: {} };
}

/**
 * Shallow copy of the records rules write in place: enough because entries are replaced,
 * never mutated. The rarely written ones (judgedWith, failed, seen) are shared: their writers
 * replace the record whole (`setIn`, `removeIn`), so a copy per write of the hot ones stays small.
 */
export function copyRuleMemory(m: RuleMemory): RuleMemory {
  return {
    day: m.day,
    warned: { ...m.warned },
    latches: { ...m.latches },
    stopGrace: { ...m.stopGrace },
    managed: { ...m.managed },
    windowOpen: { ...m.windowOpen },
    drawdown: m.drawdown,
    // Written rarely and replaced whole by their writers (setIn/removeIn): shared, not copied.
    judgedWith: m.judgedWith,
    failed: m.failed,
    seen: m.seen,
    trail: m.trail,
    week: m.week,
  };
}

/** Accepts memory loaded from storage that may predate a field; never throws on old data. */
export function normalizeRuleMemory(raw: Partial<RuleMemory> | undefined, day: string): RuleMemory {
  if (!raw) return emptyRuleMemory(day);
  return {
    day: typeof raw.day === 'string' ? raw.day : day,
    warned: raw.warned ?? {},
    latches: raw.latches ?? {},
    stopGrace: normalizeStopGrace(raw.stopGrace),
    managed: raw.managed ?? {},
    windowOpen: raw.windowOpen ?? {},
    drawdown: raw.drawdown ?? null,
    judgedWith: raw.judgedWith ?? {},
    failed:
      raw.failed && Object.keys(raw.failed).length > 0 ? raw.failed : (NO_FAILED as Record<string, RuleFailureMemo>),
    seen: raw.seen ?? {},
    trail: raw.trail ?? null,
    week: raw.week ?? null,
  };
}

/**
 * Grace starts as stored. A start without its position (a bare number, written before graces
 * belonged to a position, or a damaged owner) keeps its time with the owner unknown, which the
 * rule reads cautiously (never a fresh grace); an entry without a usable start is dropped.
 */
function normalizeStopGrace(raw: Record<string, unknown> | undefined): Record<string, StopGrace> {
  const out: Record<string, StopGrace> = {};
  for (const [contractId, g] of Object.entries(raw ?? {})) {
    const { positionId, type, since } = (typeof g === 'object' && g !== null ? g : { since: g }) as Partial<StopGrace>;
    if (typeof since !== 'number' || !Number.isFinite(since)) continue;
    const known = typeof positionId === 'number' && typeof type === 'number';
    out[contractId] = known ? { positionId, type, since } : { positionId: null, type: null, since };
  }
  return out;
}

/** Engine memory loaded from storage, each account's memory completed with fields added since it was written. */
export function normalizeEngineMemory(raw: Partial<EngineMemory> | undefined | null): EngineMemory {
  const accounts: Record<string, RuleMemory> = {};
  for (const [key, m] of Object.entries(raw?.accounts ?? {})) accounts[key] = normalizeRuleMemory(m, m?.day ?? '');
  return { accounts };
}

/** Every rule currently failing, by account (what the views show as *error*). */
export function ruleFailuresOf(memory: EngineMemory): Array<RuleFailureMemo & { accountId: number; ruleId: string }> {
  const out: Array<RuleFailureMemo & { accountId: number; ruleId: string }> = [];
  for (const [key, m] of Object.entries(memory.accounts)) {
    for (const [ruleId, f] of Object.entries(m?.failed ?? {})) out.push({ accountId: Number(key), ruleId, ...f });
  }
  return out;
}

/** A record with `key` set, as a new object (for the records the draft shares with its base). */
export function setIn<T>(record: Readonly<Record<string, T>>, key: string, value: T): Record<string, T> {
  return { ...record, [key]: value };
}

/** A record without `key`, as a new object. */
export function removeIn<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const out = { ...record };
  delete out[key];
  return out;
}
