import { PALETTE } from '../theme';

/** Styles inside the overlay's shadow root; the page's CSS cannot reach them. */
export const OVERLAY_CSS = `
:host { all: initial; }
.rg-chips { position: fixed; right: 12px; bottom: 12px; display: flex; flex-direction: column; gap: 4px; z-index: 2147483646; pointer-events: none; }
.rg-chip { pointer-events: auto; background: ${PALETTE.panel}; border: 1px solid currentColor; border-radius: 12px; padding: 2px 10px; font: 12px/1.5 system-ui, sans-serif; }
.rg-toasts { position: fixed; right: 12px; top: 12px; display: flex; flex-direction: column; gap: 6px; z-index: 2147483646; }
.rg-toast { background: ${PALETTE.panel}; color: ${PALETTE.warn}; border: 1px solid ${PALETTE.warn}; border-radius: 6px; padding: 6px 10px; font: 13px/1.4 system-ui, sans-serif; max-width: 360px; }
.rg-block { position: fixed; z-index: 2147483647; background: rgba(20, 23, 28, 0.94); color: ${PALETTE.text};
  border: 3px solid ${PALETTE.danger}; box-sizing: border-box; display: flex; flex-direction: column; align-items: center;
  justify-content: center; text-align: center; padding: 12px; font: 14px/1.4 system-ui, sans-serif; pointer-events: auto; cursor: not-allowed; overflow: auto; }
.rg-block[data-kind="cooldown"] { border-color: ${PALETTE.cool}; }
.rg-block h2 { margin: 0 0 6px; font-size: 16px; color: ${PALETTE.danger}; }
.rg-block[data-kind="cooldown"] h2 { color: ${PALETTE.cool}; }
.rg-block .rg-countdown { font-size: 22px; font-weight: 700; font-variant-numeric: tabular-nums; }
.rg-tone-ok { color: ${PALETTE.ok}; } .rg-tone-warn { color: ${PALETTE.warn}; } .rg-tone-cool { color: ${PALETTE.cool}; }
.rg-tone-danger { color: ${PALETTE.danger}; } .rg-tone-muted { color: ${PALETTE.muted}; }
`;
