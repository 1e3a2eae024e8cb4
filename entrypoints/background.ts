import { startWorker } from '../src/worker/start-worker';

// Composition root of the service worker: everything is built and every listener registered
// synchronously inside startWorker, so an event that wakes the worker is never missed.
export default defineBackground({
  type: 'module',
  main() {
    startWorker(browser, { localBuild: import.meta.env.RG_LOCAL_BUILD === 'true' });
  },
});
