/**
 * Words for a thrown value, which may be anything: an Error, a DOMException, a string, a
 * rejected `undefined`. One place decides how each is written, so the journal, the popup and
 * the logs say a failure the same way.
 */

/** An Error's message; anything else as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An Error's name and message (`QuotaExceededError: …`), where the kind of failure matters; anything else as text. */
export function errorNameAndMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
