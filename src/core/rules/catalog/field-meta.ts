import { z } from 'zod';

/**
 * What a config field tells the options page about itself, declared next to the field with
 * zod's `.meta()`. zod carries these keys into the JSON Schema the page renders from
 * (`configJsonSchema`), so the schema stays the one source of labels, units and widgets.
 * Every key is optional: a field without any still renders (humanized key, plain control).
 */

/** A control more specific than the field's JSON type would give. */
export type FieldWidget =
  /** Dollars: "$" in front, whole or cents. */
  | 'money'
  /** Fractions of a limit (0.8) shown and typed as percentages (80). */
  | 'percent-list'
  /** Time of day "HH:MM" (24 h), a time input. */
  | 'time'
  /** Weekday numbers 0 (Sunday) … 6 as seven toggles. */
  | 'weekdays'
  /** Symbol roots, picked from the gateway's contract list or typed. */
  | 'symbols'
  /** A record keyed by symbol root: a small table with add and remove. */
  | 'symbol-table'
  /** Calendar dates "YYYY-MM-DD", date inputs with add and remove. */
  | 'dates'
  /** An IANA time zone, picked from the list the browser knows. */
  | 'timezone';

declare module 'zod/v4/core' {
  interface GlobalMeta {
    /** The field's name in the trader's words ("Loss limit"). */
    label?: string;
    /** What the number counts, in words ("contracts", "minutes"); 'USD' renders as "$". */
    unit?: string;
    /** One short sentence under the field. */
    help?: string;
    widget?: FieldWidget;
    /** Words for enum values, by value ({ reduce: 'Reduce to the limit' }). */
    options?: Record<string, string>;
    /** Nullable fields: what an empty field means ("no limit"). */
    empty?: string;
    /** Shown only under "Advanced". */
    advanced?: boolean;
    /** Not on the page at all: kept for a shape every rule block shares, unused by this rule. */
    hidden?: boolean;
  }
}

/** "HH:MM" 24 h: the trading-day reset, trading-hours windows. */
export const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'enter a time like 17:00')
  .meta({ widget: 'time' });

/** "YYYY-MM-DD": holidays. */
export const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'enter a date like 2026-12-25');

/** A symbol root or ticker as traders type it ("NQ", "MNQ", "ES"). */
export const symbolRoot = z.string().min(1, 'enter a symbol like NQ').max(10, 'a symbol has at most 10 characters');
