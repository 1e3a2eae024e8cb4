import { type ReferenceClientOptions, startReferenceClient } from './reference-client';

/** The child side of reference-client-process.ts (its header says the protocol). */
const options = JSON.parse(process.argv[2] ?? '{}') as ReferenceClientOptions;
startReferenceClient({ ...options, onClose: () => process.stdout.write('close\n') }).then(
  (client) => {
    process.stdout.write('ready\n');
    process.once('SIGTERM', () => {
      void client.stop().finally(() => process.exit(0));
    });
  },
  (error: unknown) => {
    process.stdout.write(`error ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
