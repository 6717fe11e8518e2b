// The arithmetic of the message panel's virtualized list (used by the webview's MessageList). Its rows
// all have one height, so which rows are on screen is a division: no per-row bookkeeping. (A general
// virtualizer keeps an object per row and rebuilds all of them whenever the count changes: 100,000
// objects on every update of a panel filling up.)

/** Rows [from, to) of a list of `count` rows to render: those in the viewport and `overscan` more on each side. */
export function rowWindow(scrollTop: number, viewportHeight: number, count: number, rowHeight: number, overscan: number): { from: number; to: number } {
  const top = Math.max(0, scrollTop);
  const first = Math.min(count, Math.floor(top / rowHeight));
  const end = Math.min(count, Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight));
  return { from: Math.max(0, first - overscan), to: Math.min(count, Math.max(end, first) + overscan) };
}

/** The scroll position that shows row `index` whole, moving as little as possible; undefined when it is shown already. */
export function revealScrollTop(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | undefined {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) {
    return top;
  }
  if (bottom > scrollTop + viewportHeight) {
    // A viewport lower than a row shows the row's top.
    return Math.max(0, Math.min(top, bottom - viewportHeight));
  }
  return undefined;
}
