import { revealScrollTop, rowWindow } from '../panel/rowWindow';
import type { MessageRow, PreviewValue } from '../protocol';
import { el } from './dom';
import { bytes, fullTime, shortTime } from './format';
import { cutAt, PreviewFit } from './previewFit';

export const rowHeight = 22;
/** Rows rendered beyond each edge of the viewport, for scrolling; while following, every update replaces them all. */
const overscan = 8;
const overscanWhileFollowing = 1;
/** Values this big get a size badge in the list. */
const bigValueBytes = 10 * 1024;

export interface ListEvents {
  select(pos: number): void;
  followChanged(follow: boolean): void;
  /** The rows [from, to) are on screen (or about to be); `follow` keeps the view at the end. */
  viewport(from: number, to: number, follow: boolean): void;
}

interface RowElement extends HTMLDivElement {
  shownPos?: number;
  shownRow?: MessageRow;
}

/**
 * The virtualized message list. It holds only the rows near the screen; the extension holds the
 * messages. Positions (`pos`) grow forever; index i of the list is position head + i.
 */
export class MessageList {
  private readonly rows = new Map<number, MessageRow>();
  private readonly pool: RowElement[] = [];
  private head = 0;
  private tail = 0;
  private generation = 0;
  private selectedPos: number | undefined;
  private following = true;
  private dragging = false;
  private renderQueued = false;
  private lastViewport = '';
  private readonly fit: PreviewFit;
  private fontChanged = true;

  constructor(
    private readonly scroller: HTMLElement,
    private readonly canvas: HTMLElement,
    private readonly empty: HTMLElement,
    /** The header's key and value cells: the rows' columns have their widths. */
    columns: { key: HTMLElement; value: HTMLElement },
    private readonly events: ListEvents,
  ) {
    this.fit = new PreviewFit(columns, () => this.refresh());
    new ResizeObserver(() => this.queueRender()).observe(scroller);
    // VS Code sets the editor font (and the theme) as variables on <html>: measure the font again when they change.
    new MutationObserver(() => {
      this.fontChanged = true;
      this.queueRender();
    }).observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });

    scroller.addEventListener('wheel', (event) => {
      if (event.deltaY < 0) {
        this.setFollow(false);
      }
    });
    scroller.addEventListener('pointerdown', (event) => {
      // The scroll bar belongs to the scroller itself; rows are its descendants.
      this.dragging = event.target === scroller;
    });
    window.addEventListener('pointerup', () => (this.dragging = false));
    scroller.addEventListener('scroll', () => {
      if (this.dragging && !this.atEnd()) {
        this.setFollow(false);
      }
      this.queueRender();
    });
    scroller.addEventListener('keydown', (event) => this.onKey(event));
    canvas.addEventListener('click', (event) => {
      const row = (event.target as HTMLElement).closest<RowElement>('.row');
      if (row?.shownPos !== undefined) {
        this.select(row.shownPos, false);
        scroller.focus({ preventScroll: true });
      }
    });
  }

  get follow(): boolean {
    return this.following;
  }

  get selected(): number | undefined {
    return this.selectedPos;
  }

  setFollow(follow: boolean): void {
    if (follow === this.following) {
      return;
    }
    this.following = follow;
    this.events.followChanged(follow);
    this.lastViewport = '';
    if (follow) {
      this.scrollToEnd();
    }
    this.queueRender();
  }

  /** A new state of the view from the extension. Returns true when the view was rebuilt (new generation). */
  update(generation: number, head: number, tail: number, rows: MessageRow[] | undefined): boolean {
    const rebuilt = generation !== this.generation;
    if (rebuilt) {
      this.generation = generation;
      this.rows.clear();
      this.selectedPos = undefined;
      this.lastViewport = '';
    }
    const dropped = rebuilt ? 0 : head - this.head;
    this.head = head;
    this.tail = tail;
    for (const row of rows ?? []) {
      this.rows.set(row.pos, row);
    }
    this.canvas.style.height = `${(tail - head) * rowHeight}px`;
    if (this.following) {
      this.scrollToEnd();
    } else if (dropped > 0) {
      // Old messages dropped off the top: keep the same messages on screen.
      this.scroller.scrollTop = Math.max(0, this.scroller.scrollTop - dropped * rowHeight);
    }
    this.queueRender();
    return rebuilt;
  }

  addRows(generation: number, rows: MessageRow[]): void {
    if (generation !== this.generation) {
      return;
    }
    for (const row of rows) {
      this.rows.set(row.pos, row);
    }
    this.queueRender();
  }

  /** Repaints every visible row (e.g. after the page was hidden). */
  refresh(): void {
    this.lastViewport = '';
    this.forgetShownRows();
    this.queueRender();
  }

  /** Every row is filled again at the next render. */
  private forgetShownRows(): void {
    for (const element of this.pool) {
      element.shownRow = undefined;
    }
  }

  select(pos: number, reveal: boolean): void {
    if (pos < this.head || pos >= this.tail) {
      return;
    }
    this.selectedPos = pos;
    if (reveal) {
      const top = revealScrollTop(pos - this.head, this.scroller.scrollTop, this.scroller.clientHeight, rowHeight);
      if (top !== undefined) {
        this.scroller.scrollTop = top;
      }
    }
    this.events.select(pos);
    this.queueRender();
  }

  private atEnd(): boolean {
    return this.scroller.scrollTop + this.scroller.clientHeight >= this.scroller.scrollHeight - rowHeight / 2;
  }

  private scrollToEnd(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  private onKey(event: KeyboardEvent): void {
    const count = this.tail - this.head;
    if (count === 0) {
      return;
    }
    const page = Math.max(1, Math.floor(this.scroller.clientHeight / rowHeight) - 1);
    const current = this.selectedPos ?? (this.following ? this.tail - 1 : this.head);
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = current + 1;
        break;
      case 'ArrowUp':
        next = current - 1;
        break;
      case 'PageDown':
        next = current + page;
        break;
      case 'PageUp':
        next = current - page;
        break;
      case 'Home':
        next = this.head;
        break;
      case 'End':
        next = this.tail - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    next = Math.min(this.tail - 1, Math.max(this.head, next));
    if (next < this.tail - 1) {
      this.setFollow(false);
    }
    this.select(next, true);
  }

  private queueRender(): void {
    if (!this.renderQueued) {
      this.renderQueued = true;
      requestAnimationFrame(() => {
        this.renderQueued = false;
        this.render();
      });
    }
  }

  private render(): void {
    const count = this.tail - this.head;
    const { from: first, to: end } = rowWindow(
      this.scroller.scrollTop,
      this.scroller.clientHeight,
      count,
      rowHeight,
      this.following ? overscanWhileFollowing : overscan,
    );
    this.empty.hidden = count > 0;
    this.scroller.setAttribute('aria-rowcount', String(count));
    while (this.pool.length < end - first) {
      const element = el('div', { className: 'row', attrs: { role: 'row' } }) as RowElement;
      for (const name of ['time', 'partition', 'offset', 'key', 'value', 'headers']) {
        element.appendChild(el('span', { className: `cell ${name}`, attrs: { role: 'gridcell' } }));
      }
      this.canvas.appendChild(element);
      this.pool.push(element);
    }
    if (this.fontChanged && this.pool.length > 0) {
      this.fontChanged = false;
      if (this.fit.useFontOf(this.pool[0].children[4] as HTMLElement)) {
        this.forgetShownRows();
      }
    }
    const fit = { key: this.fit.chars('key'), value: this.fit.chars('value') };
    // Position p always goes to element p % size: when the list moves by a few rows (new messages, a
    // scroll), the other rows keep their element and text and only move; the screen order is aria-rowindex.
    const from = this.head + first;
    const to = this.head + end;
    const size = this.pool.length;
    this.pool.forEach((element, k) => {
      const pos = from + ((((k - from) % size) + size) % size);
      if (pos >= to) {
        element.hidden = true;
        element.shownPos = undefined;
        return;
      }
      const index = pos - this.head;
      element.hidden = false;
      element.style.transform = `translateY(${index * rowHeight}px)`;
      const row = this.rows.get(pos);
      if (element.shownPos !== pos || element.shownRow !== row) {
        element.shownPos = pos;
        element.shownRow = row;
        fillRow(element, row, fit);
      }
      const selected = pos === this.selectedPos;
      element.classList.toggle('selected', selected);
      element.setAttribute('aria-selected', String(selected));
      element.id = selected ? 'selected-row' : '';
      element.setAttribute('aria-rowindex', String(index + 1));
    });
    if (this.selectedPos !== undefined && from <= this.selectedPos && this.selectedPos < to) {
      this.scroller.setAttribute('aria-activedescendant', 'selected-row');
    } else {
      this.scroller.removeAttribute('aria-activedescendant');
    }
    this.forgetFarRows(from, to);
    if (from < to) {
      this.requestViewport(from, to);
    }
  }

  private requestViewport(from: number, to: number): void {
    // While following, the extension sends new rows by itself: only a change of size needs saying.
    const key = this.following ? `follow:${to - from}:${this.generation}` : `${from}:${to}:${this.generation}`;
    if (key !== this.lastViewport) {
      this.lastViewport = key;
      this.events.viewport(from, to, this.following);
    }
  }

  private forgetFarRows(from: number, to: number): void {
    if (this.rows.size < 2000) {
      return;
    }
    for (const pos of this.rows.keys()) {
      if (pos < this.head || pos < from - 500 || pos > to + 500) {
        this.rows.delete(pos);
      }
    }
  }
}

function fillRow(element: RowElement, row: MessageRow | undefined, fit: { key: number; value: number }): void {
  const [time, partition, offset, key, value, headers] = Array.from(element.children) as HTMLElement[];
  if (!row) {
    setText(time, '…');
    for (const cell of [partition, offset, key, value, headers]) {
      setText(cell, '');
      cell.title = '';
    }
    return;
  }
  setText(time, shortTime(row.timestamp));
  time.title = fullTime(row.timestamp);
  setText(partition, String(row.partition));
  setText(offset, row.offset);
  fillPreview(key, row.key, 'key', fit.key);
  fillPreview(value, row.value, 'value', fit.value);
  setText(headers, row.headerCount > 0 ? String(row.headerCount) : '');
  headers.title = row.headerCount > 0 ? `${row.headerCount} header${row.headerCount === 1 ? '' : 's'}` : 'No headers';
}

/**
 * Sets a cell's text by changing its text node in place: a following list refills every row on each
 * update, and a new node costs chromium a style and layout object more than new characters do.
 */
function setText(cell: HTMLElement, text: string, rest?: string): void {
  const node = cell.firstChild;
  if (node instanceof Text && (node.nextSibling === null || isRest(node.nextSibling))) {
    if (node.data !== text) {
      node.data = text;
    }
  } else {
    cell.replaceChildren(document.createTextNode(text));
  }
  setRest(cell, rest);
}

/** The hidden end of a preview, past what its column shows: the cell's last child when there is one. */
function setRest(cell: HTMLElement, rest: string | undefined): void {
  const last = cell.lastChild;
  const restSpan = last && isRest(last) ? last : undefined;
  if (!rest) {
    restSpan?.remove();
  } else if (restSpan) {
    restSpan.textContent = rest;
  } else {
    cell.appendChild(el('span', { className: 'rest', text: rest, attrs: { hidden: '' } }));
  }
}

function isRest(node: Node): boolean {
  return node instanceof HTMLElement && node.classList.contains('rest');
}

function setKind(cell: HTMLElement, kind: string): void {
  if (cell.dataset.kind !== kind) {
    cell.dataset.kind = kind;
  }
}

/** `shownChars`: characters the cell can show; the rest of the preview stays in the cell, hidden (not laid out). */
function fillPreview(cell: HTMLElement, preview: PreviewValue, what: 'key' | 'value', shownChars: number): void {
  setKind(cell, preview.kind);
  if (preview.kind === 'null') {
    cell.replaceChildren(el('span', { className: 'badge null', text: what === 'value' ? 'tombstone' : 'null' }));
    cell.title = what === 'value' ? 'No value (a tombstone)' : 'No key';
    return;
  }
  cell.title = preview.text.length > 200 ? `${preview.text.slice(0, 200)}…` : preview.text;
  const [shown, rest] = cutAt(preview.text, shownChars);
  const badges: Node[] = [];
  if (preview.kind === 'binary') {
    badges.push(el('span', { className: 'badge', text: 'bin' }));
  }
  // In front of the text: a long value's text runs past the cell, and a badge after it would never show.
  if (preview.size >= bigValueBytes) {
    badges.push(el('span', { className: 'badge size', text: bytes(preview.size) }));
  }
  if (badges.length === 0) {
    setText(cell, shown, rest);
    return;
  }
  cell.replaceChildren(...badges, document.createTextNode(shown));
  setRest(cell, rest);
}
