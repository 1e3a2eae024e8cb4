import { z } from 'zod';
import { BLOCK_TIGHTNESS, modeSchema, unusedWarnAt } from './rule-block';
import type { RuleEntry } from './rule-entry';
import { fieldwise } from './tightness';

/**
 * `tradingPermission` in the catalog: its settings with their defaults and words, how a change of
 * them compares (commitment lock), its summary. How it judges: ../evaluation/trading-permission.ts.
 */

const schema = z
  .strictObject({
    mode: modeSchema('enforce'),
    warnAt: unusedWarnAt,
    alertWhenBlind: z.boolean().default(true).meta({ label: 'Alert when the guard is blind' }),
  })
  .prefault({});

export type TradingPermissionSettings = z.infer<typeof schema>;
const ID = 'tradingPermission';
const tightness = { ...BLOCK_TIGHTNESS, alertWhenBlind: 'true-tighter' } as const;

export const tradingPermissionEntry: RuleEntry<TradingPermissionSettings> = {
  id: ID,
  name: 'Trading permission guard',
  description:
    'When the platform stops the account from trading, the guard flattens and locks it; when the guard is blind it alerts (and with fail-closed blocks the page).',
  settingsSchema: schema,
  summary: (s) =>
    `Flatten and lock while the platform says the account cannot trade${s.alertWhenBlind ? '; alert when the guard cannot see the account' : ''}`,
  ...fieldwise<TradingPermissionSettings>(tightness),
};
