/**
 * Vite (WXT build) plugin: an extension page whose entry loads its view with a dynamic
 * `import()` (the popup: entrypoints/popup/main.tsx asks the worker for data first) gets
 * `<link rel="modulepreload">` tags for that view's chunks in its HTML, so the browser
 * fetches and compiles them while the small entry runs instead of after it. Vite preloads an
 * HTML entry's static imports by itself, not what the entry imports dynamically.
 */
export interface ChunkLike {
  type: 'chunk';
  imports: string[];
  dynamicImports: string[];
}

/** The files to preload for `entry`: its dynamic imports and everything they import, in order. */
export function dynamicImportClosure(
  entry: ChunkLike,
  bundle: Record<string, ChunkLike | { type: 'asset' }>,
): string[] {
  const out: string[] = [];
  const visit = (file: string) => {
    if (out.includes(file)) return;
    out.push(file);
    const chunk = bundle[file];
    if (chunk?.type === 'chunk') for (const dep of chunk.imports) visit(dep);
  };
  for (const file of entry.dynamicImports) visit(file);
  return out;
}

/** Adds the preload tags to `html` (before </head>), leaving out files it already preloads or loads. */
export function withPreloads(html: string, files: readonly string[]): string {
  const links = files
    .filter((f) => !html.includes(`/${f}"`))
    .map((f) => `    <link rel="modulepreload" crossorigin href="/${f}">`);
  return links.length === 0 ? html : html.replace(/\n?\s*<\/head>/, `\n${links.join('\n')}\n  </head>`);
}

/** What the hook reads of Vite's context (typed here: the build's Vite and the tests' differ). */
interface HtmlContext {
  chunk?: unknown;
  bundle?: unknown;
}

export function preloadDynamicImports() {
  return {
    name: 'risk-guard:preload-dynamic-imports',
    apply: 'build' as const,
    transformIndexHtml: {
      order: 'post' as const,
      handler(html: string, ctx: HtmlContext): string {
        if (!ctx.chunk || !ctx.bundle) return html;
        const bundle = ctx.bundle as unknown as Record<string, ChunkLike | { type: 'asset' }>;
        return withPreloads(html, dynamicImportClosure(ctx.chunk as unknown as ChunkLike, bundle));
      },
    },
  };
}
