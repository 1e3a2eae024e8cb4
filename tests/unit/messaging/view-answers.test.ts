import { describe, expect, it } from 'vitest';
import { ResponseSchemas } from '../../../src/messaging/protocol';
import { CONTENT_SCRIPT_ANSWERS, POPUP_ANSWERS } from '../../../src/messaging/view-answers';
import { runtimeGraph } from '../structure/import-graph';

/**
 * The popup and the page overlay validate every answer they receive with the protocol's own
 * schemas, yet never load the rest of the protocol: building the options page's schemas (config,
 * journal, credentials, replay) cost the popup time before its first data.
 */
describe('the answers the small views validate', () => {
  it('are the protocol’s own schema objects, request by request (one schema per shape)', () => {
    for (const set of [POPUP_ANSWERS, CONTENT_SCRIPT_ANSWERS]) {
      for (const [type, schema] of Object.entries(set)) {
        expect(schema, type).toBe(ResponseSchemas[type as keyof typeof ResponseSchemas]);
      }
    }
  });

  it.each([
    ['the popup', 'entrypoints/popup/main.tsx'],
    ['the page overlay', 'entrypoints/topstepx.content.ts'],
  ])('%s never evaluates the options page’s schemas (protocol.ts, replay.ts, the config schema)', (_view, entry) => {
    const graph = runtimeGraph(entry);
    expect(graph).toContain('src/messaging/client.ts');
    expect(graph).toContain('src/messaging/snapshot.ts');
    expect(graph.filter((f) => /messaging\/(protocol|replay)\.ts$|rules\/config\/config-schema\.ts$/.test(f))).toEqual(
      [],
    );
  });

  it('the options page still validates with the whole protocol', () => {
    expect(runtimeGraph('entrypoints/options/main.tsx')).toContain('src/messaging/protocol.ts');
  });
});
