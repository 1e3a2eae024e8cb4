import { decodePng, encodePng, type Rgba } from '../png';

/** The page background of the screenshots (the theme's `bg`), for the bands around a smaller image. */
const BAND: readonly [number, number, number] = [0x14, 0x17, 0x1c];

/**
 * A README screenshot as the Chrome Web Store takes it: the image centred, unscaled, on a
 * canvas of exactly `width × height`, the rest filled with the page's background. Refuses an
 * image larger than the canvas (it would have to be scaled, which this does not do).
 */
export function letterbox(png: Uint8Array, width: number, height: number): Buffer {
  const image = decodePng(png);
  if (image.width > width || image.height > height) {
    throw new Error(`a ${image.width}×${image.height} screenshot does not fit ${width}×${height}; capture it smaller`);
  }
  const out: Rgba = { width, height, data: new Uint8Array(width * height * 4) };
  for (let i = 0; i < width * height; i++) out.data.set([...BAND, 255], i * 4);
  const left = Math.floor((width - image.width) / 2);
  const top = Math.floor((height - image.height) / 2);
  for (let y = 0; y < image.height; y++) {
    const row = image.data.subarray(y * image.width * 4, (y + 1) * image.width * 4);
    out.data.set(row, ((top + y) * width + left) * 4);
  }
  return encodePng(out);
}
