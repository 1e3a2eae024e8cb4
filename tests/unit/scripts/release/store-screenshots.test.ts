import { describe, expect, it } from 'vitest';
import { decodePng, encodePng } from '../../../../scripts/png';
import { letterbox } from '../../../../scripts/release/store-screenshots';

describe('store screenshots', () => {
  it('centre the README image, unscaled, on the store canvas with the page background around it', () => {
    const white = encodePng({ width: 4, height: 2, data: new Uint8Array(4 * 2 * 4).fill(255) });
    const out = decodePng(letterbox(white, 6, 4));
    expect([out.width, out.height]).toEqual([6, 4]);
    const px = (x: number, y: number) => Array.from(out.data.subarray((y * 6 + x) * 4, (y * 6 + x) * 4 + 4));
    expect(px(0, 0)).toEqual([0x14, 0x17, 0x1c, 255]);
    expect(px(1, 1)).toEqual([255, 255, 255, 255]);
    expect(px(4, 2)).toEqual([255, 255, 255, 255]);
    expect(px(5, 2)).toEqual([0x14, 0x17, 0x1c, 255]);
    expect(px(2, 3)).toEqual([0x14, 0x17, 0x1c, 255]);
  });

  it('shrinks an image larger than the canvas to fit, keeping its proportions', () => {
    // 8×2 of white → 6 wide at most: factor 0.75 → 6×2 (rounded), centred in 6×4.
    const big = encodePng({ width: 8, height: 2, data: new Uint8Array(8 * 2 * 4).fill(255) });
    const out = decodePng(letterbox(big, 6, 4));
    expect([out.width, out.height]).toEqual([6, 4]);
    const px = (x: number, y: number) => Array.from(out.data.subarray((y * 6 + x) * 4, (y * 6 + x) * 4 + 4));
    expect(px(0, 0)).toEqual([0x14, 0x17, 0x1c, 255]);
    expect(px(0, 1)).toEqual([255, 255, 255, 255]);
    expect(px(5, 2)).toEqual([255, 255, 255, 255]);
    expect(px(3, 3)).toEqual([0x14, 0x17, 0x1c, 255]);
  });

  it('averages the pixels it shrinks (no aliasing into black or white)', () => {
    // A 2×1 of black and white halved to 1×1 is grey.
    const data = new Uint8Array([0, 0, 0, 255, 255, 255, 255, 255]);
    const out = decodePng(letterbox(encodePng({ width: 2, height: 1, data }), 1, 1));
    expect(Array.from(out.data)).toEqual([128, 128, 128, 255]);
  });
});
