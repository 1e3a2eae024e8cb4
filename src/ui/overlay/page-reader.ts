import { tickerOf } from '../../core/gateway/symbols';

/**
 * Reading the TopstepX page: which account and which contract it shows. The account picker
 * is an MUI combobox whose text holds the account's name among other words
 * (`$150K EXPRESS | EXPRESS-V2-…`); the contract picker is an input whose value is the
 * contract's code (`MNQZ26`). Unknown → null, and the overlay then takes the safe side.
 */

/** The first non-empty text (or input value) of these selectors. */
export function readFirst(doc: Document, selectors: readonly string[]): string | null {
  for (const selector of selectors) {
    let el: Element | null = null;
    try {
      el = doc.querySelector(selector);
    } catch {
      continue;
    }
    if (el === null) continue;
    const value =
      el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement
        ? el.value
        : el.textContent;
    const text = value?.replace(/\s+/g, ' ').trim();
    if (text) return text;
  }
  return null;
}

const MONTH_CODES = 'FGHJKMNQUVXZ';
const CONTRACT_CODE = new RegExp(`^/?([A-Z0-9]{1,6}?)[${MONTH_CODES}]\\d{1,2}$`);

/** The ticker of a contract code as the page shows it: `MNQZ26` → `MNQ`, `/ESH7` → `ES`; null when unreadable. */
export function tickerOfContractCode(text: string | null): string | null {
  if (text === null) return null;
  const code =
    text
      .trim()
      .split(/[\s:|-]/)[0]
      ?.toUpperCase() ?? '';
  const m = CONTRACT_CODE.exec(code);
  return m?.[1] ? tickerOf(m[1]) : null;
}

/**
 * The account whose name the picker text holds: the whole text, or the name as a whole word
 * inside it (so `ACC-1` is not found in `ACC-12`); the longest such name wins.
 */
export function accountNamedIn<T extends { name: string }>(text: string | null, accounts: readonly T[]): T | null {
  if (text === null) return null;
  const hay = text.trim();
  let best: T | null = null;
  for (const a of accounts) {
    const name = a.name.trim();
    if (name.length === 0 || (best !== null && name.length <= best.name.trim().length)) continue;
    if (hay === name || new RegExp(`(^|[^A-Za-z0-9])${escapeRegex(name)}($|[^A-Za-z0-9])`).test(hay)) best = a;
  }
  return best;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
