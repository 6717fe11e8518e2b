/** Reading and driving the message panel inside its webview frames (outer iframe.webview → #active-frame). */
import type { FrameLocator, Page } from 'playwright-core';
import { runCommand } from './harness';

export interface ShownRow {
  time: string;
  partition: string;
  offset: string;
  key: CellView;
  value: CellView;
  headers: string;
}

export interface CellView {
  kind: string;
  /** The whole preview text, without badges (a long one partly in a hidden span: see \`shown\`). */
  text: string;
  /** The part of the text in the layout (what fits in the column, and a little more). */
  shown: string;
  badges: string[];
}

/** The visible message panel's document (the webview's inner frame). */
export function panelFrame(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready:visible').last().contentFrame().locator('#active-frame').contentFrame();
}

/** "Kafka: Tail Topic" from the palette; with one cluster configured it asks only for the topic. */
export async function tailFromPalette(page: Page, topic: string): Promise<FrameLocator> {
  await runCommand(page, 'Kafka: Tail Topic');
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.monaco-list-row').first().waitFor({ timeout: 30_000 });
  await widget.locator('.quick-input-box input').fill(topic);
  await widget.locator('.monaco-list-row', { hasText: topic }).first().waitFor();
  await page.keyboard.press('Enter');
  const frame = panelFrame(page);
  await frame.locator('#topic-name', { hasText: topic }).waitFor({ timeout: 60_000 });
  return frame;
}

/** The rows on screen, top to bottom. */
export async function shownRows(frame: FrameLocator): Promise<ShownRow[]> {
  // Runs in the page: the test's own tsconfig has no DOM types, hence `any`.
  return frame.locator('#messages .row:visible').evaluateAll((rows: any[]) => {
    const textNode = 3;
    const cell = (element: any): CellView => ({
      kind: element.dataset.kind ?? '',
      // The text shown and its hidden rest (past what the column can show): the whole preview.
      text: Array.from(element.childNodes as any[])
        .filter((node) => node.nodeType === textNode || node.classList.contains('rest'))
        .map((node) => node.textContent)
        .join(''),
      shown: Array.from(element.childNodes as any[])
        .filter((node) => node.nodeType === textNode)
        .map((node) => node.textContent)
        .join(''),
      badges: Array.from(element.querySelectorAll('.badge') as any[]).map((badge) => badge.textContent ?? ''),
    });
    return rows
      .map((row) => {
        const [time, partition, offset, key, value, headers] = Array.from(row.children as any[]);
        return {
          index: Number(row.getAttribute('aria-rowindex')),
          time: time.textContent ?? '',
          partition: partition.textContent ?? '',
          offset: offset.textContent ?? '',
          key: cell(key),
          value: cell(value),
          headers: headers.textContent ?? '',
        };
      })
      .sort((a, b) => a.index - b.index)
      .map(({ index: _index, ...row }) => row);
  });
}

/** Waits until the list shows exactly `count` loaded rows (no "…" placeholders). */
export async function waitForRows(frame: FrameLocator, count: number, timeoutMs = 30_000): Promise<ShownRow[]> {
  const deadline = Date.now() + timeoutMs;
  let rows: ShownRow[] = [];
  for (;;) {
    rows = await shownRows(frame);
    if (rows.length === count && rows.every((row) => row.time !== '…')) {
      return rows;
    }
    if (Date.now() > deadline) {
      throw new Error(`expected ${count} rows, the panel shows ${rows.length}: ${rows.map((r) => `${r.partition}:${r.offset}`).join(' ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** "partition:offset" of the shown rows, sorted. */
export function positions(rows: ShownRow[]): string[] {
  return rows
    .map((row) => [Number(row.partition), BigInt(row.offset)] as const)
    .sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([p, o]) => `${p}:${o}`);
}

export async function counters(frame: FrameLocator): Promise<string> {
  return (await frame.locator('#counters').textContent()) ?? '';
}

/** Clicks the row whose key preview is `key` and waits for its detail. */
export async function selectByKey(frame: FrameLocator, key: string): Promise<void> {
  const row = frame.locator('#messages .row:visible').filter({ has: frame.locator('.cell.key', { hasText: key }) }).first();
  const partition = (await row.locator('.cell.partition').textContent()) ?? '';
  const offset = (await row.locator('.cell.offset').textContent()) ?? '';
  await row.click();
  await frame
    .locator('#detail .facts')
    .filter({ hasText: `Partition ${partition}` })
    .filter({ hasText: new RegExp(`Offset ${offset}(?!\\d)`) })
    .waitFor();
}
