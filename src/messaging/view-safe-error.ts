/**
 * An error whose message was written for the trader and carries nothing secret, so the router
 * passes it to the view as it is (every other thrown error is reduced to its name: its
 * message may hold request details).
 */
export class ViewSafeError extends Error {
  override readonly name = 'ViewSafeError';
}
