import type { z } from 'zod';
import type { Problem } from '../../messaging/protocol';

/**
 * zod issues → problems by path, EVERY one: an unknown key in a strict object becomes one
 * problem per key, a union failure lists what each variant expected only once.
 */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[]): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...base, key].join('.'), message: 'unknown setting' });
    } else {
      out.push({ path: base.join('.') || '(root)', message: issue.message });
    }
  }
  return out;
}

/** Words for zod's issues (the config's own, passed in by the page); zod's defaults without. */
export type IssueWords = (issue: z.core.$ZodRawIssue) => string | undefined;

export function validateValue(schema: z.ZodType, value: unknown, words?: IssueWords): Problem[] {
  const r = schema.safeParse(value, words ? { error: words } : undefined);
  return r.success ? [] : problemsFromIssues(r.error.issues);
}

/** An imported file: not readable → one problem naming the position; readable → every schema problem. */
export function validateJsonText(
  schema: z.ZodType,
  text: string,
  migrate: (value: unknown) => unknown = (v) => v,
  words?: IssueWords,
): { value: unknown; problems: Problem[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = error instanceof SyntaxError ? error.message : 'unreadable';
    return {
      value: undefined,
      problems: [{ path: '(file)', message: `not a settings file this page can read (${why})` }],
    };
  }
  return { value, problems: validateValue(schema, migrate(value), words) };
}

/** Groups problems by path for inline display. */
export function problemsByPath(problems: readonly Problem[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const p of problems) map.set(p.path, [...(map.get(p.path) ?? []), p.message]);
  return map;
}
