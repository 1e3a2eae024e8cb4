import type { Page, Worker } from '@playwright/test';

export interface ToolbarReading {
  text: string;
  /** RGBA, as chrome.action.getBadgeBackgroundColor answers. */
  color: number[];
  title: string;
}

interface ActionReader {
  getBadgeText(details: object): Promise<string>;
  getBadgeBackgroundColor(details: object): Promise<number[]>;
  getTitle(details: object): Promise<string>;
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
}

/** What the toolbar shows, read back from the browser (chrome.action.get*). */
export function readToolbar(where: Worker | Page): Promise<ToolbarReading> {
  const read = async (): Promise<ToolbarReading> => {
    const action = (globalThis as unknown as { chrome: { action: ActionReader } }).chrome.action;
    return {
      text: await action.getBadgeText({}),
      color: await action.getBadgeBackgroundColor({}),
      title: await action.getTitle({}),
    };
  };
  // Worker and Page have evaluate() overloads TypeScript cannot unite.
  return 'goto' in where ? where.evaluate(read) : where.evaluate(read);
}

/** Blanks the toolbar from an extension page, as a browser restart does (the worker is not involved). */
export function blankToolbar(page: Page): Promise<void> {
  return page.evaluate(async () => {
    const action = (globalThis as unknown as { chrome: { action: ActionReader } }).chrome.action;
    await action.setBadgeText({ text: '' });
    await action.setBadgeBackgroundColor({ color: '#000000' });
    await action.setTitle({ title: 'blank' });
  });
}

/** '#c62828' → [198, 40, 40, 255]. */
export function rgba(hex: string): number[] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff, 255];
}
