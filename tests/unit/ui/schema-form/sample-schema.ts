import { z } from 'zod';

/** A schema using every shape the real config uses (see src/core/rules/config-schema.ts). */
export const SampleSchema = z.strictObject({
  failClosed: z.boolean().default(true).meta({ label: 'Fail closed', help: 'Block order entry while blind' }),
  blindGraceSec: z.number().int().min(5).max(3600).default(30).meta({ label: 'Blind grace', unit: 's' }),
  sound: z.enum(['off', 'soft', 'loud']).default('loud').meta({ label: 'Sound' }),
  resetTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24 h)')
    .default('17:00')
    .meta({ label: 'Daily reset' }),
  note: z.string().optional().describe('A note for yourself'),
  rules: z
    .strictObject({
      dailyLoss: z
        .strictObject({
          mode: z.enum(['off', 'monitor', 'enforce']).default('monitor').meta({ label: 'Mode' }),
          limit: z
            .number()
            .positive()
            .max(1_000_000)
            .nullable()
            .default(500)
            .meta({ label: 'Loss limit', unit: 'USD' }),
          warnAt: z.array(z.number().gt(0).lt(1)).max(5).default([0.5, 0.8, 0.95]).meta({ label: 'Warn at' }),
        })
        .prefault({}),
      perRoot: z
        .strictObject({
          limits: z.record(z.string().min(1).max(10), z.number().int().min(0).max(1000)).default({}).meta({
            label: 'Limit per root',
            unit: 'contracts',
          }),
          unknown: z
            .discriminatedUnion('type', [
              z.object({ type: z.literal('block') }),
              z.object({ type: z.literal('limit'), n: z.number().int().min(0).meta({ label: 'Limit' }) }),
              z.object({ type: z.literal('unlimited') }),
            ])
            .default({ type: 'block' })
            .meta({ label: 'Roots not listed' }),
        })
        .prefault({}),
    })
    .prefault({}),
  monitored: z
    .union([z.literal('all'), z.array(z.number().int())])
    .default('all')
    .meta({ label: 'Monitored accounts' }),
  groups: z
    .array(z.strictObject({ name: z.string().min(1), accountIds: z.array(z.number().int()).min(2) }))
    .default([])
    .meta({ label: 'Account groups' }),
  blocked: z.array(z.string().min(1)).default([]).meta({ label: 'Blocked roots' }),
});
