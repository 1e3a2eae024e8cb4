import { z } from 'zod';

/** A schema using every shape and widget the real config uses (see src/core/rules/config/config-schema.ts). */
export const SampleSchema = z.strictObject({
  failClosed: z.boolean().default(true).meta({ label: 'Fail closed', help: 'Block order entry while blind' }),
  blindGraceSec: z.number().int().min(5).max(3600).default(30).meta({ label: 'Blind grace', unit: 'seconds' }),
  sound: z
    .enum(['off', 'soft', 'loud'])
    .default('loud')
    .meta({ label: 'Sound', options: { off: 'Silent', soft: 'Soft', loud: 'Loud' } }),
  resetTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'enter a time like 17:00')
    .default('17:00')
    .meta({ label: 'Daily reset', widget: 'time' }),
  timeZone: z.string().min(1).default('America/Chicago').meta({ label: 'Time zone', widget: 'timezone' }),
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
            .meta({ label: 'Loss limit', unit: 'USD', widget: 'money', empty: 'no limit' }),
          warnAt: z
            .array(z.number().gt(0).lt(1, 'each warning must be below 100 %'))
            .max(5)
            .default([0.5, 0.8, 0.95])
            .meta({ label: 'Warn at', unit: '% of the limit', widget: 'percent-list' }),
        })
        .prefault({})
        .meta({ label: 'Daily loss' }),
      perRoot: z
        .strictObject({
          limits: z
            .record(z.string().min(1).max(10), z.number().int().min(0).max(1000))
            .default({})
            .meta({ label: 'Limit per symbol', unit: 'contracts', widget: 'symbol-table' }),
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
      hours: z
        .strictObject({
          weekdays: z
            .array(z.number().int().min(0).max(6))
            .default([1, 2, 3, 4, 5])
            .meta({ label: 'Trading days', widget: 'weekdays' }),
          holidays: z
            .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'enter a date like 2026-12-25'))
            .default([])
            .meta({ label: 'Holidays', widget: 'dates' }),
          perSymbol: z
            .record(
              z.string().min(1).max(10),
              z.strictObject({
                start: z
                  .string()
                  .regex(/^\d\d:\d\d$/, 'enter a time like 17:00')
                  .meta({ label: 'From', widget: 'time' }),
                end: z
                  .string()
                  .regex(/^\d\d:\d\d$/, 'enter a time like 17:00')
                  .meta({ label: 'Until', widget: 'time' }),
              }),
            )
            .default({})
            .meta({ label: 'Own hours', widget: 'symbol-table' }),
        })
        .prefault({}),
    })
    .prefault({}),
  levels: z.array(z.number().positive()).default([2, 5]).meta({ label: 'Levels' }),
  monitored: z
    .union([z.literal('all'), z.array(z.number().int())])
    .default('all')
    .meta({ label: 'Monitored accounts' }),
  groups: z
    .array(z.strictObject({ name: z.string().min(1), accountIds: z.array(z.number().int()).min(2) }))
    .default([])
    .meta({ label: 'Account groups' }),
  blocked: z.array(z.string().min(1)).default([]).meta({ label: 'Blocked symbols', widget: 'symbols' }),
  patterns: z.array(z.string().min(1)).default([]).meta({ label: 'Address patterns' }),
});
