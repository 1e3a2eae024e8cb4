/**
 * Symbol roots. The root is the fourth dot-part of a contract id (`CON.F.US.MNQ.U25` → `MNQ`);
 * some roots are not what traders say (`EP` is ES, `ENQ` is NQ), hence the alias table.
 */

const ROOT_TO_TICKER: Readonly<Record<string, string>> = {
  EP: 'ES',
  ENQ: 'NQ',
  CLE: 'CL',
  MCLE: 'MCL',
  GCE: 'GC',
};

/** Micro contracts: with mini-equivalent counting, one micro counts 0.1. */
const MICRO_TICKERS: ReadonlySet<string> = new Set([
  'MES',
  'MNQ',
  'M2K',
  'MYM',
  'MCL',
  'MGC',
  'MBT',
  'MET',
  'M6E',
  'M6A',
  'M6B',
]);

/** The exchange root of a contract id, or the id itself when it has no such part. */
export function contractRoot(contractId: string): string {
  return contractId.split('.')[3] ?? contractId;
}

/** The ticker traders use for a contract id or root (`CON.F.US.EP.Z25` → `ES`). */
export function tickerOf(contractIdOrRoot: string): string {
  const root = contractIdOrRoot.includes('.') ? contractRoot(contractIdOrRoot) : contractIdOrRoot;
  const upper = root.toUpperCase();
  return ROOT_TO_TICKER[upper] ?? upper;
}

export function isMicro(contractIdOrRoot: string): boolean {
  return MICRO_TICKERS.has(tickerOf(contractIdOrRoot));
}

/** Weight of one contract when counting in mini-equivalents. */
export function miniWeight(contractIdOrRoot: string): number {
  return isMicro(contractIdOrRoot) ? 0.1 : 1;
}
