import { buildExtensionOnce } from './support/build';

// Build the Chrome extension once per run (skipped when `npm test` has just built it).
export default async function globalSetup(): Promise<void> {
  await buildExtensionOnce();
}
