// A Stryker ignorer (stryker.config.mjs `ignorers`): leaves the field metadata of the settings
// schemas unmutated, `.meta({ label, unit, widget, … })` and `.describe('…')`. They are what the
// options page shows (words, units, widgets), not what the guard decides; the rooms' own tests
// judge decisions. They are also static (run once as the module loads), so each of their ~220
// mutants would cost a fresh load and run of the whole room's tests. The report lists them as
// "Ignored" with this reason, outside the score.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const FIELD_METADATA = new Set(['meta', 'describe']);

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'field-meta', {
    shouldIgnore(path) {
      const { node } = path;
      if (
        node.type === 'CallExpression' &&
        node.callee.type === 'MemberExpression' &&
        node.callee.property.type === 'Identifier' &&
        FIELD_METADATA.has(node.callee.property.name)
      ) {
        // Only the arguments: the schema the call is made on (`z.number().min(1)` in
        // `z.number().min(1).meta(…)`) is still mutated.
        return undefined;
      }
      const call = path.parentPath?.node;
      if (
        call?.type === 'CallExpression' &&
        call.arguments.includes(node) &&
        call.callee.type === 'MemberExpression' &&
        call.callee.property.type === 'Identifier' &&
        FIELD_METADATA.has(call.callee.property.name)
      ) {
        return 'Field metadata: what the options page shows, not what the guard decides';
      }
      return undefined;
    },
  }),
];
