export default defineContentScript({
  matches: ['https://topstepx.com/*', 'https://*.topstepx.com/*'],
  runAt: 'document_idle',
  main() {
    const host = document.createElement('risk-guard-overlay');
    host.attachShadow({ mode: 'open' });
    document.documentElement.append(host);
  },
});
