import type { FilterSpec } from '../protocol';
import { el, icon } from './dom';
import { PartitionPicker } from './partitionPicker';

/** Text, JSON field and partition filters; changes are sent after a short pause in typing. */
export class FilterBar {
  readonly element: HTMLElement;
  private readonly text = el('input', { attrs: { id: 'filter-text', type: 'search', placeholder: 'Filter key or value text', 'aria-label': 'Filter key or value text' } });
  private readonly json = el('input', { attrs: { id: 'filter-json', type: 'search', placeholder: 'JSON field, e.g. customer.id = 42', 'aria-label': 'JSON field equals value' } });
  private readonly partitions: PartitionPicker;
  private readonly error = el('span', { className: 'error', attrs: { id: 'filter-error', role: 'alert' } });
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly onChange: (filter: FilterSpec) => void) {
    this.partitions = new PartitionPicker('Show partitions', 'filter-partitions', () => this.changed(0));
    for (const input of [this.text, this.json]) {
      input.addEventListener('input', () => this.changed(250));
    }
    this.element = el(
      'div',
      { className: 'filter-bar', attrs: { role: 'search' } },
      el('label', { className: 'with-icon' }, icon('filter'), this.text),
      el('label', { className: 'with-icon' }, icon('json'), this.json),
      this.partitions.element,
      this.error,
    );
  }

  get value(): FilterSpec {
    return { text: this.text.value, jsonField: this.json.value, partitions: this.partitions.value };
  }

  set(filter: FilterSpec): void {
    this.text.value = filter.text;
    this.json.value = filter.jsonField;
    this.partitions.value = filter.partitions;
  }

  setPartitions(partitions: number[]): void {
    this.partitions.setPartitions(partitions);
  }

  showError(message: string | undefined): void {
    this.error.textContent = message ?? '';
    this.json.setAttribute('aria-invalid', String(Boolean(message)));
  }

  private changed(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.onChange(this.value), delayMs);
  }
}
