import type { StartPosition, TailTarget } from '../protocol';
import { el, iconButton } from './dom';
import { toLocalInput } from './format';
import { PartitionPicker } from './partitionPicker';

const kinds: { kind: StartPosition['kind']; label: string }[] = [
  { kind: 'beginning', label: 'From the beginning' },
  { kind: 'end', label: 'From the end (new messages)' },
  { kind: 'last', label: 'Last N per partition' },
  { kind: 'offsets', label: 'From offset' },
  { kind: 'timestamp', label: 'From date-time' },
];

/** Where the tail reads from; "Restart" re-seeks the open tail. */
export class StartChooser {
  readonly element: HTMLElement;
  private readonly kind = el('select', { attrs: { id: 'start-kind', 'aria-label': 'Start position' } });
  private readonly count = el('input', { attrs: { id: 'start-count', type: 'number', min: '1', step: '1', value: '100', 'aria-label': 'Messages per partition' } });
  private readonly offsets = el('input', { attrs: { id: 'start-offsets', type: 'text', placeholder: '42  or  0:42, 1:17', 'aria-label': 'Offset, or partition:offset pairs' } });
  private readonly time = el('input', { attrs: { id: 'start-time', type: 'datetime-local', step: '0.001', 'aria-label': 'Date and time (local)' } });
  private readonly partitions: PartitionPicker;
  private readonly error = el('span', { className: 'error', attrs: { id: 'start-error', role: 'alert' } });
  private known: number[] = [];

  constructor(onApply: (target: TailTarget) => void) {
    for (const { kind, label } of kinds) {
      this.kind.appendChild(el('option', { text: label, attrs: { value: kind } }));
    }
    this.partitions = new PartitionPicker('Read partitions', 'start-partitions', () => undefined);
    const apply = iconButton('debug-restart', 'Restart the tail from this position', { text: 'Restart', id: 'start-apply' });
    const submit = () => {
      const target = this.read();
      if ('error' in target) {
        this.error.textContent = target.error;
        return;
      }
      this.error.textContent = '';
      onApply(target);
    };
    apply.addEventListener('click', submit);
    for (const input of [this.count, this.offsets, this.time]) {
      input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') submit();
      });
    }
    this.kind.addEventListener('change', () => {
      this.error.textContent = '';
      this.showInputs();
    });
    this.element = el(
      'div',
      { className: 'start-chooser', attrs: { role: 'group', 'aria-label': 'Start position' } },
      this.kind,
      this.count,
      this.offsets,
      this.time,
      this.partitions.element,
      apply,
      this.error,
    );
    this.showInputs();
  }

  setPartitions(partitions: number[]): void {
    this.known = partitions;
    this.partitions.setPartitions(partitions);
  }

  set(target: TailTarget): void {
    const { start } = target;
    this.kind.value = start.kind;
    if (start.kind === 'last') {
      this.count.value = String(start.count);
    } else if (start.kind === 'offsets') {
      const entries = Object.entries(start.offsets);
      const values = new Set(entries.map(([, offset]) => offset));
      this.offsets.value =
        values.size === 1 && entries.length > 1 ? [...values][0] : entries.map(([p, offset]) => `${p}:${offset}`).join(', ');
    } else if (start.kind === 'timestamp') {
      this.time.value = toLocalInput(start.timestamp);
    }
    this.partitions.value = target.partitions;
    this.showInputs();
  }

  read(): TailTarget | { error: string } {
    const partitions = this.partitions.value;
    const kind = this.kind.value as StartPosition['kind'];
    switch (kind) {
      case 'beginning':
      case 'end':
        return { start: { kind }, partitions };
      case 'last': {
        const n = Number(this.count.value);
        if (!Number.isSafeInteger(n) || n < 1) {
          return { error: 'Enter how many messages per partition (1 or more).' };
        }
        return { start: { kind, count: n }, partitions };
      }
      case 'offsets': {
        const parsed = parseOffsets(this.offsets.value, partitions ?? this.known);
        return 'error' in parsed ? parsed : { start: { kind, offsets: parsed.offsets }, partitions };
      }
      case 'timestamp': {
        const ms = this.time.value ? new Date(this.time.value).getTime() : Number.NaN;
        if (!Number.isFinite(ms)) {
          return { error: 'Choose a date and time.' };
        }
        return { start: { kind, timestamp: ms }, partitions };
      }
    }
  }

  private showInputs(): void {
    const kind = this.kind.value;
    this.count.hidden = kind !== 'last';
    this.offsets.hidden = kind !== 'offsets';
    this.time.hidden = kind !== 'timestamp';
    if (kind === 'timestamp' && !this.time.value) {
      this.time.value = toLocalInput(Date.now() - 60 * 60 * 1000);
    }
  }
}

/** "42" (every partition) or "0:42, 1:17"; offsets stay decimal strings. */
export function parseOffsets(text: string, partitions: number[]): { offsets: Record<string, string> } | { error: string } {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    return { offsets: Object.fromEntries(partitions.map((p) => [String(p), trimmed])) };
  }
  const offsets: Record<string, string> = {};
  for (const part of trimmed.split(',')) {
    const match = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(part);
    if (!match) {
      return { error: 'Enter an offset (42) or partition:offset pairs (0:42, 1:17).' };
    }
    offsets[String(Number(match[1]))] = match[2];
  }
  return { offsets };
}
