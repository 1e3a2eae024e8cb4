import type { z } from 'zod';
import type { Problem } from '../../messaging/protocol';
import { SchemaForm } from '../schema-form/SchemaForm';

/**
 * Advanced: where the TopstepX page keeps what the layer covers, and which of its back-end
 * requests the network block stops. Folded away by default; every entry is checked as it is
 * typed (a selector the page would throw on, a pattern the browser would refuse) and again
 * by the worker, which also asks the browser itself. Saved with the rest of the settings.
 */
export function PageSection(props: {
  schema: z.ZodType;
  value: unknown;
  defaults: unknown;
  onChange(next: unknown): void;
  /** The worker's problems for the whole config; those under `page.` are shown here. */
  problems: readonly Problem[];
  pending: ReadonlyMap<string, string>;
  formKey: number;
}) {
  const mine = props.problems
    .filter((p) => p.path.startsWith('page.'))
    .map((p) => ({ ...p, path: p.path.slice('page.'.length) }));
  const pending = new Map(
    [...props.pending].filter(([path]) => path.startsWith('page.')).map(([path, note]) => [path.slice(5), note]),
  );
  return (
    <details class="rg-panel" id="page-advanced" open={mine.length > 0 || undefined}>
      <summary>
        <strong>Advanced: the TopstepX page</strong>{' '}
        <span class="rg-dim">(what the guard covers and blocks there; change only if TopstepX changed its page)</span>
      </summary>
      <p class="rg-dim">
        The layer covers the <em>order-entry areas</em> except what is <em>never covered</em> (close, cancel, flatten).
        During a lockout the browser blocks the <em>blocked requests</em> the page sends to its back end
        (userapi.topstepx.com) unless they are <em>always let through</em>. A pattern is <code>METHODS REGEX</code>,
        e.g. <code>POST ^https://userapi\.topstepx\.com/Order$</code>; <code>*</code> is every method. More to block or
        cover applies at once; less waits for the next reset.
      </p>
      <SchemaForm
        key={props.formKey}
        schema={props.schema}
        value={props.value}
        onChange={(next) => props.onChange(next)}
        extraProblems={mine}
        pending={pending}
        idPrefix="rg-page"
      />
      <button type="button" class="rg-btn" onClick={() => props.onChange(structuredClone(props.defaults))}>
        Restore the built-in page settings
      </button>
    </details>
  );
}
