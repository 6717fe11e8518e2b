/** A fixed-capacity FIFO of numbers: pushing onto a full ring drops the oldest. */
export class NumberRing {
  private readonly items: Float64Array;
  private start = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.items = new Float64Array(Math.max(1, capacity));
  }

  get length(): number {
    return this.size;
  }

  push(item: number): void {
    const cap = this.items.length;
    if (this.size < cap) {
      this.items[(this.start + this.size) % cap] = item;
      this.size++;
    } else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % cap;
    }
  }

  shift(): number | undefined {
    if (this.size === 0) {
      return undefined;
    }
    const item = this.items[this.start];
    this.start = (this.start + 1) % this.items.length;
    this.size--;
    return item;
  }

  /** The item `index` places from the oldest, or undefined outside [0, length). */
  at(index: number): number | undefined {
    return index >= 0 && index < this.size ? this.items[(this.start + index) % this.items.length] : undefined;
  }

  clear(): void {
    this.start = 0;
    this.size = 0;
  }
}
