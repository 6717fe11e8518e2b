import { el } from './dom';

/**
 * A drop-down of partition check boxes ("all" when none is ticked): a native <details>, so it
 * opens with Enter/Space and every box is reachable with Tab.
 */
export class PartitionPicker {
  readonly element: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly menu: HTMLElement;
  private partitions: number[] = [];
  private chosen = new Set<number>();

  constructor(
    private readonly label: string,
    id: string,
    private readonly onChange: () => void,
  ) {
    this.summary = el('summary', { attrs: { 'aria-label': label } });
    this.menu = el('div', { className: 'picker-menu', attrs: { role: 'group', 'aria-label': label } });
    this.element = el('details', { className: 'picker', attrs: { id } }, this.summary, this.menu);
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.element.open) {
        this.element.open = false;
        this.summary.focus();
        event.stopPropagation();
      }
    });
    document.addEventListener('click', (event) => {
      if (this.element.open && !this.element.contains(event.target as Node)) {
        this.element.open = false;
      }
    });
    this.renderSummary();
  }

  /** The ticked partitions, or undefined for all. */
  get value(): number[] | undefined {
    return this.chosen.size === 0 ? undefined : [...this.chosen].sort((a, b) => a - b);
  }

  set value(value: number[] | undefined) {
    this.chosen = new Set(value ?? []);
    this.renderMenu();
  }

  setPartitions(partitions: number[]): void {
    if (partitions.length === this.partitions.length && partitions.every((p, i) => p === this.partitions[i])) {
      return;
    }
    this.partitions = partitions;
    this.renderMenu();
  }

  private renderMenu(): void {
    this.menu.replaceChildren(
      ...this.partitions.map((partition) => {
        const box = el('input', { attrs: { type: 'checkbox', value: String(partition) } });
        box.checked = this.chosen.has(partition);
        box.addEventListener('change', () => {
          if (box.checked) {
            this.chosen.add(partition);
          } else {
            this.chosen.delete(partition);
          }
          this.renderSummary();
          this.onChange();
        });
        return el('label', {}, box, el('span', { text: `Partition ${partition}` }));
      }),
    );
    if (this.partitions.length === 0) {
      this.menu.appendChild(el('span', { className: 'muted', text: 'No partitions known yet' }));
    }
    this.renderSummary();
  }

  private renderSummary(): void {
    const value = this.value;
    this.summary.textContent = value ? `${this.label}: ${value.join(', ')}` : `${this.label}: all`;
  }
}
