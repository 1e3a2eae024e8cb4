import { describe, expect, it } from 'vitest';
import { runtimeGraph } from '../../structure/import-graph';

/**
 * Each rule is split in two: its catalog entry (settings, words, commitment lock, summary) and
 * its evaluation. The config schema and the options page are built from the settings side
 * alone, so the options page ships no evaluation code: what they reach of src/core/rules/ is
 * catalog/, config/ and wall-clock/ (times of day and windows, which settings validate with).
 */

const SETTINGS_SIDE = ['src/core/rules/catalog/', 'src/core/rules/config/', 'src/core/rules/wall-clock/'];

function outsideSettingsSide(entry: string): string[] {
  return runtimeGraph(entry).filter(
    (f) => f.startsWith('src/core/rules/') && !SETTINGS_SIDE.some((room) => f.startsWith(room)),
  );
}

describe('the settings side of the rules', () => {
  it('lets the config schema reach no evaluation, measure, engine or memory code', () => {
    expect(outsideSettingsSide('src/core/rules/config/config-schema.ts')).toEqual([]);
  });

  it('lets the options page reach no rule code outside the catalog, the config and wall-clock time', () => {
    const graph = runtimeGraph('entrypoints/options/main.tsx');
    expect(graph).toContain('src/core/rules/config/config-schema.ts');
    expect(graph).toContain('src/core/rules/catalog/trade-frequency.ts');
    expect(outsideSettingsSide('entrypoints/options/main.tsx')).toEqual([]);
  });

  it('is a real boundary: the worker reaches every evaluation through the engine', () => {
    const graph = runtimeGraph('entrypoints/background.ts');
    expect(graph).toContain('src/core/rules/engine/engine.ts');
    expect(graph).toContain('src/core/rules/evaluation/trade-frequency.ts');
  });
});
