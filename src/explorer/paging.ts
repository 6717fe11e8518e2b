import type { ExplorerNode } from './explorerNode';
import { LoadMoreNode } from './loadMoreNode';

/** How many of a long list are shown; grows by one page per "Load more…". */
export class Paging {
  private pages = 1;

  constructor(private readonly pageSize: () => number) {}

  get limit(): number {
    return this.pages * Math.max(1, this.pageSize());
  }

  more(): void {
    this.pages++;
  }

  reset(): void {
    this.pages = 1;
  }

  /** The first page(s) of `items` as nodes, then a "Load more…" node when some are left. */
  page<T>(items: T[], toNode: (item: T) => ExplorerNode, owner: ExplorerNode & { loadMore(): void }): ExplorerNode[] {
    const limit = this.limit;
    const shown = items.length > limit ? items.slice(0, limit) : items;
    const nodes = shown.map(toNode);
    if (items.length > limit) {
      nodes.push(new LoadMoreNode(owner, limit, items.length));
    }
    return nodes;
  }
}
