import { describe, expect, it } from 'vitest';
import {
  dynamicImportClosure,
  preloadDynamicImports,
  withPreloads,
} from '../../../scripts/build/preload-dynamic-imports';

const chunk = (imports: string[], dynamicImports: string[] = []) => ({
  type: 'chunk' as const,
  imports,
  dynamicImports,
});

describe('preloading what a page entry imports dynamically', () => {
  const bundle = {
    'chunks/popup.js': chunk(['chunks/early.js'], ['chunks/mount.js']),
    'chunks/early.js': chunk([]),
    'chunks/mount.js': chunk(['chunks/protocol.js', 'chunks/view.js']),
    'chunks/view.js': chunk(['chunks/protocol.js']),
    'chunks/protocol.js': chunk([]),
    'icon.png': { type: 'asset' as const },
  };

  it('lists the dynamic import and everything it imports, once each', () => {
    expect(dynamicImportClosure(bundle['chunks/popup.js'], bundle)).toEqual([
      'chunks/mount.js',
      'chunks/protocol.js',
      'chunks/view.js',
    ]);
  });

  it('adds a modulepreload tag for each before </head>, leaving out what the page already names', () => {
    const html =
      '<html><head>\n    <script type="module" src="/chunks/popup.js"></script>\n    <link rel="modulepreload" href="/chunks/view.js">\n  </head><body></body></html>';
    const out = withPreloads(html, ['chunks/mount.js', 'chunks/view.js']);
    expect(out).toContain('<link rel="modulepreload" crossorigin href="/chunks/mount.js">\n  </head>');
    expect(out.match(/chunks\/view\.js/g)).toHaveLength(1);
    expect(withPreloads(html, [])).toBe(html);
  });

  it('does it in the build for the page being written, and leaves pages without a dynamic import alone', () => {
    const plugin = preloadDynamicImports();
    const html = '<html><head>\n  </head></html>';
    expect(plugin.transformIndexHtml.handler(html, { chunk: bundle['chunks/popup.js'], bundle })).toContain(
      'href="/chunks/protocol.js"',
    );
    expect(plugin.transformIndexHtml.handler(html, { chunk: bundle['chunks/early.js'], bundle })).toBe(html);
    expect(plugin.transformIndexHtml.handler(html, {})).toBe(html);
  });
});
