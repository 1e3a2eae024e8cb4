/**
 * Dark palette readable next to TopstepX's dark theme. Colour is never the only signal:
 * every status also has a word and a glyph. Contrast of text on background ≥ 4.5:1.
 */
export type Tone = 'ok' | 'warn' | 'cool' | 'danger' | 'muted';

export const PALETTE = {
  bg: '#14171c',
  panel: '#1d2129',
  border: '#353b47',
  text: '#e8eaed',
  textDim: '#a9b0bc',
  ok: '#4cc38a',
  warn: '#f0b429',
  cool: '#6cb6ff',
  danger: '#ff6b6b',
  muted: '#8a93a3',
  focus: '#ffd866',
} as const;

export const TONE_COLOUR: Record<Tone, string> = {
  ok: PALETTE.ok,
  warn: PALETTE.warn,
  cool: PALETTE.cool,
  danger: PALETTE.danger,
  muted: PALETTE.muted,
};

/** Shared stylesheet for popup, options and the overlay's shadow root. */
export const BASE_CSS = `
.rg-root { background: ${PALETTE.bg}; color: ${PALETTE.text}; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
.rg-root *:focus-visible { outline: 2px solid ${PALETTE.focus}; outline-offset: 2px; }
.rg-panel { background: ${PALETTE.panel}; border: 1px solid ${PALETTE.border}; border-radius: 6px; padding: 8px 10px; margin: 6px 0; }
.rg-row { display: flex; align-items: center; gap: 8px; justify-content: space-between; flex-wrap: wrap; }
.rg-dim { color: ${PALETTE.textDim}; }
.rg-badge { display: inline-flex; gap: 4px; align-items: center; font-weight: 700; border-radius: 4px; padding: 1px 6px; border: 1px solid currentColor; }
.rg-tone-ok { color: ${PALETTE.ok}; } .rg-tone-warn { color: ${PALETTE.warn}; } .rg-tone-cool { color: ${PALETTE.cool}; }
.rg-tone-danger { color: ${PALETTE.danger}; } .rg-tone-muted { color: ${PALETTE.muted}; }
.rg-meter { width: 100%; height: 10px; }
.rg-btn { background: #2a2f39; color: ${PALETTE.text}; border: 1px solid ${PALETTE.border}; border-radius: 4px; padding: 4px 10px; cursor: pointer; font: inherit; }
.rg-btn-danger { border-color: ${PALETTE.danger}; color: ${PALETTE.danger}; }
.rg-btn:disabled { opacity: .6; cursor: default; }
.rg-skeleton { background: #262b34; border-radius: 4px; height: 14px; margin: 6px 0; }
.rg-error { color: ${PALETTE.danger}; }
.rg-field { display: grid; gap: 2px; margin: 6px 0; }
.rg-field input, .rg-field select, .rg-field textarea { background: #11141a; color: ${PALETTE.text}; border: 1px solid ${PALETTE.border}; border-radius: 4px; padding: 4px 6px; font: inherit; }
.rg-field [aria-invalid="true"] { border-color: ${PALETTE.danger}; }
fieldset { border: 1px solid #353b47; border-radius: 6px; }
.rg-pending { color: ${PALETTE.warn}; font-size: 12px; }
a { color: ${PALETTE.cool}; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid ${PALETTE.border}; }
`;
