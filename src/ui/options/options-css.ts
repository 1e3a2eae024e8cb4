/**
 * The options page's own look, on top of the shared BASE_CSS: light and dark (the system's
 * choice), sizes in rem so browser zoom and larger fonts reflow instead of clipping (readable
 * at 200 %: one column, nothing wider than the window), visible focus everywhere. Contrast of
 * text on its background is at least 4.5:1 in both schemes.
 */
export const OPTIONS_CSS = `
html:has(.rg-options) {
  --bg: #14171c; --panel: #1d2129; --raised: #262b34; --border: #3d4452; --text: #e8eaed; --dim: #a9b0bc;
  --ok: #4cc38a; --warn: #f0b429; --danger: #ff7b7b; --accent: #6cb6ff; --focus: #ffd866; --input: #11141a;
  color-scheme: dark;
}
@media (prefers-color-scheme: light) {
  html:has(.rg-options) {
    --bg: #f6f7f9; --panel: #ffffff; --raised: #eef0f4; --border: #c3c8d1; --text: #1b1f24; --dim: #4f5866;
    --ok: #146c43; --warn: #8a5a00; --danger: #b3261e; --accent: #0b5cad; --focus: #0b5cad; --input: #ffffff;
    color-scheme: light;
  }
}
html:has(.rg-options), body:has(.rg-options) { background: var(--bg); margin: 0; }
/* The save bar sticks to the bottom: what gets focus or is scrolled to stays above it. */
html:has(.rg-options) { scroll-padding-bottom: 4.5rem; }
.rg-options.rg-root { background: var(--bg); color: var(--text); font-size: 0.875rem; max-width: 62rem; margin: 0 auto; padding: 0.75rem; box-sizing: border-box; }
.rg-options *, .rg-options *::before, .rg-options *::after { box-sizing: border-box; }
.rg-options *:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.rg-options h1 { font-size: 1.35rem; margin: 0.25rem 0; }
.rg-options h2 { font-size: 1.1rem; margin: 0; }
.rg-options h3 { font-size: 1rem; margin: 0 0 0.25rem; }
.rg-options p { margin: 0.25rem 0; }
.rg-options .rg-panel { background: var(--panel); border-color: var(--border); padding: 0.6rem 0.75rem; margin: 0.5rem 0; }
.rg-options .rg-dim { color: var(--dim); }
.rg-options .rg-error { color: var(--danger); }
.rg-options .rg-tone-ok { color: var(--ok); } .rg-options .rg-tone-warn { color: var(--warn); }
.rg-options .rg-pending { color: var(--warn); }
.rg-options a { color: var(--accent); }
.rg-options .rg-btn { background: var(--raised); color: var(--text); border-color: var(--border); min-height: 2rem; }
.rg-options .rg-btn-primary { background: var(--accent); border-color: var(--accent); color: var(--bg); font-weight: 700; }
.rg-options .rg-link { background: none; border: none; color: var(--accent); text-decoration: underline; padding: 0; font: inherit; cursor: pointer; }
.rg-options .rg-field { margin: 0.35rem 0; }
.rg-options .rg-field input, .rg-options .rg-field select, .rg-options .rg-field textarea,
.rg-options .rg-add-row input, .rg-options .rg-inline input[type="text"], .rg-options select {
  background: var(--input); color: var(--text); border: 1px solid var(--border); border-radius: 4px; padding: 0.25rem 0.4rem; font: inherit; max-width: 100%;
}
.rg-options .rg-field input.rg-number, .rg-options .rg-field input.rg-money { width: 9rem; }
.rg-options .rg-field input[type="text"], .rg-options .rg-field select { max-width: 26rem; }
.rg-options .rg-field textarea { max-width: 100%; }
.rg-options .rg-field input[type="time"], .rg-options .rg-field input[type="date"] { max-width: 10rem; }
.rg-options .rg-field [aria-invalid="true"] { border-color: var(--danger); }
.rg-options fieldset { border: 1px solid var(--border); border-radius: 6px; margin: 0.35rem 0; padding: 0.35rem 0.6rem; min-width: 0; }
.rg-options fieldset.rg-group { border-style: dashed; }
.rg-options legend { padding: 0 0.25rem; }
.rg-options .rg-field-errors { margin: 0; padding-left: 1rem; }
.rg-options .rg-affixed { display: inline-flex; align-items: center; gap: 0.25rem; }
.rg-options .rg-toggles, .rg-options .rg-chips { display: flex; flex-wrap: wrap; gap: 0.3rem; list-style: none; padding: 0; margin: 0.2rem 0; }
.rg-options .rg-toggle { display: inline-flex; align-items: center; gap: 0.2rem; border: 1px solid var(--border); border-radius: 999px; padding: 0.1rem 0.55rem; cursor: pointer; }
.rg-options .rg-toggle:has(input:checked) { background: var(--raised); border-color: var(--accent); font-weight: 700; }
.rg-options .rg-chip { display: inline-flex; align-items: center; gap: 0.25rem; border: 1px solid var(--border); border-radius: 999px; padding: 0.05rem 0.2rem 0.05rem 0.55rem; background: var(--raised); }
.rg-options .rg-chip-x { background: none; border: none; color: var(--text); cursor: pointer; font-size: 1rem; min-width: 1.5rem; min-height: 1.5rem; }
.rg-options .rg-add-row { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin: 0.3rem 0; }
.rg-options .rg-table-row { display: flex; flex-wrap: wrap; gap: 0.5rem 0.75rem; align-items: flex-end; border-bottom: 1px solid var(--border); padding: 0.2rem 0; }
.rg-options .rg-table-row .rg-field { margin: 0; }
.rg-options .rg-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.rg-options .rg-step-h { display: flex; align-items: baseline; gap: 0.5rem; flex-wrap: wrap; }
.rg-options .rg-step-n { display: inline-flex; align-items: center; justify-content: center; width: 1.5rem; height: 1.5rem; border-radius: 999px; background: var(--raised); border: 1px solid var(--border); font-weight: 700; font-size: 0.8rem; }
.rg-options .rg-step-done .rg-step-n { border-color: var(--ok); color: var(--ok); }
.rg-options .rg-accounts { width: 100%; }
.rg-options .rg-accounts td, .rg-options .rg-accounts th { border-color: var(--border); }
.rg-options .rg-num { text-align: right; font-variant-numeric: tabular-nums; }
/* The rule list: one row per rule, its fields only when opened. */
.rg-options .rg-rules { list-style: none; padding: 0; margin: 0.25rem 0; }
.rg-options .rg-rule { border: 1px solid var(--border); border-radius: 6px; margin: 0.25rem 0; background: var(--panel); }
/* Name | sentence | switch on one line while there is room; stacked on a narrow window (or zoomed). */
.rg-options .rg-rule-head { display: grid; grid-template-columns: minmax(8rem, 12rem) minmax(0, 1fr) auto; align-items: center; gap: 0.1rem 0.75rem; padding: 0.3rem 0.6rem; }
.rg-options .rg-rule-text { display: contents; }
.rg-options .rg-rule-head > .rg-mode { grid-column: 3; grid-row: 1; }
.rg-options .rg-rule-text > .rg-rule-name { grid-column: 1; grid-row: 1; }
.rg-options .rg-rule-text > .rg-rule-summary { grid-column: 2; grid-row: 1; margin: 0; }
.rg-options .rg-rule-text > .rg-rule-flags { grid-column: 1 / 4; grid-row: 2; }
@media (max-width: 48rem) {
  .rg-options .rg-rule-head { grid-template-columns: minmax(0, 1fr) auto; }
  .rg-options .rg-rule-text > .rg-rule-summary { grid-column: 1 / 3; grid-row: 2; margin-left: 1rem; }
  .rg-options .rg-rule-text > .rg-rule-flags { grid-column: 1 / 3; grid-row: 3; }
  .rg-options .rg-rule-head > .rg-mode { grid-column: 2; }
}
.rg-options .rg-rule-name { background: none; border: none; color: var(--text); font: inherit; font-weight: 700; padding: 0; cursor: pointer; text-align: left; }
.rg-options .rg-rule-name::before { content: "\\25B8"; display: inline-block; width: 1rem; color: var(--dim); }
.rg-options .rg-rule-name[aria-expanded="true"]::before { content: "\\25BE"; }
.rg-options .rg-rule-summary { color: var(--dim); }
.rg-options .rg-rule-off .rg-rule-summary { text-decoration: none; opacity: 0.85; }
.rg-options .rg-rule-flags { margin: 0.1rem 0 0 1rem; display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; }
.rg-options .rg-rule-body { border-top: 1px solid var(--border); padding: 0.35rem 0.75rem 0.6rem 1.6rem; }
.rg-options .rg-mode { display: inline-flex; border: 1px solid var(--border); border-radius: 6px; overflow: hidden; margin: 0; padding: 0; }
.rg-options .rg-mode label { display: inline-flex; align-items: center; padding: 0.2rem 0.55rem; cursor: pointer; border-left: 1px solid var(--border); }
.rg-options .rg-mode label:first-of-type { border-left: none; }
.rg-options .rg-mode input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.rg-options .rg-mode label:has(input:checked) { background: var(--raised); font-weight: 700; }
.rg-options .rg-mode label:has(input:checked[value="enforce"]) { color: var(--ok); box-shadow: inset 0 -3px 0 var(--ok); }
.rg-options .rg-mode label:has(input:checked[value="monitor"]) { color: var(--accent); box-shadow: inset 0 -3px 0 var(--accent); }
.rg-options .rg-mode label:has(input:focus-visible) { outline: 2px solid var(--focus); outline-offset: -2px; }
.rg-options .rg-savebar { position: sticky; bottom: 0; z-index: 1; background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 0.5rem 0.75rem; margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.rg-options .rg-savebar [role="status"] { margin: 0; }
.rg-options details > summary { cursor: pointer; padding: 0.2rem 0; }
.rg-options details > summary h2 { display: inline; }
.rg-options nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
.rg-options .rg-header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.25rem 1rem; }
.rg-options .rg-cols { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0 0.75rem; }
.rg-options .rg-inline { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.5rem; }
.rg-options .rg-preset-styles { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; border: none; padding: 0; margin: 0.35rem 0; }
.rg-options .rg-preset-preview { margin: 0.25rem 0; padding-left: 1.1rem; }
.rg-options table { width: 100%; }
.rg-options .rg-problems ul { margin: 0.25rem 0 0; padding-left: 1.1rem; }
`;
