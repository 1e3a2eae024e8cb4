/**
 * Words for a thrown value, which may be anything: an Error, a DOMException, a string, a
 * rejected `undefined`. One place decides how each is written, so the journal, the popup and
 * the logs say a failure the same way. `otherwise` replaces the text of a value that is not an
 * Error, where the reader needs a sentence rather than "[object Object]".
 */

/** An Error's message; anything else as text (or `otherwise`). */
export function errorMessage(error: unknown, otherwise?: string): string {
  if (error instanceof Error) return error.message;
  return otherwise ?? String(error);
}

/** An Error's name and message (`QuotaExceededError: …`), where the kind of failure matters; anything else as text (or `otherwise`). */
export function errorNameAndMessage(error: unknown, otherwise?: string): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return otherwise ?? String(error);
}
