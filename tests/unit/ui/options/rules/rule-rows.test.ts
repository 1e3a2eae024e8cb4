import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ruleRowModels, settingsRowModels } from '../../../../../src/ui/options/rules/rule-rows';
import { formSchemaOf } from '../../../../../src/ui/schema-form/json-node';

// A config with a rule nobody wrote words for: no label, no summary, no field meta.
const Schema = z.strictObject({
  defaultProfile: z
    .strictObject({
      rules: z
        .strictObject({
          weeklyLoss: z
            .strictObject({
              mode: z.enum(['off', 'monitor', 'enforce']).default('off'),
              warnAt: z.array(z.number()).default([0.5]),
              weeklyLimit: z.number().positive().default(1500),
              lockUntilMonday: z.boolean().default(true),
            })
            .prefault({}),
        })
        .prefault({}),
    })
    .prefault({}),
  countFees: z.boolean().default(true),
  alerts: z.strictObject({ sound: z.enum(['off', 'loud']).default('loud') }).prefault({}),
});

describe('rule rows without hand-written words', () => {
  it('still read: the key humanized as the name, the labelled values as the summary, a mode switch', () => {
    const schema = formSchemaOf(Schema);
    const [row] = ruleRowModels(schema, Schema.parse({}), 'all', { ruleSummary: () => null });
    expect(row).toMatchObject({
      key: 'weeklyLoss',
      label: 'Weekly loss',
      hasMode: true,
      summary: 'Weekly limit: 1,500 · Lock until monday: on',
    });
  });

  it('make a row of each other settings object, and one for the loose switches', () => {
    const schema = formSchemaOf(Schema);
    const rows = settingsRowModels(schema, Schema.parse({}));
    expect(rows.map((r) => [r.label, r.summary])).toEqual([
      ['Alerts', 'Sound: Loud'],
      ['The guard itself', 'Count fees: on'],
    ]);
  });
});
