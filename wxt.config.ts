import { defineConfig } from 'wxt';

// Host permissions are limited to the gateway and the TopstepX page; the simulator runs on
// loopback, which a development build adds (see README, "Permissions").
const GATEWAY_HOSTS = ['https://api.topstepx.com/*', 'https://rtc.topstepx.com/*'];
const PAGE_HOSTS = ['https://topstepx.com/*', 'https://*.topstepx.com/*'];
const LOCAL_SIM_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: '.output',
  manifestVersion: 3,
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
  manifest: ({ browser }) => ({
    name: 'TopstepX Risk Guard',
    description: 'Keeps you inside the risk limits you set while calm: daily loss, size, cooldowns, hours, stops.',
    permissions: ['storage', 'alarms', 'notifications', 'declarativeNetRequest'],
    host_permissions: [...GATEWAY_HOSTS, ...PAGE_HOSTS, ...LOCAL_SIM_HOSTS],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'risk-guard@topstepx-guard.dev',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : { minimum_chrome_version: '116' }),
  }),
});
