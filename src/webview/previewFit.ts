/**
 * How many characters of a preview the key and value columns can show. The browser shapes the whole
 * text of an ellipsized cell: a 300-character preview in a cell that shows 100 costs three times the
 * layout, on every update of a busy tail. Past the fit, the text goes where it is not laid out.
 */
export class PreviewFit {
  private readonly widths = { key: 0, value: 0 };
  private font = '';
  private narrowestPx = 0;
  private readonly context = document.createElement('canvas').getContext('2d');

  /**
   * Watches the header's key and value cells (the rows share their grid columns); `changed` runs
   * when a column shows a different number of characters.
   */
  constructor(columns: { key: HTMLElement; value: HTMLElement }, changed: () => void) {
    const observer = new ResizeObserver((entries) => {
      const before = [this.chars('key'), this.chars('value')];
      for (const entry of entries) {
        this.widths[entry.target === columns.key ? 'key' : 'value'] = entry.contentRect.width;
      }
      if (before[0] !== this.chars('key') || before[1] !== this.chars('value')) {
        changed();
      }
    });
    observer.observe(columns.key);
    observer.observe(columns.value);
  }

  /** Measures the rows' font (from one of their cells) when it changed; returns true if it did. */
  useFontOf(cell: HTMLElement): boolean {
    const style = getComputedStyle(cell);
    const font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    if (font === this.font || !this.context) {
      return false;
    }
    this.font = font;
    this.context.font = font;
    // The narrowest characters likely in a preview: a cut after `chars()` of them still overflows the cell.
    this.narrowestPx = Math.min(...[' ', 'i', 'l', '.', ',', "'", '|', '!', ':'].map((c) => this.context!.measureText(c).width));
    return true;
  }

  /** Characters past which a cell of this column never shows text (it ends in "…" before); Infinity until measured. */
  chars(column: 'key' | 'value'): number {
    const width = this.widths[column];
    return width > 0 && this.narrowestPx > 0 ? Math.ceil(width / this.narrowestPx) + 2 : Number.POSITIVE_INFINITY;
  }
}

/** `text` cut after `chars` characters (never inside a surrogate pair): [shown, rest]. */
export function cutAt(text: string, chars: number): [string, string] {
  if (text.length <= chars) {
    return [text, ''];
  }
  const at = /[\uD800-\uDBFF]/.test(text[chars - 1]) ? chars - 1 : chars;
  return [text.slice(0, at), text.slice(at)];
}
