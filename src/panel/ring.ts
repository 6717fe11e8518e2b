/** A fixed-capacity FIFO: pushing onto a full ring evicts (and returns) the oldest item. */
export class Ring<T> {
  private items: (T | undefined)[];
  private start = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.items = new Array(Math.max(1, capacity));
  }

  get length(): number {
    return this.size;
  }

  push(item: T): T | undefined {
    const cap = this.items.length;
    if (this.size < cap) {
      this.items[(this.start + this.size) % cap] = item;
      this.size++;
      return undefined;
    }
    const evicted = this.items[this.start];
    this.items[this.start] = item;
    this.start = (this.start + 1) % cap;
    return evicted;
  }

  shift(): T | undefined {
    if (this.size === 0) {
      return undefined;
    }
    const item = this.items[this.start];
    this.items[this.start] = undefined;
    this.start = (this.start + 1) % this.items.length;
    this.size--;
    return item;
  }

  /** The item `index` places from the oldest, or undefined outside [0, length). */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.size) {
      return undefined;
    }
    return this.items[(this.start + index) % this.items.length];
  }

  clear(): void {
    this.items = new Array(this.items.length);
    this.start = 0;
    this.size = 0;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.size; i++) {
      yield this.items[(this.start + i) % this.items.length] as T;
    }
  }
}
