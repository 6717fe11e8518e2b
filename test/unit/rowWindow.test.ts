import * as assert from 'assert';
import { revealScrollTop, rowWindow } from '../../src/panel/rowWindow';

describe('the message list window (fixed-height rows)', () => {
  it('renders the rows in the viewport and the overscan on each side', () => {
    // 22 px rows, a 220 px viewport scrolled to row 100 exactly: rows 100-109 show, 95-114 render.
    assert.deepStrictEqual(rowWindow(2200, 220, 1000, 22, 5), { from: 95, to: 115 });
    // Scrolled half a row further: row 110 shows in part.
    assert.deepStrictEqual(rowWindow(2211, 220, 1000, 22, 5), { from: 95, to: 116 });
  });

  it('stays within the list at its start and end, and when it is shorter than the viewport', () => {
    assert.deepStrictEqual(rowWindow(0, 220, 1000, 22, 8), { from: 0, to: 18 });
    assert.deepStrictEqual(rowWindow(1000 * 22 - 220, 220, 1000, 22, 8), { from: 982, to: 1000 });
    assert.deepStrictEqual(rowWindow(0, 220, 3, 22, 8), { from: 0, to: 3 });
    assert.deepStrictEqual(rowWindow(0, 220, 0, 22, 8), { from: 0, to: 0 });
  });

  it('survives a scroll position past the end (rows dropped under it) and a hidden viewport', () => {
    assert.deepStrictEqual(rowWindow(50_000, 220, 100, 22, 8), { from: 92, to: 100 });
    assert.deepStrictEqual(rowWindow(-40, 220, 100, 22, 2), { from: 0, to: 12 });
    assert.deepStrictEqual(rowWindow(440, 0, 100, 22, 2), { from: 18, to: 22 });
  });

  it('handles a million rows without a row per object', () => {
    assert.deepStrictEqual(rowWindow(999_990 * 22, 220, 1_000_000, 22, 8), { from: 999_982, to: 1_000_000 });
  });

  it('reveals a row by scrolling as little as possible', () => {
    // Viewport shows rows 10-19 (220-440 px).
    assert.strictEqual(revealScrollTop(12, 220, 220, 22), undefined, 'already shown');
    assert.strictEqual(revealScrollTop(9, 220, 220, 22), 198, 'above: its top at the top');
    assert.strictEqual(revealScrollTop(20, 220, 220, 22), 242, 'below: its bottom at the bottom');
    assert.strictEqual(revealScrollTop(19, 225, 220, 22), undefined, 'the last row whole on screen');
    assert.strictEqual(revealScrollTop(10, 225, 220, 22), 220, 'the first row in part: scrolled to show it whole');
    assert.strictEqual(revealScrollTop(0, 0, 10, 22), 0, 'a viewport lower than a row shows its top');
  });
});
