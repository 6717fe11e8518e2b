import type { Counters, PanelInit, TailStatus, ToWebview } from '../protocol';
import { DetailView } from './detailView';
import { byId, el, icon, iconButton } from './dom';
import { FilterBar } from './filterBar';
import { bytes, count } from './format';
import { MessageList } from './messageList';
import { StartChooser } from './startChooser';
import { post, saveState } from './vscodeApi';

const stateLabels: Record<TailStatus['state'], { text: string; icon: string }> = {
  connecting: { text: 'Connecting…', icon: 'loading' },
  running: { text: 'Live', icon: 'pulse' },
  paused: { text: 'Paused', icon: 'debug-pause' },
  reconnecting: { text: 'Reconnecting…', icon: 'sync' },
  stopped: { text: 'Stopped', icon: 'debug-stop' },
  error: { text: 'Stopped', icon: 'error' },
};

// ---- layout (built here, so the extension's HTML carries no data at all) ----
const app = byId('app');
const title = el('h1', { className: 'topic', attrs: { id: 'topic-name' } });
const cluster = el('span', { className: 'muted', attrs: { id: 'cluster-name' } });
const start = new StartChooser((target) => post({ type: 'seek', target }));
const pause = iconButton('debug-pause', 'Pause reading', { text: 'Pause', id: 'pause' });
const clear = iconButton('clear-all', 'Clear the list', { text: 'Clear', id: 'clear' });
const follow = iconButton('fold-down', 'Follow new messages (auto-scroll)', { text: 'Follow', id: 'follow' });
const exportButton = iconButton('export', 'Export the shown messages as JSON Lines (the produce envelope format)', { text: 'Export', id: 'export' });
const filters = new FilterBar((filter) => post({ type: 'filter', filter }));
const stateBadge = el('span', { className: 'state', attrs: { id: 'tail-state', role: 'status' } });
const statusMessage = el('span', { className: 'status-message', attrs: { id: 'status-message' } });
const counters = el('span', { className: 'counters', attrs: { id: 'counters', 'aria-live': 'off' } });
const dropped = el('span', { className: 'dropped', attrs: { id: 'dropped' } });
const notice = el('span', { className: 'notice', attrs: { id: 'notice', role: 'status' } });
const header = el(
  'div',
  { className: 'list-header', attrs: { role: 'row' } },
  ...['Time', 'Partition', 'Offset', 'Key', 'Value', 'Headers'].map((name) =>
    el('span', { className: `cell ${name.toLowerCase()}`, text: name, attrs: { role: 'columnheader' } }),
  ),
);
const canvas = el('div', { className: 'canvas', attrs: { role: 'rowgroup' } });
const empty = el('div', { className: 'empty muted', attrs: { id: 'empty' }, text: 'Waiting for messages…' });
const scroller = el(
  'div',
  { className: 'scroller', attrs: { id: 'messages', tabindex: '0', role: 'grid', 'aria-label': 'Messages', 'aria-colcount': '6' } },
  canvas,
);
const detailRoot = el('div', { className: 'detail', attrs: { id: 'detail', role: 'region', 'aria-label': 'Selected message' } });

app.append(
  el(
    'header',
    { className: 'title-bar' },
    title,
    cluster,
    el('span', { className: 'spacer' }),
    el('div', { className: 'controls', attrs: { role: 'toolbar', 'aria-label': 'Tail controls' } }, pause, follow, clear, exportButton),
  ),
  el('div', { className: 'toolbar' }, start.element),
  filters.element,
  el('div', { className: 'status-bar' }, stateBadge, statusMessage, counters, dropped, notice),
  el('div', { className: 'list-area' }, header, scroller, empty),
  detailRoot,
);

// ---- behaviour ----
let paused = false;
let generation = 0;
let selectTimer: ReturnType<typeof setTimeout> | undefined;

const detail = new DetailView(detailRoot, {
  copy: (pos) => post({ type: 'copy', generation, pos }),
  openValue: (pos) => post({ type: 'openValue', generation, pos }),
});

const list = new MessageList(scroller, canvas, empty, { key: header.querySelector('.cell.key')!, value: header.querySelector('.cell.value')! }, {
  select(pos) {
    // Holding an arrow key moves fast: ask for the detail once the selection rests.
    clearTimeout(selectTimer);
    selectTimer = setTimeout(() => post({ type: 'select', generation, pos }), 40);
  },
  followChanged: (on) => showFollow(on),
  viewport: (from, to, following) => post({ type: 'viewport', generation, from, to, follow: following }),
});

pause.addEventListener('click', () => post({ type: 'pause', paused: !paused }));
clear.addEventListener('click', () => post({ type: 'clear' }));
follow.addEventListener('click', () => list.setFollow(!list.follow));
exportButton.addEventListener('click', () => post({ type: 'export' }));

function showFollow(on: boolean): void {
  follow.setAttribute('aria-pressed', String(on));
  follow.classList.toggle('pressed', on);
}

function showPaused(value: boolean): void {
  paused = value;
  pause.replaceChildren(icon(value ? 'debug-continue' : 'debug-pause'), el('span', { className: 'label', text: value ? 'Resume' : 'Pause' }));
  pause.title = value ? 'Resume reading' : 'Pause reading';
  pause.setAttribute('aria-label', pause.title);
}

let shownStatus: TailStatus | undefined;

function showStatus(status: TailStatus): void {
  if (status.state === shownStatus?.state && status.message === shownStatus.message) {
    return;
  }
  shownStatus = status;
  const label = stateLabels[status.state];
  stateBadge.replaceChildren(icon(label.icon), el('span', { text: label.text }));
  stateBadge.dataset.state = status.state;
  statusMessage.textContent = status.message ?? '';
  showPaused(status.state === 'paused');
}

function showCounters(value: Counters, maxMessages: number): void {
  counters.textContent =
    `Received ${count(value.received)} · Shown ${count(value.shown)} · ${count(Math.round(value.rate))} msg/s · ${bytes(value.bytes)}`;
  dropped.textContent =
    value.dropped > 0 ? `Keeping the newest ${count(maxMessages)}; ${count(value.dropped)} older dropped` : '';
  empty.textContent = value.received > 0 && value.shown === 0 ? 'No kept message matches the filter.' : 'Waiting for messages…';
}

let maxMessages = 0;
let noticeTimer: ReturnType<typeof setTimeout> | undefined;

function applyInit(init: PanelInit): void {
  title.textContent = init.topic;
  cluster.textContent = init.clusterName;
  document.title = init.topic;
  maxMessages = init.maxMessages;
  start.set(init.target);
  filters.set(init.filter);
  start.setPartitions(init.partitions);
  filters.setPartitions(init.partitions);
  showPaused(init.paused);
  shownStatus = undefined;
  list.setFollow(init.follow);
  showFollow(list.follow);
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      applyInit(message.init);
      list.refresh();
      break;
    case 'update': {
      generation = message.generation;
      if (list.update(message.generation, message.head, message.tail, message.rows)) {
        detail.clear('Select a message to see its key, headers and value.');
      }
      showStatus(message.status);
      showCounters(message.counters, maxMessages);
      filters.showError(message.filterError);
      if (message.partitions) {
        start.setPartitions(message.partitions);
        filters.setPartitions(message.partitions);
      }
      if (message.state) {
        saveState({ ...message.state, follow: list.follow });
      }
      if (message.drawnId !== undefined) {
        whenDrawn(message.drawnId);
      }
      break;
    }
    case 'rows':
      list.addRows(message.generation, message.rows);
      break;
    case 'detail':
      if (message.generation !== generation || message.pos !== list.selected) {
        break;
      }
      if (message.detail) {
        detail.show(message.detail);
      } else {
        detail.clear('That message is no longer kept (older messages drop to stay within the limit).');
      }
      break;
    case 'notice':
      notice.textContent = message.text;
      clearTimeout(noticeTimer);
      noticeTimer = setTimeout(() => (notice.textContent = ''), 6000);
      break;
  }
});

/**
 * Says when the frame that draws the update is done: when the next frame begins, since after the list
 * renders (in an earlier animation frame callback) the frame still has its layout, paint and raster to
 * go, and the tail resuming then took the cores from them. A hidden page (a minimized window) draws no
 * frames: it says so at once.
 */
function whenDrawn(id: number): void {
  if (document.hidden) {
    post({ type: 'drawn', id });
    return;
  }
  requestAnimationFrame(() => requestAnimationFrame(() => post({ type: 'drawn', id })));
}

showFollow(true);
post({ type: 'ready' });
