import { z } from 'zod';
import { tickerOf } from '../../gateway/symbols';
import { symbolRoot } from './field-meta';
import { BLOCK_TIGHTNESS, modeSchema, unusedWarnAt } from './rule-block';
import type { RuleEntry } from './rule-entry';
import { andList } from './summary-words';
import { fieldwise } from './tightness';

/**
 * `symbolBlocks` in the catalog: its settings with their defaults and words, how a change of
 * them compares (commitment lock), its summary. How it judges: ../evaluation/symbol-blocks.ts.
 */

const schema = z
  .strictObject({
    mode: modeSchema('off'),
    warnAt: unusedWarnAt,
    roots: z
      .array(symbolRoot)
      .max(200)
      .default([])
      .meta({ label: 'Blocked symbols', widget: 'symbols', help: 'ES also blocks its exchange code EP' }),
  })
  .prefault({});

export type SymbolBlocksSettings = z.infer<typeof schema>;
const ID = 'symbolBlocks';
const tightness = { ...BLOCK_TIGHTNESS, roots: 'more-tighter' } as const;

export function blockedTickers(s: Pick<SymbolBlocksSettings, 'roots'>): Set<string> {
  return new Set(s.roots.map((r) => tickerOf(r)));
}

export const symbolBlocksEntry: RuleEntry<SymbolBlocksSettings> = {
  id: ID,
  name: 'Symbol blocks',
  description:
    'Orders and positions in blocked symbols are cancelled and closed; the symbol stays locked until the setting changes.',
  settingsSchema: schema,
  summary: (s) =>
    s.roots.length === 0 ? 'No symbol blocked' : `Cancel and close anything in ${andList(s.roots)}, and block it`,
  ...fieldwise<SymbolBlocksSettings>(tightness),
};
