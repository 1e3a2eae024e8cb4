import { doubleCounted, runChaos, startChaosHarness } from '../chaos/realtime/scenario';

/**
 * Full-length variant of tests/chaos/realtime: the same scenario in real time (speed 1, the
 * production reconnect policy 0, 2, 10, 30, 60 s), `minutes` long. `npm run soak` calls
 * `run()`; it resolves with a summary and rejects when the guard's state does not end equal
 * to the simulator's ledger or a trade was counted twice.
 */
export async function run(options: { minutes?: number; seed?: number } = {}): Promise<string> {
  const minutes = options.minutes ?? 1;
  const seed = options.seed ?? 11;
  const h = await startChaosHarness(1, seed);
  try {
    const report = await runChaos(h, { scenarioSeconds: minutes * 60, speed: 1, seed });
    const mismatched = report.accounts.filter((a) => JSON.stringify(a.picture) !== JSON.stringify(a.truth));
    const doubles = doubleCounted(h);
    const summary =
      `realtime soak: ${minutes} min, ${report.traderActions} trader actions, ${report.hubEvents} hub events, ` +
      `${report.disconnects} disconnects, ${report.lost} lost messages, ` +
      `${mismatched.length} accounts off the ledger, ${doubles.length} double-counted trades`;
    if (mismatched.length > 0 || doubles.length > 0) {
      throw new Error(`${summary}\n${JSON.stringify(mismatched, null, 2)}`);
    }
    return summary;
  } finally {
    await h.stop();
  }
}

// `tsx tests/soak/realtime-soak.ts [minutes]` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  run({ minutes: Number(process.argv[2] ?? 1) })
    .then((summary) => console.log(summary))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
