import type { DecodedValue, MessageDetail } from '../protocol';
import { el, iconButton } from './dom';
import { bytes, count, fullTime } from './format';
import { highlightJson } from './jsonHighlight';

export interface DetailEvents {
  copy(pos: number): void;
  openValue(pos: number): void;
}

/** The selected message: key, headers, timestamp type and the value (pretty JSON, text or hex). */
export class DetailView {
  private pos: number | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly events: DetailEvents,
  ) {
    this.clear('Select a message to see its key, headers and value.');
  }

  get shownPos(): number | undefined {
    return this.pos;
  }

  clear(text: string): void {
    this.pos = undefined;
    this.root.replaceChildren(el('p', { className: 'muted placeholder', text }));
  }

  show(detail: MessageDetail): void {
    this.pos = detail.pos;
    const copy = iconButton('copy', 'Copy this message as JSON', { text: 'Copy as JSON', id: 'copy-message' });
    copy.addEventListener('click', () => this.events.copy(detail.pos));
    const open = iconButton('go-to-file', 'Open the full value in a read-only editor', { text: 'Open Full Value', id: 'open-value' });
    open.addEventListener('click', () => this.events.openValue(detail.pos));

    const facts = el(
      'div',
      { className: 'facts' },
      fact('Partition', String(detail.partition)),
      fact('Offset', detail.offset),
      fact('Timestamp', fullTime(detail.timestamp)),
      fact('Timestamp type', detail.timestampType),
    );
    const headers =
      detail.headers.length === 0
        ? el('p', { className: 'muted', text: 'No headers' })
        : el(
            'table',
            { className: 'headers-table' },
            el('thead', {}, el('tr', {}, el('th', { text: 'Name' }), el('th', { text: 'Value' }), el('th', { className: 'header-size', text: 'Size' }))),
            el('tbody', {}, ...detail.headers.map((header) => headerRow(header.name, header.value))),
          );
    this.root.replaceChildren(
      el('div', { className: 'detail-toolbar' }, facts, el('div', { className: 'actions' }, copy, open)),
      section('Key', 'detail-key', valueBlock(detail.key, 'key')),
      section(`Headers (${detail.headers.length})`, 'detail-headers', headers),
      section('Value', 'detail-value', valueBlock(detail.value, 'value', () => this.events.openValue(detail.pos))),
    );
  }
}

function headerRow(name: string, value: DecodedValue): HTMLElement {
  let shown: HTMLElement;
  if (value.kind === 'null') {
    shown = el('span', { className: 'badge null', text: 'null' });
  } else if (value.kind === 'binary') {
    shown = el('pre', { className: 'value binary', text: value.base64 }, );
    shown.prepend(el('span', { className: 'badge', text: 'base64' }));
  } else {
    shown = el('pre', { className: `value ${value.kind}`, text: value.text });
  }
  const size = value.kind === 'null' ? '' : bytes(value.size);
  return el('tr', {}, el('td', { className: 'header-name', text: name }), el('td', {}, shown), el('td', { className: 'header-size muted', text: size }));
}

function fact(label: string, value: string): HTMLElement {
  return el('span', { className: 'fact' }, el('span', { className: 'fact-label', text: `${label} ` }), el('span', { className: 'fact-value', text: value }));
}

function section(title: string, id: string, body: HTMLElement): HTMLElement {
  return el('section', { className: 'detail-section', attrs: { id, 'aria-label': title } }, el('h3', { text: title }), body);
}

function valueBlock(value: DecodedValue, what: 'key' | 'value', openFull?: () => void): HTMLElement {
  if (value.kind === 'null') {
    return el('div', { className: 'value-block' }, el('span', { className: 'badge null', text: what === 'value' ? 'null (tombstone)' : 'null' }));
  }
  const kindLabel = value.kind === 'json' ? 'JSON' : value.kind === 'text' ? 'Text' : 'Binary';
  const meta = el('div', { className: 'value-meta' }, el('span', { className: 'badge', text: kindLabel }), el('span', { className: 'muted', text: `${count(value.size)} bytes` }));
  const pre = el('pre', { className: `value ${value.kind}`, attrs: { tabindex: '0' } });
  if (value.kind === 'binary') {
    const { hex: hexText, base64: base64Text } = value;
    pre.textContent = hexText;
    const hex = el('button', { className: 'toggle', text: 'Hex', attrs: { type: 'button', 'aria-pressed': 'true' } });
    const base64 = el('button', { className: 'toggle', text: 'Base64', attrs: { type: 'button', 'aria-pressed': 'false' } });
    const show = (asBase64: boolean) => {
      pre.textContent = asBase64 ? base64Text : hexText;
      pre.classList.toggle('wrap', asBase64);
      hex.setAttribute('aria-pressed', String(!asBase64));
      base64.setAttribute('aria-pressed', String(asBase64));
    };
    hex.addEventListener('click', () => show(false));
    base64.addEventListener('click', () => show(true));
    meta.append(hex, base64);
  } else if (value.kind === 'json') {
    pre.appendChild(highlightJson(value.text));
  } else {
    pre.textContent = value.text;
  }
  const block = el('div', { className: 'value-block' }, meta, pre);
  if (value.truncated) {
    const note = el('div', { className: 'truncated' }, el('span', { text: `Showing the start of ${bytes(value.size)}. ` }));
    if (openFull) {
      const button = el('button', { className: 'link-button', text: 'Open Full Value', attrs: { type: 'button' } });
      button.addEventListener('click', openFull);
      note.appendChild(button);
    }
    block.appendChild(note);
  }
  return block;
}
