import { describe, expect, it } from 'vitest';
import { placePanel } from '../../../../src/ui/overlay/panel-placement';

const viewport = { width: 1280, height: 800 };
const panel = { width: 400, height: 120 };

describe('where the overlay panel goes', () => {
  it('goes top-centre when that hides nothing the trader needs', () => {
    expect(placePanel(panel, viewport, [])).toEqual({ left: 440, top: 64 });
  });

  it('moves away from a close button it would hide', () => {
    const close = { left: 600, top: 100, width: 80, height: 30 };
    const spot = placePanel(panel, viewport, [close]);
    const box = { ...spot, ...panel };
    expect(box.left + box.width <= close.left || box.left >= close.left + close.width || box.top >= 130).toBe(true);
  });

  it('takes the spot hiding the fewest when every spot hides something', () => {
    const everywhere = [{ left: 0, top: 0, width: 1280, height: 800 }];
    expect(placePanel(panel, viewport, everywhere)).toEqual({ left: 440, top: 64 });
  });
});
