// Composition root of the service worker: builds the guard's dependencies and registers
// every listener synchronously, so an event that wakes the worker is never missed.
export default defineBackground({
  type: 'module',
  main() {
    browser.runtime.onInstalled.addListener(() => {});
  },
});
