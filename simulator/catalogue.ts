import type { Contract } from '../src/core/gateway/schemas';

/**
 * The contracts the simulator lists, with the real CME tick sizes and tick values and the
 * ProjectX id scheme `CON.F.US.<root>.<month><yy>`. Roots are what ProjectX uses (EP for ES,
 * ENQ for NQ, CLE for CL, ...). Costs per side and contract, on every trade as the live gateway
 * sends them: `fees` (the table below) and, beside them, `commissions` (0.25, the figure a live
 * MNQ trade carries; no live figure is known for other contracts, so the same for all). The
 * platform's balance pays both.
 */
export interface SimContract extends Contract {
  id: string;
  name: string;
  description: string;
  tickSize: number;
  tickValue: number;
  activeContract: boolean;
  symbolId: string;
  /** Fee per side per contract (not part of the API shape, used for trades). */
  feePerSide: number;
  /** Commission per side per contract (not part of the API shape, used for trades). */
  commissionPerSide: number;
  /** Starting price for the random walk. */
  startPrice: number;
  /** Random-walk volatility in ticks per step. */
  stepTicks: number;
}

interface Spec {
  root: string;
  ticker: string;
  description: string;
  tickSize: number;
  tickValue: number;
  fee: number;
  start: number;
  step: number;
}

const SPECS: Spec[] = [
  {
    root: 'EP',
    ticker: 'ES',
    description: 'E-mini S&P 500',
    tickSize: 0.25,
    tickValue: 12.5,
    fee: 1.4,
    start: 6850,
    step: 2,
  },
  {
    root: 'MES',
    ticker: 'MES',
    description: 'Micro E-mini S&P 500',
    tickSize: 0.25,
    tickValue: 1.25,
    fee: 0.37,
    start: 6850,
    step: 2,
  },
  {
    root: 'ENQ',
    ticker: 'NQ',
    description: 'E-mini NASDAQ-100',
    tickSize: 0.25,
    tickValue: 5,
    fee: 1.4,
    start: 25400,
    step: 6,
  },
  {
    root: 'MNQ',
    ticker: 'MNQ',
    description: 'Micro E-mini Nasdaq-100',
    tickSize: 0.25,
    tickValue: 0.5,
    fee: 0.37,
    start: 25400,
    step: 6,
  },
  {
    root: 'RTY',
    ticker: 'RTY',
    description: 'E-mini Russell 2000',
    tickSize: 0.1,
    tickValue: 5,
    fee: 1.4,
    start: 2450,
    step: 3,
  },
  {
    root: 'M2K',
    ticker: 'M2K',
    description: 'Micro E-mini Russell 2000',
    tickSize: 0.1,
    tickValue: 0.5,
    fee: 0.37,
    start: 2450,
    step: 3,
  },
  {
    root: 'YM',
    ticker: 'YM',
    description: 'E-mini Dow Jones ($5)',
    tickSize: 1,
    tickValue: 5,
    fee: 1.4,
    start: 47500,
    step: 4,
  },
  {
    root: 'MYM',
    ticker: 'MYM',
    description: 'Micro E-mini Dow Jones',
    tickSize: 1,
    tickValue: 0.5,
    fee: 0.37,
    start: 47500,
    step: 4,
  },
  {
    root: 'CLE',
    ticker: 'CL',
    description: 'Crude Light',
    tickSize: 0.01,
    tickValue: 10,
    fee: 1.52,
    start: 62.4,
    step: 3,
  },
  {
    root: 'MCLE',
    ticker: 'MCL',
    description: 'Micro WTI Crude Oil',
    tickSize: 0.01,
    tickValue: 1,
    fee: 0.52,
    start: 62.4,
    step: 3,
  },
  { root: 'GCE', ticker: 'GC', description: 'Gold', tickSize: 0.1, tickValue: 10, fee: 1.62, start: 4100, step: 5 },
  {
    root: 'MGC',
    ticker: 'MGC',
    description: 'Micro Gold',
    tickSize: 0.1,
    tickValue: 1,
    fee: 0.52,
    start: 4100,
    step: 5,
  },
];

/** Front month as the simulator's calendar sees it: December 2026 for equity index, Jan 2027 for CL, Feb 2027 for GC. */
const MONTHS: Record<string, { code: string; yy: number }> = {
  default: { code: 'Z', yy: 26 },
  CLE: { code: 'F', yy: 27 },
  MCLE: { code: 'F', yy: 27 },
  GCE: { code: 'G', yy: 27 },
  MGC: { code: 'G', yy: 27 },
};

/** Per side per contract, as on a live MNQ trade (`commissions: 0.25` beside `fees`). */
export const DEFAULT_COMMISSION_PER_SIDE = 0.25;

export function buildCatalogue(feeOverride?: number, commissionOverride?: number): SimContract[] {
  return SPECS.map((s) => {
    const m = MONTHS[s.root] ?? MONTHS.default ?? { code: 'Z', yy: 26 };
    return {
      id: `CON.F.US.${s.root}.${m.code}${m.yy}`,
      name: `${s.ticker}${m.code}${m.yy % 10}`,
      description: `${s.description}: ${monthName(m.code)} 20${m.yy}`,
      tickSize: s.tickSize,
      tickValue: s.tickValue,
      activeContract: true,
      symbolId: `F.US.${s.root}`,
      feePerSide: feeOverride ?? s.fee,
      commissionPerSide: commissionOverride ?? DEFAULT_COMMISSION_PER_SIDE,
      startPrice: s.start,
      stepTicks: s.step,
    };
  });
}

function monthName(code: string): string {
  const names: Record<string, string> = { F: 'January', G: 'February', Z: 'December' };
  return names[code] ?? code;
}

/** The API shape of a contract (no simulator-only fields). */
export function toApiContract(c: SimContract): Contract {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    tickSize: c.tickSize,
    tickValue: c.tickValue,
    activeContract: c.activeContract,
    symbolId: c.symbolId,
  };
}
