// Bad and hostile input for produce parsing (records.ts) and for decoding what a tail receives (decode.ts, rows.ts):
// each case ends in records or in clear problems at the right line, never in an exception, and stays fast.
import * as assert from 'assert';
import { classify, decodeValue, fullValueText, previewValue } from '../../src/kafka/decode/valueDecoding';
import { matchesJsonField, parseJsonFieldFilter } from '../../src/kafka/decode/jsonFieldFilter';
import { parseRecords, parseRecordsAsync, type ParseOptions, type ParseResult } from '../../src/kafka/produce/records';
import { headerPairs, type TailMessage } from '../../src/kafka/tail/tailMessage';
import { toDetail, toRow } from '../../src/panel/rows';

const BOM = '\uFEFF';
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const digits400 = '9'.repeat(400);

function timed<T>(limitMs: number, work: () => T): T {
  const started = performance.now();
  const result = work();
  const ms = performance.now() - started;
  assert.ok(ms < limitMs, `took ${Math.round(ms)} ms (limit ${limitMs})`);
  return result;
}

function parse(text: string, options: ParseOptions, limitMs = 2000): ParseResult {
  return timed(limitMs, () => parseRecords(text, options));
}

function problemLines(result: ParseResult): number[] {
  return result.problems.map((p) => p.line);
}

function message(overrides: Partial<TailMessage>): TailMessage {
  return { partition: 0, offset: '0', timestamp: '0', timestampType: 0, key: null, value: null, headers: undefined, ...overrides };
}

describe('hostile produce input', () => {
  describe('a byte-order mark at the start', () => {
    for (const format of ['json', 'jsonl', 'envelope'] as const) {
      it(`${format}: is not part of the value and is not an error`, () => {
        const text = format === 'envelope' ? `${BOM}{"key":"k","value":{"a":1}}\n{"value":2}` : `${BOM}{"a":1}\n`;
        const result = parse(text, { format });
        assert.deepStrictEqual(result.problems, []);
        assert.strictEqual(result.records[0].value, '{"a":1}');
      });
    }

    for (const format of ['text', 'text-lines'] as const) {
      it(`${format}: is not sent`, () => {
        const result = parse(`${BOM}first\nsecond`, { format });
        assert.ok(!result.records[0].value!.includes(BOM));
        assert.ok(result.records[0].value!.startsWith('first'));
      });
    }

    it('json: a key field is still found, and an error after the mark is still reported', () => {
      assert.strictEqual(parse(`${BOM}{"id":5}`, { format: 'json', key: { kind: 'field', path: 'id' } }).records[0].key, '5');
      const broken = parse(`${BOM}{"a":1,}`, { format: 'json' });
      assert.strictEqual(broken.problemCount, 1);
      assert.strictEqual(broken.problems[0].line, 1);
      assert.match(broken.problems[0].message, /expected/i);
    });
  });

  describe('CRLF line ends', () => {
    it('jsonl and text-lines: the CR is not part of any value; lines are counted right', () => {
      const lines = Array.from({ length: 1000 }, (_, i) => `{"n":${i}}`);
      const jsonl = parse(lines.join('\r\n') + '\r\n', { format: 'jsonl' });
      assert.strictEqual(jsonl.records.length, 1000);
      assert.ok(jsonl.records.every((r, i) => r.value === lines[i] && r.line === i + 1));
      const text = parse('a\r\n\r\nb\r\n', { format: 'text-lines' });
      assert.deepStrictEqual(text.records.map((r) => [r.line, r.value]), [[1, 'a'], [3, 'b']]);
    });

    it('a bad line among CRLF lines is reported at its own line and column', () => {
      const result = parse('{"a":1}\r\n{"a":,}\r\n{"a":3}', { format: 'jsonl' });
      assert.deepStrictEqual(result.problems.map((p) => [p.line, p.column]), [[2, 6]]);
    });

    it('CR alone (old Mac line ends) is not taken as a line break, and says why', () => {
      const result = parse('{"a":1}\r{"a":2}', { format: 'jsonl' });
      assert.strictEqual(result.records.length, 0);
      assert.match(result.problems[0].message, /one value per line/);
    });
  });

  describe('a truncated file', () => {
    it('jsonl: the cut last line is reported at the cut; the problem count stops the produce', () => {
      const result = parse('{"a":1}\n{"a":2}\n{"a":[1,2', { format: 'jsonl' });
      assert.strictEqual(result.problemCount, 1);
      assert.deepStrictEqual(problemLines(result), [3]);
      assert.strictEqual(result.problems[0].column, 10);
    });

    it('json and envelope: a clear message at the end', () => {
      assert.match(parse('{"a":[1,2', { format: 'json' }).problems[0].message, /Closing bracket \] expected/);
      assert.match(parse('{"value":1}\n{"value":', { format: 'envelope' }).problems[0].message, /Value expected/);
      assert.match(parse('{"a":"unterminated', { format: 'json' }).problems[0].message, /Unterminated string/);
    });
  });

  describe('100,000 lines with bad lines at the start, the middle and the end', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `{"seq":${i},"name":"n${i}","price":${i}.50,"tags":["a","b"]}`);
    lines[0] = '{bad';
    lines[49_999] = '{"a":1,}';
    lines[99_999] = '{"a":';
    const text = lines.join('\n');

    it('reports exactly those three lines, within seconds', () => {
      const result = parse(text, { format: 'jsonl' }, 5000);
      assert.strictEqual(result.problemCount, 3);
      assert.deepStrictEqual(problemLines(result), [1, 50_000, 100_000]);
      assert.strictEqual(result.records.length, 99_997);
    });

    it('the same in slices that yield to the event loop', async () => {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      const result = await parseRecordsAsync(text, { format: 'jsonl' }, { sliceMs: 10 });
      clearInterval(timer);
      assert.deepStrictEqual(problemLines(result), [1, 50_000, 100_000]);
      assert.ok(ticks > 0, 'the event loop never ran while parsing');
    });
  });

  describe('10,000 levels of nesting', () => {
    it('json and jsonl: valid deep values are sent exactly as written', () => {
      const deep = nested(10_000);
      assert.strictEqual(parse(`  ${deep}\n`, { format: 'json' }).records[0].value, deep);
      assert.deepStrictEqual(parse(`${deep}\n${deep}`, { format: 'jsonl' }).records.map((r) => r.value), [deep, deep]);
      assert.strictEqual(parse(nestedObject(10_000), { format: 'json' }).records.length, 1);
    });

    it('a broken deep value is reported where JSON.parse found the error, without an exception', () => {
      const broken = nested(10_000).slice(0, -1);
      for (const format of ['json', 'jsonl'] as const) {
        const result = parse(broken, { format });
        assert.strictEqual(result.problemCount, 1);
        // At the end of the value (on its last character or just after it).
        assert.ok(result.problems[0].column >= broken.length, `column ${result.problems[0].column}`);
      }
    });

    it('an envelope or a key field that deep gets a problem that says so', () => {
      const envelope = parse(`{"value":${nested(10_000)}}\n{"value":1}`, { format: 'envelope' });
      assert.deepStrictEqual(problemLines(envelope), [1]);
      assert.match(envelope.problems[0].message, /nested too deeply/);
      const keyed = parse(`{"k":${nested(10_000)}}`, { format: 'jsonl', key: { kind: 'field', path: 'k' } });
      assert.match(keyed.problems[0].message, /nested too deeply.*key field "k"/);
      const whole = parse(`{"k":${nested(10_000)}}`, { format: 'json', key: { kind: 'field', path: 'k' } });
      assert.match(whole.problems[0].message, /nested too deeply/);
    });
  });

  describe('nesting near the limit of what is read as a tree (2,000 levels)', () => {
    it('an envelope 2,001 levels deep is refused every time, one 1,999 deep is read', () => {
      for (let round = 0; round < 3; round++) {
        assert.match(parse(`{"value":${nested(2_000)}}`, { format: 'envelope' }).problems[0]?.message ?? '', /nested too deeply/);
        const read = parse(`{"value":${nested(1_998)}}`, { format: 'envelope' });
        assert.deepStrictEqual(read.problems, []);
        assert.strictEqual(read.records[0].value, nested(1_998));
      }
    });
  });

  describe('numbers with 400 digits', () => {
    it('values and keys keep every digit', () => {
      const value = `{"id":${digits400},"x":-${digits400}.${digits400}e-${digits400}}`;
      const result = parse(value, { format: 'jsonl', key: { kind: 'field', path: 'id' } });
      assert.strictEqual(result.records[0].value, value);
      assert.strictEqual(result.records[0].key, digits400);
    });

    it('envelope partition and timestamp beyond 64 bits are refused, not wrapped', () => {
      const partition = parse(`{"value":1,"partition":${digits400}}`, { format: 'envelope' });
      assert.match(partition.problems[0].message, /"partition" must be a partition number/);
      for (const timestamp of [digits400, `"${digits400}"`, '9223372036854775808']) {
        const result = parse(`{"value":1,"timestamp":${timestamp}}`, { format: 'envelope' });
        assert.match(result.problems[0]?.message ?? '', /"timestamp" must be milliseconds/, timestamp);
      }
      assert.strictEqual(
        parse('{"value":1,"timestamp":9223372036854775807}', { format: 'envelope' }).records[0].timestamp,
        '9223372036854775807',
      );
    });
  });

  describe('headers', () => {
    it('10,000 headers in one envelope are all kept', () => {
      const headers: Record<string, string> = {};
      for (let i = 0; i < 10_000; i++) headers[`h${i}`] = `v${i}`;
      const result = parse(JSON.stringify({ value: 1, headers }), { format: 'envelope' });
      assert.deepStrictEqual(result.records[0].headers, headers);
    });

    it('headers that are not strings are named, each at its line', () => {
      const result = parse(
        ['{"value":1,"headers":{"a":1}}', '{"value":1,"headers":{"b":null}}', '{"value":1,"headers":["x"]}', '{"value":1,"headers":{"c":{"d":"e"}}}'].join('\n'),
        { format: 'envelope' },
      );
      assert.deepStrictEqual(problemLines(result), [1, 2, 3, 4]);
      assert.match(result.problems[0].message, /Header "a" must be a string/);
      assert.match(result.problems[2].message, /"headers" must be an object of strings/);
      assert.strictEqual(result.records.length, 0);
    });
  });
});

describe('hostile values received by a tail', () => {
  it('invalid UTF-8 is binary everywhere: classification, preview, detail, full value', () => {
    const bad = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, 0xfe, 0x7d]);
    assert.strictEqual(classify(bad), 'binary');
    assert.strictEqual(previewValue(bad, 50).kind, 'binary');
    const detail = decodeValue(bad, 1000);
    assert.strictEqual(detail.kind, 'binary');
    assert.ok(detail.kind === 'binary' && detail.base64 === bad.toString('base64'));
    assert.match(fullValueText(bad).text, /^00000000 {2}7b 22 61 22 3a ff fe 7d/);
    // A truncated multi-byte sequence at the very end, too.
    assert.strictEqual(classify(Buffer.from([0x61, 0xe2, 0x82])), 'binary');
  });

  it('a 1 MB value: preview, detail and full value in well under a second, the detail cut at the limit', () => {
    const value = Buffer.from(JSON.stringify({ s: 'x'.repeat(1024 * 1024), n: 1 }));
    const preview = timed(200, () => previewValue(value, 300));
    assert.ok(preview.text.length <= 301);
    const detail = timed(1000, () => decodeValue(value, 100_000));
    assert.ok(detail.kind === 'json' && detail.truncated && detail.text.length === 100_000);
    assert.strictEqual(timed(1000, () => fullValueText(value)).language, 'json');
  });

  it('10,000 levels of nesting: shown as text, field filters say no match, nothing throws', () => {
    const value = Buffer.from(nestedObject(10_000));
    assert.strictEqual(timed(1000, () => decodeValue(value, 1000)).kind, 'text');
    assert.strictEqual(timed(1000, () => fullValueText(value)).language, 'plaintext');
    const filter = parseJsonFieldFilter('a.a = 1');
    assert.ok(!('error' in filter));
    assert.strictEqual(timed(1000, () => matchesJsonField(value.toString(), filter)), false);
  });

  it('400-digit numbers are shown and compared with every digit', () => {
    const text = `{"n":${digits400},"m":0.${digits400}}`;
    const detail = decodeValue(Buffer.from(text), 10_000);
    assert.ok(detail.kind === 'json' && detail.text.includes(digits400) && detail.text.includes(`0.${digits400}`));
    const equal = parseJsonFieldFilter(`n = ${digits400}`);
    const other = parseJsonFieldFilter(`n = ${digits400.slice(0, -1)}8`);
    assert.ok(!('error' in equal) && !('error' in other));
    assert.strictEqual(matchesJsonField(text, equal), true);
    assert.strictEqual(matchesJsonField(text, other), false);
  });

  it('10,000 headers (some repeated, some null, some binary): row and detail in well under a second', () => {
    const headers: Record<string, (Buffer | string)[] | Buffer | undefined> = {};
    for (let i = 0; i < 10_000; i++) headers[`h${i}`] = Buffer.from(`v${i}`);
    headers.repeated = [Buffer.from('a'), Buffer.from('b')];
    headers.empty = undefined;
    headers.binary = Buffer.from([0xff, 0x00]);
    const m = message({ value: Buffer.from('{}'), headers: headers as TailMessage['headers'] });
    assert.strictEqual(headerPairs(m).length, 10_000 + 2 + 1 + 1);
    assert.strictEqual(timed(500, () => toRow(0, m)).headerCount, 10_000 + 2 + 1 + 1);
    const detail = timed(1000, () => toDetail(0, m, 1000));
    assert.strictEqual(detail.headers.length, 10_004);
    assert.deepStrictEqual(detail.headers.find((h) => h.name === 'binary')?.value.kind, 'binary');
    assert.deepStrictEqual(detail.headers.find((h) => h.name === 'empty')?.value, { kind: 'null' });
  });

  it('markup in keys, values and header names stays inert text (the webview renders with textContent)', () => {
    const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const m = message({ key: Buffer.from(payload), value: Buffer.from(JSON.stringify({ html: payload })), headers: { [payload]: Buffer.from(payload) } });
    const detail = toDetail(0, m, 10_000);
    assert.ok(detail.key.kind === 'text' && detail.key.text === payload);
    assert.strictEqual(detail.headers[0].name, payload);
    assert.ok(toRow(0, m).value.text.includes(JSON.stringify(payload).slice(1, -1)));
  });
});
