import { PALETTE } from '../theme';

/** Styles inside the overlay's shadow root; the page's CSS cannot reach them. */
export const OVERLAY_CSS = `
:host { all: initial; }
.rg-chips { position: fixed; right: 12px; bottom: 12px; display: flex; flex-direction: column; gap: 4px; z-index: 2147483646; pointer-events: none; }
.rg-chip { pointer-events: auto; background: ${PALETTE.panel}; border: 1px solid currentColor; border-radius: 12px; padding: 2px 10px; font: 12px/1.5 system-ui, sans-serif; }
.rg-toasts { position: fixed; right: 12px; top: 12px; display: flex; flex-direction: column; gap: 6px; z-index: 2147483646; }
.rg-toast { background: ${PALETTE.panel}; color: ${PALETTE.warn}; border: 1px solid ${PALETTE.warn}; border-radius: 6px; padding: 6px 10px; font: 13px/1.4 system-ui, sans-serif; max-width: 360px; }
.rg-cover { position: fixed; z-index: 2147483647; box-sizing: border-box; border: 2px solid ${PALETTE.danger}; border-radius: 3px;
  background: repeating-linear-gradient(135deg, rgba(20, 23, 28, 0.92) 0 8px, rgba(60, 20, 24, 0.92) 8px 16px);
  color: ${PALETTE.text}; display: flex; align-items: center; justify-content: center; overflow: hidden; white-space: nowrap;
  font: 600 11px/1.2 system-ui, sans-serif; pointer-events: auto; cursor: not-allowed; }
.rg-cover[data-kind="cooldown"] { border-color: ${PALETTE.cool}; }
.rg-block { position: fixed; top: 64px; left: 30%; z-index: 2147483647; width: max-content;
  max-width: min(560px, 92vw); background: rgba(20, 23, 28, 0.96); color: ${PALETTE.text}; border: 3px solid ${PALETTE.danger};
  border-radius: 8px; box-sizing: border-box; text-align: center; padding: 8px 14px; font: 13px/1.4 system-ui, sans-serif;
  pointer-events: none; }
.rg-block[data-kind="cooldown"] { border-color: ${PALETTE.cool}; }
.rg-block[data-kind="notice"] { border-color: ${PALETTE.warn}; }
.rg-block h2 { margin: 0 0 4px; font-size: 15px; color: ${PALETTE.danger}; }
.rg-block[data-kind="cooldown"] h2 { color: ${PALETTE.cool}; }
.rg-block[data-kind="notice"] h2 { color: ${PALETTE.warn}; }
.rg-block p { margin: 2px 0; }
.rg-block .rg-notice { color: ${PALETTE.warn}; font-weight: 600; }
.rg-block .rg-countdown { font-size: 20px; font-weight: 700; font-variant-numeric: tabular-nums; }
.rg-tone-ok { color: ${PALETTE.ok}; } .rg-tone-warn { color: ${PALETTE.warn}; } .rg-tone-cool { color: ${PALETTE.cool}; }
.rg-tone-danger { color: ${PALETTE.danger}; } .rg-tone-muted { color: ${PALETTE.muted}; }
`;
