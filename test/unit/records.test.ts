import * as assert from 'assert';
import {
  describeLines,
  detectFormat,
  parseFieldPath,
  parseHeaderList,
  parseRecords,
  parseRecordsAsync,
  type InputRecord,
  type ParseOptions,
} from '../../src/kafka/produce/records';

function records(text: string, options: ParseOptions): InputRecord[] {
  const result = parseRecords(text, options);
  assert.deepStrictEqual(result.problems, [], 'expected no problems');
  return result.records;
}

describe('parseRecords', () => {
  describe('json: one value', () => {
    it('sends a multi-line value exactly as written, big numbers and trailing zeros included', () => {
      const text = '\n  {\n    "orderId": 12345678901234567890,\n    "price": 1.10\n  }\n\n';
      const [record, ...rest] = records(text, { format: 'json' });
      assert.deepStrictEqual(rest, []);
      assert.strictEqual(record.value, '{\n    "orderId": 12345678901234567890,\n    "price": 1.10\n  }');
      assert.strictEqual(record.line, 2);
      assert.strictEqual(record.key, null);
    });

    it('keeps CRLF line endings inside the value', () => {
      const [record] = records('{\r\n"a": 1\r\n}\r\n', { format: 'json' });
      assert.strictEqual(record.value, '{\r\n"a": 1\r\n}');
    });

    it('reports a missing comma at its line and column', () => {
      const result = parseRecords('{\n  "a": 1\n  "b": 2\n}', { format: 'json' });
      assert.deepStrictEqual(result.records, []);
      assert.deepStrictEqual(result.problems[0], { line: 3, column: 3, length: 3, message: 'Comma expected.' });
    });

    it('rejects two values, comments and trailing commas, reporting the first error only', () => {
      assert.match(parseRecords('{"a":1}\n{"b":2}', { format: 'json' }).problems[0].message, /after the JSON value/);
      assert.match(parseRecords('{"a":1 // note\n}', { format: 'json' }).problems[0].message, /Comments/);
      assert.strictEqual(parseRecords('{"a":1,}', { format: 'json' }).problems.length, 1);
    });

    it('shifts positions by the origin of a selection', () => {
      const text = '{"a": 1,, "b": 2}';
      const [problem] = parseRecords(text, { format: 'json', origin: { line: 9, character: 4 } }).problems;
      assert.strictEqual(problem.line, 10);
      assert.strictEqual(problem.column, 5 + text.indexOf(',,') + 1);
      const [record] = records('{}', { format: 'json', origin: { line: 9, character: 4 } });
      assert.strictEqual(record.line, 10);
    });

    it('reports an empty input as nothing to send', () => {
      const result = parseRecords('   \n ', { format: 'json' });
      assert.deepStrictEqual(result.records, []);
      assert.match(result.problems[0].message, /Nothing to send/);
    });
  });

  describe('jsonl: one value per line', () => {
    it('makes one record per non-blank line, with its line number, trimmed of surrounding blanks', () => {
      const text = '{"n":1}\r\n\n  {"n":2.50}  \n"text"\n12345678901234567890123\n';
      const result = records(text, { format: 'jsonl' });
      assert.deepStrictEqual(
        result.map((r) => [r.line, r.value]),
        [
          [1, '{"n":1}'],
          [3, '{"n":2.50}'],
          [4, '"text"'],
          [5, '12345678901234567890123'],
        ],
      );
    });

    it('reports every bad line with line, column and message, and produces nothing', () => {
      const lines = Array.from({ length: 10 }, (_, i) => `{"i":${i}}`);
      lines[3] = '{"i":3,}';
      lines[7] = '   {"i" 7}';
      const result = parseRecords(lines.join('\n'), { format: 'jsonl' });
      assert.deepStrictEqual(
        result.problems.map((p) => [p.line, p.column, p.message]),
        [
          [4, 8, 'Property name expected.'],
          [8, 9, 'Colon expected.'],
        ],
      );
      assert.strictEqual(result.problemCount, 2);
    });

    it('says that JSON Lines take one value per line', () => {
      const [problem] = parseRecords('{"a":1} {"b":2}', { format: 'jsonl' }).problems;
      assert.strictEqual(problem.column, 9);
      assert.match(problem.message, /one value per line/);
    });

    it('rejects what JSON.parse rejects even where the scanner is lenient', () => {
      const result = parseRecords('{"a":"tab\there"}', { format: 'jsonl' });
      assert.strictEqual(result.problems.length, 1);
      assert.strictEqual(result.problems[0].line, 1);
    });

    it('caps the list of problems but counts them all', () => {
      const text = Array.from({ length: 50 }, () => '{').join('\n');
      const result = parseRecords(text, { format: 'jsonl', maxProblems: 5 });
      assert.strictEqual(result.problems.length, 5);
      assert.strictEqual(result.problemCount, 50);
    });
  });

  describe('keys', () => {
    it('uses a fixed key for every record', () => {
      assert.deepStrictEqual(
        records('1\n2', { format: 'jsonl', key: { kind: 'fixed', key: 'k' } }).map((r) => r.key),
        ['k', 'k'],
      );
    });

    it('takes the key from a field: strings decoded, numbers with every digit', () => {
      const text = [
        '{"orderId": "A-1"}',
        '{"orderId": 12345678901234567890}',
        '{"orderId": 1.10}',
        '{"orderId": {"region": "eu", "n": 1}}',
        '{"orderId": null}',
        '{"orderId": "esc\\"aped"}',
      ].join('\n');
      assert.deepStrictEqual(
        records(text, { format: 'jsonl', key: { kind: 'field', path: 'orderId' } }).map((r) => r.key),
        ['A-1', '12345678901234567890', '1.10', '{"region": "eu", "n": 1}', null, 'esc"aped'],
      );
    });

    it('follows a dotted path through objects and arrays', () => {
      const text = '{"order": {"lines": [{"sku": "S-9"}]}}';
      assert.deepStrictEqual(
        records(text, { format: 'json', key: { kind: 'field', path: 'order.lines.0.sku' } }).map((r) => r.key),
        ['S-9'],
      );
    });

    it('reports a value without the key field at its line', () => {
      const result = parseRecords('{"id": 1}\n{"other": 2}', { format: 'jsonl', key: { kind: 'field', path: 'id' } });
      assert.deepStrictEqual(result.problems.map((p) => [p.line, p.column]), [[2, 1]]);
      assert.match(result.problems[0].message, /"id" is missing/);
    });

    it('refuses a key field for plain text', () => {
      assert.throws(() => parseRecords('a', { format: 'text', key: { kind: 'field', path: 'id' } }), /JSON input/);
    });
  });

  describe('text', () => {
    it('sends the whole text as one record, exactly', () => {
      const text = '  hello\r\n world \n';
      assert.deepStrictEqual(records(text, { format: 'text' }).map((r) => r.value), [text]);
    });

    it('sends one record per non-blank line without the line break', () => {
      assert.deepStrictEqual(
        records(' a \r\n\n   \nb{', { format: 'text-lines' }).map((r) => [r.line, r.value]),
        [
          [1, ' a '],
          [4, 'b{'],
        ],
      );
    });
  });

  describe('envelope', () => {
    it('reads key, value, headers, partition and timestamp from each line', () => {
      const text = [
        '{"key": "k1", "value": {"orderId": 12345678901234567890}, "headers": {"source": "editor"}, "partition": 2, "timestamp": 1700000000000}',
        '{"key": null, "value": "plain text", "timestamp": "2024-01-02T03:04:05.006Z", "topic": "orders", "offset": "41"}',
        '{"value": null, "key": 7}',
      ].join('\n');
      assert.deepStrictEqual(records(text, { format: 'envelope' }), [
        {
          line: 1,
          key: 'k1',
          value: '{"orderId": 12345678901234567890}',
          headers: { source: 'editor' },
          partition: 2,
          timestamp: '1700000000000',
        },
        { line: 2, key: null, value: 'plain text', timestamp: String(Date.parse('2024-01-02T03:04:05.006Z')) },
        { line: 3, key: '7', value: null },
      ]);
    });

    it('reads an array of envelopes with each record at its own line', () => {
      const text = '[\n  {"key": "a", "value": 1},\n  {\n    "key": "b",\n    "value": {"x": 1.0}\n  }\n]';
      assert.deepStrictEqual(
        records(text, { format: 'envelope' }).map((r) => [r.line, r.key, r.value]),
        [
          [2, 'a', '1'],
          [3, 'b', '{"x": 1.0}'],
        ],
      );
    });

    it('merges headers from the input box under those of the envelope', () => {
      const [record] = records('{"value": 1, "headers": {"a": "env"}}', {
        format: 'envelope',
        headers: { a: 'box', b: 'box' },
      });
      assert.deepStrictEqual(record.headers, { a: 'env', b: 'box' });
    });

    it('falls back to the key field of the value when the envelope has no key', () => {
      const [record] = records('{"value": {"id": 99999999999999999999}}', {
        format: 'envelope',
        key: { kind: 'field', path: 'id' },
      });
      assert.strictEqual(record.key, '99999999999999999999');
    });

    it('points at the field that is wrong', () => {
      const cases: [string, RegExp, number][] = [
        ['{"value": 1, "headers": {"a": 1}}', /Header "a" must be a string/, 31],
        ['{"value": 1, "partition": -1}', /partition/, 27],
        ['{"value": 1, "timestamp": "yesterday"}', /timestamp/, 27],
        ['{"key": "k"}', /no "value" field/, 1],
        ['{"value": 1, "vaule": 2}', /Unknown envelope field "vaule"/, 14],
        ['[1]', /must be a JSON object/, 2],
      ];
      for (const [text, message, column] of cases) {
        const result = parseRecords(text, { format: 'envelope' });
        assert.strictEqual(result.problems.length, 1, text);
        assert.match(result.problems[0].message, message);
        assert.strictEqual(result.problems[0].column, column, text);
      }
    });
  });

  it('parses asynchronously in slices with the same result', async () => {
    const text = Array.from({ length: 20000 }, (_, i) => `{"i":${i},"pad":"${'x'.repeat(100)}"}`).join('\n');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const result = await parseRecordsAsync(text, { format: 'jsonl' }, { sliceMs: 2 });
    clearInterval(timer);
    assert.deepStrictEqual(result, parseRecords(text, { format: 'jsonl' }));
    assert.strictEqual(result.records.length, 20000);
    assert.ok(ticks > 0, 'the event loop ran between slices');
  });

  it('stops an asynchronous parse when aborted', async () => {
    const text = Array.from({ length: 50000 }, (_, i) => `{"i":${i}}`).join('\n');
    const controller = new AbortController();
    const parsing = parseRecordsAsync(text, { format: 'jsonl' }, { signal: controller.signal, sliceMs: 1 });
    controller.abort();
    await assert.rejects(parsing, { name: 'AbortError' });
  });
});

describe('detectFormat', () => {
  it('takes JSON Lines from the file name', () => {
    assert.strictEqual(detectFormat('{"a":1}', { fileName: '/x/orders.jsonl' }), 'jsonl');
    assert.strictEqual(detectFormat('{"a":1}', { fileName: 'orders.NDJSON' }), 'jsonl');
  });

  it('tells one value from one value per line', () => {
    assert.strictEqual(detectFormat('{\n  "a": 1\n}'), 'json');
    assert.strictEqual(detectFormat('{"a": 1}'), 'json');
    assert.strictEqual(detectFormat('{"a": 1}\n{"a": 2}\n'), 'jsonl');
    assert.strictEqual(detectFormat('[1,2]\n[3]'), 'jsonl');
    assert.strictEqual(detectFormat('{"a": 1,\n "b": oops}'), 'json');
  });

  it('recognises envelopes', () => {
    assert.strictEqual(detectFormat('{"key":"a","value":{"x":1}}\n{"key":"b","value":2}'), 'envelope');
    assert.strictEqual(detectFormat('[{"key":"a","value":1}]'), 'envelope');
    assert.strictEqual(detectFormat('{"value": 1, "partition": 0}'), 'envelope');
    assert.strictEqual(detectFormat('{"value": 1}'), 'json', 'a payload with only a value field is just JSON');
    assert.strictEqual(detectFormat('{"value": 1, "unit": "kg"}'), 'json');
  });

  it('falls back to plain text', () => {
    assert.strictEqual(detectFormat('hello world'), 'text');
    assert.strictEqual(detectFormat(''), 'text');
    assert.strictEqual(detectFormat('42', { languageId: 'json' }), 'json');
  });
});

describe('parseHeaderList', () => {
  it('parses name=value pairs, values may contain =', () => {
    assert.deepStrictEqual(parseHeaderList(' source = editor, trace=a=b ,, '), {
      headers: { source: 'editor', trace: 'a=b' },
    });
    assert.deepStrictEqual(parseHeaderList(''), { headers: {} });
  });

  it('rejects a pair without a name or an =', () => {
    assert.ok('error' in parseHeaderList('a=1, b'));
    assert.ok('error' in parseHeaderList('=1'));
  });
});

describe('parseFieldPath', () => {
  it('splits on dots and reads digits as array indexes', () => {
    assert.deepStrictEqual(parseFieldPath('order.lines.0.sku'), ['order', 'lines', 0, 'sku']);
    assert.ok('error' in (parseFieldPath('a..b') as object));
    assert.ok('error' in (parseFieldPath(' ') as object));
  });
});

describe('describeLines', () => {
  it('folds consecutive lines into ranges', () => {
    assert.strictEqual(describeLines([9, 3, 7, 8, 12]), 'lines 3, 7–9 and 12');
    assert.strictEqual(describeLines([4]), 'line 4');
    assert.strictEqual(describeLines([4, 5]), 'lines 4–5');
    assert.strictEqual(describeLines([1, 3, 5, 7], 2), 'lines 1, 3 and 2 more ranges');
  });
});
