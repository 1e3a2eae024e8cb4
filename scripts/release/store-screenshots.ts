import { decodePng, encodePng, type Rgba } from '../png';

/** The page background of the screenshots (the theme's `bg`), for the bands around the image. */
const BAND: readonly [number, number, number] = [0x14, 0x17, 0x1c];

/** Area-averaged downscale by `factor` (< 1): each output pixel is the mean of the source pixels it covers. */
function shrink(image: Rgba, factor: number): Rgba {
  const width = Math.max(1, Math.round(image.width * factor));
  const height = Math.max(1, Math.round(image.height * factor));
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y / factor);
    const y1 = Math.min(image.height, Math.max(y0 + 1, Math.floor((y + 1) / factor)));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x / factor);
      const x1 = Math.min(image.width, Math.max(x0 + 1, Math.floor((x + 1) / factor)));
      const sum = [0, 0, 0, 0];
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          for (let c = 0; c < 4; c++) sum[c] = (sum[c] ?? 0) + (image.data[(sy * image.width + sx) * 4 + c] ?? 0);
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      data.set(
        sum.map((v) => Math.round(v / n)),
        (y * width + x) * 4,
      );
    }
  }
  return { width, height, data };
}

/**
 * A README screenshot as the Chrome Web Store takes it: centred on a canvas of exactly
 * `width × height`, the rest filled with the page's background. An image that fits is not
 * scaled (sharpest); a larger one is shrunk to fit, keeping its proportions.
 */
export function letterbox(png: Uint8Array, width: number, height: number): Buffer {
  const decoded = decodePng(png);
  const factor = Math.min(1, width / decoded.width, height / decoded.height);
  const image = factor < 1 ? shrink(decoded, factor) : decoded;
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
