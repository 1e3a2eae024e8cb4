import { expect } from 'vitest';

/** The documented field sets (docs/gateway.md, "Shapes") and the timestamp format. */
export const ACCOUNT_FIELDS = ['id', 'name', 'balance', 'canTrade', 'isVisible', 'simulated'];
export const CONTRACT_FIELDS = ['id', 'name', 'description', 'tickSize', 'tickValue', 'activeContract', 'symbolId'];
export const ORDER_FIELDS = [
  'id',
  'accountId',
  'contractId',
  'symbolId',
  'creationTimestamp',
  'updateTimestamp',
  'status',
  'type',
  'side',
  'size',
  'limitPrice',
  'stopPrice',
  'fillVolume',
  'filledPrice',
  'customTag',
];
export const POSITION_FIELDS = ['id', 'accountId', 'contractId', 'creationTimestamp', 'type', 'size', 'averagePrice'];
export const TRADE_FIELDS = [
  'id',
  'accountId',
  'contractId',
  'creationTimestamp',
  'price',
  'profitAndLoss',
  'fees',
  // Undocumented, sent by the live gateway beside `fees` (per contract and side, e.g. 0.25 on MNQ).
  'commissions',
  'side',
  'size',
  'voided',
  'orderId',
];
export const QUOTE_FIELDS = [
  'symbol',
  'symbolName',
  'lastPrice',
  'bestBid',
  'bestAsk',
  'change',
  'changePercent',
  'open',
  'high',
  'low',
  'volume',
  'lastUpdated',
  'timestamp',
];
export const ENVELOPE_FIELDS = ['success', 'errorCode', 'errorMessage'];

/** ISO-8601 with an explicit offset and up to 7 fractional digits. */
export const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?[+-]\d{2}:\d{2}$/;

export function expectFields(value: unknown, fields: string[]): void {
  expect(typeof value).toBe('object');
  expect(Object.keys(value as object).sort()).toEqual([...fields].sort());
}

export function expectTimestamps(value: Record<string, unknown>, keys: string[]): void {
  for (const k of keys) expect(String(value[k])).toMatch(TIMESTAMP);
}
