import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stateIconFiles } from '../../../scripts/make-state-icons';
import { decodePng, encodePng, pngSize } from '../../../scripts/png';
import { STATE_ICON_SIZES, TOOLBAR_STATES } from '../../../src/worker/toolbar/toolbar-badge';

const PUBLIC = path.resolve(import.meta.dirname, '../../../public');

describe('toolbar state icons', () => {
  it('are committed exactly as scripts/make-state-icons.ts draws them, for every state but ok and every size', () => {
    const files = stateIconFiles();
    expect(files.map((f) => f.file).sort()).toEqual(
      TOOLBAR_STATES.filter((s) => s !== 'ok')
        .flatMap((s) => STATE_ICON_SIZES.map((size) => `icon/state/${s}-${size}.png`))
        .sort(),
    );
    for (const { file, bytes } of files) {
      expect(
        readFileSync(path.join(PUBLIC, file)).equals(bytes),
        `${file} differs: run npx tsx scripts/make-state-icons.ts`,
      ).toBe(true);
      const size = Number(/-(\d+)\.png$/.exec(file)?.[1]);
      expect(pngSize(bytes)).toEqual({ width: size, height: size });
    }
  });

  it('recolour the shield only: the background stays as in the plain icon', () => {
    const plain = decodePng(readFileSync(path.join(PUBLIC, 'icon/16.png')));
    const locked = decodePng(readFileSync(path.join(PUBLIC, 'icon/state/locked-16.png')));
    const corner = (img: typeof plain) => Array.from(img.data.subarray(0, 4));
    expect(corner(locked)).toEqual(corner(plain));
    const centre = (img: typeof plain) => Array.from(img.data.subarray((8 * 16 + 8) * 4, (8 * 16 + 8) * 4 + 4));
    expect(centre(plain)).toEqual([34, 197, 94, 255]);
    expect(centre(locked)).toEqual([220, 38, 38, 255]);
  });
});

describe('png', () => {
  it('decodes what it encodes', () => {
    const data = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 37) % 256);
    const image = { width: 3, height: 2, data };
    expect(decodePng(encodePng(image))).toEqual(image);
  });

  it('refuses a file that is not a PNG', () => {
    expect(() => pngSize(Buffer.from('GIF89a and more bytes than that'))).toThrow(/not a PNG/);
  });
});
