import * as assert from 'assert';
import { firstJsonSyntaxError } from '../../src/kafka/produce/jsonSyntax';

function jsonParseAccepts(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A small deterministic PRNG (mulberry32), so that a failure repeats. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('firstJsonSyntaxError (the JSON Lines check)', () => {
  it('accepts valid values of every kind, with surrounding whitespace', () => {
    for (const text of [
      '{}',
      '[]',
      ' {"a": [1, -0.5e+10, 2E-3, 0, true, false, null, "x\\u00e9\\n\\"\\\\\\/"], "b": {}} ',
      '"just a string"',
      '12345678901234567890123',
      '-0',
      '[[[[[]]]]]',
      '{"":""}',
      '\t\r\n1\n',
    ]) {
      assert.strictEqual(firstJsonSyntaxError(text), -1, text);
    }
  });

  it('points at the first wrong character', () => {
    const cases: [string, number][] = [
      ['{"a":1,}', 7],
      ['{"a" 1}', 5],
      ['[1 2]', 3],
      ['01', 1],
      ['1.', 2],
      ['"tab\there"', 4],
      ['"bad \\x escape"', 6],
      ['{"a":1', 6],
      ['tru', 3],
      ['{"a":1} {"b":2}', 8],
      ['', 0],
      ['nul!', 3],
    ];
    for (const [text, offset] of cases) {
      assert.strictEqual(firstJsonSyntaxError(text), offset, text);
    }
  });

  it('checks only the given range of a longer text', () => {
    const text = 'xx{"a":1}yy';
    assert.strictEqual(firstJsonSyntaxError(text, 2, 9), -1);
    assert.strictEqual(firstJsonSyntaxError(text, 2, 10), 9);
  });

  it('does not recurse: 100,000 levels of nesting are checked without a stack overflow', () => {
    const depth = 100_000;
    assert.strictEqual(firstJsonSyntaxError('['.repeat(depth) + ']'.repeat(depth)), -1);
    assert.strictEqual(firstJsonSyntaxError('['.repeat(depth) + ']'.repeat(depth - 1)), 2 * depth - 1);
  });

  it('agrees with JSON.parse on 50,000 random mutations of valid JSON', function () {
    this.timeout(30_000);
    const next = random(20261126);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const samples = [
      '{"a":1,"b":[true,false,null,-0.5e+10,"x\\u00e9\\n"],"c":{}}',
      '[1,[2,[3,{"k":"v"}]]]',
      '"str\\"ing"',
      '-12.5E-3',
      ' { "a" : [ 1 , 2 ] } ',
      '{"\\"":"\\\\"}',
    ];
    const alphabet = ['{', '}', '[', ']', ',', ':', '"', '\\', 'u', '0', '1', '9', '-', '+', '.', 'e', 'E', 't', 'n', 'l', ' ', '\t', '\n', 'x', '\u0001', 'é', '/', 'b'];
    const disagreements: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      let text = pick(samples);
      for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) {
        const at = Math.floor(next() * (text.length + 1));
        const kind = Math.floor(next() * 3);
        text = kind === 0 ? text.slice(0, at) + pick(alphabet) + text.slice(at) : kind === 1 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + pick(alphabet) + text.slice(at + 1);
      }
      if ((firstJsonSyntaxError(text) === -1) !== jsonParseAccepts(text)) {
        disagreements.push(text);
      }
    }
    assert.deepStrictEqual(disagreements.slice(0, 10), []);
  });
});
