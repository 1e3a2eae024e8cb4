// The toolbar icon per guard state (src/worker/toolbar/toolbar-badge.ts): the shield of
// public/icon/<size>.png with its fill and rim recoloured. Regenerate after changing the
// base icon or a colour:  npx tsx scripts/make-state-icons.ts
// (tests/unit/scripts/make-state-icons.test.ts fails while the committed files differ).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { STATE_ICON_SIZES, type ToolbarState } from '../src/worker/toolbar/toolbar-badge';
import { decodePng, encodePng } from './png';

const ROOT = path.resolve(import.meta.dirname, '..');
type Rgb = readonly [number, number, number];

/** The base icon's three colours: shield fill, shield rim, background. */
const BASE_FILL: Rgb = [34, 197, 94];
const BASE_RIM: Rgb = [245, 158, 11];

/** Fill and rim per state; 'ok' is the base icon itself. */
const STATE_COLOURS: Record<Exclude<ToolbarState, 'ok'>, { fill: Rgb; rim: Rgb }> = {
  warning: { fill: [245, 158, 11], rim: [253, 230, 138] },
  locked: { fill: [220, 38, 38], rim: [245, 158, 11] },
  blind: { fill: [107, 114, 128], rim: [156, 163, 175] },
  error: { fill: [220, 38, 38], rim: [254, 202, 202] },
};

const same = (data: Uint8Array, i: number, rgb: Rgb) =>
  data[i] === rgb[0] && data[i + 1] === rgb[1] && data[i + 2] === rgb[2];

export function stateIcon(base: Uint8Array, state: Exclude<ToolbarState, 'ok'>): Buffer {
  const image = decodePng(base);
  const { fill, rim } = STATE_COLOURS[state];
  const data = new Uint8Array(image.data);
  for (let i = 0; i < data.length; i += 4) {
    const to = same(image.data, i, BASE_FILL) ? fill : same(image.data, i, BASE_RIM) ? rim : null;
    if (to) data.set(to, i);
  }
  return encodePng({ ...image, data });
}

/** Every state icon file, relative to public/, with its bytes. */
export function stateIconFiles(): Array<{ file: string; bytes: Buffer }> {
  const out: Array<{ file: string; bytes: Buffer }> = [];
  for (const size of STATE_ICON_SIZES) {
    const base = readFileSync(path.join(ROOT, 'public/icon', `${size}.png`));
    for (const state of Object.keys(STATE_COLOURS) as Array<keyof typeof STATE_COLOURS>) {
      out.push({ file: `icon/state/${state}-${size}.png`, bytes: stateIcon(base, state) });
    }
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  for (const { file, bytes } of stateIconFiles()) {
    mkdirSync(path.dirname(path.join(ROOT, 'public', file)), { recursive: true });
    writeFileSync(path.join(ROOT, 'public', file), bytes);
    console.log(`public/${file}`);
  }
}
