import { defineConfig } from 'wxt';

// Host permissions: only the ProjectX gateway the worker calls. The TopstepX page needs
// none: the content script's `matches` (www.topstepx.com only) is its own grant, and the
// network block's block/allow rules need only the `declarativeNetRequest` permission. The
// local gateway simulator (loopback) is an *optional* permission in store builds, granted
// from the options page; the build used by the demo and the end-to-end tests
// (RG_LOCAL_GATEWAY=1) requires it up front so no click is needed, and goes to its own
// output folder.
const GATEWAY_HOSTS = ['https://api.topstepx.com/*', 'https://rtc.topstepx.com/*'];
const LOCAL_GATEWAY_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];
const localGateway = process.env.RG_LOCAL_GATEWAY === '1';

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: '.output',
  outDirTemplate: `{{browser}}-mv{{manifestVersion}}${localGateway ? '-local' : ''}`,
  manifestVersion: 3,
  // The sources zip for Firefox's review (`npm run zip`): what a clean `npm ci && npm run build`
  // needs, with BUILDING.md; not the tests (the committed previous-release build among them),
  // the gateway simulator, the benchmarks, the mutation report or local output. WXT already leaves
  // out node_modules, dotfiles and .output.
  zip: {
    // The Firefox build skips the offscreen document (Chrome only); the sources build both.
    includeSources: ['entrypoints/offscreen/**'],
    excludeSources: [
      'tests/**',
      'simulator/**',
      'bench/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'demo-output/**',
      'reports/**',
    ],
  },
  hooks: {
    // The popup opens on every click. WXT builds every HTML page in one step, so the popup
    // shared chunks with the options page: several files to fetch and link before its script
    // could run. Built in a step of its own it is one file (about 15-20 ms sooner to first data
    // on a loaded 2-core machine; tests/bench/popup.ts). The options page keeps its own step.
    'entrypoints:grouped': (_wxt, groups) => {
      for (const group of groups) {
        if (!Array.isArray(group) || group.length < 2) continue;
        const i = group.findIndex((entry) => entry.type === 'popup');
        if (i < 0) continue;
        groups.push(group.splice(i, 1));
        return;
      }
    },
  },
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    // Only the local build has the worker's dev hook (clock shift for the demo, e2e probes).
    define: { 'import.meta.env.RG_LOCAL_BUILD': JSON.stringify(localGateway ? 'true' : 'false') },
  }),
  manifest: ({ browser }) => ({
    name: 'TopstepX Risk Guard',
    description: 'Keeps you inside the risk limits you set while calm: daily loss, size, cooldowns, hours, stops.',
    // `offscreen` (Chrome only): the worker cannot play audio, an offscreen document plays the
    // optional alert tone. Firefox has no such API (its event page plays the tone itself).
    permissions: [
      'storage',
      'alarms',
      'notifications',
      'declarativeNetRequest',
      // Keeps the browser from evicting the guard's IndexedDB (lockouts!) under disk
      // pressure and lifts the per-origin quota; it cannot make room on a full disk (README).
      'unlimitedStorage',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    host_permissions: [...GATEWAY_HOSTS, ...(localGateway ? LOCAL_GATEWAY_HOSTS : [])],
    ...(localGateway ? {} : { optional_host_permissions: LOCAL_GATEWAY_HOSTS }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'risk-guard@topstepx-guard.dev',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
          // Firefox's default extension CSP upgrades ws://127.0.0.1 to wss://; only the local
          // build (simulator on loopback) relaxes connect-src, store builds keep the default.
          ...(localGateway
            ? {
                content_security_policy: {
                  extension_pages:
                    "script-src 'self'; object-src 'self'; connect-src 'self' https: wss: http://127.0.0.1:* ws://127.0.0.1:* http://localhost:* ws://localhost:*",
                },
              }
            : {}),
        }
      : { minimum_chrome_version: '116' }),
  }),
});
