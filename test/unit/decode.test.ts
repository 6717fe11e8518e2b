import * as assert from 'assert';
import { classify, decodeValue, fullValueText, isJsonDocument, previewValue } from '../../src/kafka/decode/valueDecoding';
import { compactJson, prettyJson } from '../../src/kafka/decode/jsonText';
import { hexDump } from '../../src/kafka/decode/hexDump';
import { matchesJsonField, parseJsonFieldFilter, type JsonFieldFilter } from '../../src/kafka/decode/jsonFieldFilter';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('decode: classification', () => {
  it('calls a null value a tombstone', () => {
    assert.strictEqual(classify(null), 'null');
    assert.deepStrictEqual(decodeValue(null, 1000), { kind: 'null' });
  });

  it('recognises JSON objects and arrays, strictly', () => {
    assert.strictEqual(classify(utf8('{"a":1}')), 'json');
    assert.strictEqual(classify(utf8(' \n[1, 2]\n')), 'json');
    for (const notJson of [
      '{"a":1,}',
      '{a:1}',
      '[01]',
      '{"a":1} trailing',
      '{"a":1} // comment',
      "{'a':1}",
      '[1.]',
      '[.5]',
      '[NaN]',
      '{"a":"tab\there"}',
      '{"a":"\\x"}',
      '{"a"',
    ]) {
      assert.strictEqual(isJsonDocument(notJson), false, notJson);
      assert.strictEqual(classify(utf8(notJson)), 'text', notJson);
    }
  });

  it('shows JSON scalars as the text they are', () => {
    assert.strictEqual(classify(utf8('42')), 'text');
    assert.strictEqual(classify(utf8('"quoted"')), 'text');
    assert.strictEqual(classify(utf8('true')), 'text');
  });

  it('treats invalid UTF-8 and control bytes as binary', () => {
    assert.strictEqual(classify(Buffer.from([0xc3, 0x28])), 'binary');
    assert.strictEqual(classify(Buffer.from([0xff, 0xfe, 0x00])), 'binary');
    assert.strictEqual(classify(Buffer.from('a\u0000b')), 'binary');
    assert.strictEqual(classify(utf8('tabs\tand\r\nlines are text')), 'text');
    assert.strictEqual(classify(utf8('émoji 🎉')), 'text');
  });

  it('survives absurdly deep nesting', () => {
    const deep = '['.repeat(200000) + ']'.repeat(200000);
    assert.doesNotThrow(() => classify(utf8(deep)));
  });
});

describe('decode: lossless pretty JSON', () => {
  it('writes only as much as is shown, and keeps deep nesting within 64 levels of indentation', () => {
    const big = JSON.stringify(Array.from({ length: 100_000 }, (_, i) => ({ i })));
    const detail = decodeValue(Buffer.from(big), 1000);
    assert.ok(detail.kind === 'json' && detail.truncated && detail.text.length === 1000);
    assert.strictEqual(detail.kind === 'json' && detail.text, prettyJson(big).slice(0, 1000));

    const deep = '['.repeat(200) + '1' + ']'.repeat(200);
    const pretty = prettyJson(deep);
    assert.strictEqual(pretty.replace(/\s/g, ''), deep, 'every token, in order');
    const widest = Math.max(...pretty.split('\n').map((line) => line.length - line.trimStart().length));
    assert.strictEqual(widest, 64 * 2);
  });

  it('keeps big integers and decimals exactly as sent', () => {
    const sent = '{"id":12345678901234567890,"price":1.10,"tiny":-0.0e+10,"exp":1E400}';
    assert.strictEqual(
      prettyJson(sent),
      '{\n  "id": 12345678901234567890,\n  "price": 1.10,\n  "tiny": -0.0e+10,\n  "exp": 1E400\n}',
    );
  });

  it('keeps key order, duplicate keys and string escapes', () => {
    const sent = '{"b":1,"2":2,"b":3,"s":"\\u00e9\\n\\"q\\"","u":"é"}';
    assert.strictEqual(prettyJson(sent), '{\n  "b": 1,\n  "2": 2,\n  "b": 3,\n  "s": "\\u00e9\\n\\"q\\"",\n  "u": "é"\n}');
  });

  it('indents nested containers and keeps empty ones on one line', () => {
    const sent = '{"a":[],"b":{},"c":[1,{"d":null,"e":[true,false]}]}';
    assert.strictEqual(
      prettyJson(sent),
      [
        '{',
        '  "a": [],',
        '  "b": {},',
        '  "c": [',
        '    1,',
        '    {',
        '      "d": null,',
        '      "e": [',
        '        true,',
        '        false',
        '      ]',
        '    }',
        '  ]',
        '}',
      ].join('\n'),
    );
  });

  it('compacts to one line without touching tokens', () => {
    const sent = '{\n  "id" : 12345678901234567890 ,\n  "text": "two  spaces\\n" ,"a":[ 1.10 ]\n}';
    assert.strictEqual(compactJson(sent), '{"id":12345678901234567890,"text":"two  spaces\\n","a":[1.10]}');
  });

  it('decodes a JSON value for the detail view, pretty and exact', () => {
    const decoded = decodeValue(utf8('{"n":12345678901234567890}'), 1000);
    assert.deepStrictEqual(decoded, {
      kind: 'json',
      size: 26,
      text: '{\n  "n": 12345678901234567890\n}',
      truncated: false,
    });
  });

  it('cuts long values at the limit and says so', () => {
    const big = utf8(JSON.stringify({ data: 'x'.repeat(5000) }));
    const decoded = decodeValue(big, 100);
    assert.strictEqual(decoded.kind, 'json');
    if (decoded.kind !== 'json') return;
    assert.strictEqual(decoded.truncated, true);
    assert.strictEqual(decoded.text.length, 100);
    assert.strictEqual(decoded.size, big.length);
    assert.strictEqual(fullValueText(big).text, prettyJson(big.toString()));
    assert.strictEqual(fullValueText(big).language, 'json');
  });
});

describe('decode: binary', () => {
  it('shows a hex dump and base64 with the size', () => {
    const bytes = Buffer.from([0x00, 0xff, 0x41, 0x42, 0x80]);
    assert.deepStrictEqual(decodeValue(bytes, 1000), {
      kind: 'binary',
      size: 5,
      hex: '00000000  00 ff 41 42 80                                   |..AB.|',
      base64: 'AP9BQoA=',
      truncated: false,
    });
  });

  it('writes sixteen bytes a line with offsets', () => {
    const dump = hexDump(Buffer.from(Array.from({ length: 20 }, (_, i) => i + 0x40)));
    assert.deepStrictEqual(dump.split('\n'), [
      '00000000  40 41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f  |@ABCDEFGHIJKLMNO|',
      '00000010  50 51 52 53                                      |PQRS|',
    ]);
  });

  it('truncates big binary values', () => {
    const decoded = decodeValue(Buffer.alloc(10000, 0xff), 400);
    assert.ok(decoded.kind === 'binary' && decoded.truncated && decoded.size === 10000);
    assert.strictEqual(Buffer.from(decoded.base64, 'base64').length, 100);
  });
});

describe('decode: list previews', () => {
  it('collapses whitespace into one line', () => {
    assert.deepStrictEqual(previewValue(utf8('{\n  "a": 1,\n\t"b": 2\n}'), 100), {
      kind: 'json',
      text: '{ "a": 1, "b": 2 }',
      size: 21,
    });
  });

  it('cuts long text with an ellipsis and keeps the full size', () => {
    const preview = previewValue(utf8('a'.repeat(5000)), 10);
    assert.deepStrictEqual(preview, { kind: 'text', text: 'aaaaaaaaaa…', size: 5000 });
  });

  it('does not call text binary when a multi-byte character straddles the cut', () => {
    const preview = previewValue(utf8('é'.repeat(100)), 10);
    assert.strictEqual(preview.kind, 'text');
    assert.strictEqual(preview.text, `${'é'.repeat(10)}…`);
  });

  it('shows tombstones and binary', () => {
    assert.deepStrictEqual(previewValue(null, 10), { kind: 'null', text: '', size: 0 });
    assert.deepStrictEqual(previewValue(Buffer.from([1, 2, 255]), 30), { kind: 'binary', text: '01 02 ff', size: 3 });
  });
});

describe('decode: JSON field filter', () => {
  const parse = (source: string): JsonFieldFilter => {
    const filter = parseJsonFieldFilter(source);
    assert.ok(!('error' in filter), source);
    return filter as JsonFieldFilter;
  };
  const order = '{"customer":{"id":12345678901234567890,"name":"Ada"},"price":1.10,"items":[{"sku":"A-1"}],"gift":false,"note":null}';

  it('matches strings, bare or quoted, through nested paths', () => {
    assert.ok(matchesJsonField(order, parse('customer.name = Ada')));
    assert.ok(matchesJsonField(order, parse('customer.name = "Ada"')));
    assert.ok(matchesJsonField(order, parse('items[0].sku = A-1')));
    assert.ok(matchesJsonField(order, parse('["customer"]["name"]="Ada"')));
    assert.ok(!matchesJsonField(order, parse('customer.name = ada')));
    assert.ok(!matchesJsonField(order, parse('items[1].sku = A-1')));
  });

  it('compares numbers by exact decimal value, never through a JS number', () => {
    assert.ok(matchesJsonField(order, parse('customer.id = 12345678901234567890')));
    assert.ok(!matchesJsonField(order, parse('customer.id = 12345678901234567891')));
    assert.ok(matchesJsonField(order, parse('price = 1.1')));
    assert.ok(matchesJsonField(order, parse('price = 1.10')));
    assert.ok(matchesJsonField(order, parse('price = 110e-2')));
    assert.ok(!matchesJsonField(order, parse('price = 1.100001')));
  });

  it('matches booleans and null literally', () => {
    assert.ok(matchesJsonField(order, parse('gift = false')));
    assert.ok(matchesJsonField(order, parse('note = null')));
    assert.ok(!matchesJsonField(order, parse('gift = "false"')));
  });

  it('never matches text that is not JSON', () => {
    assert.ok(!matchesJsonField('customer.name = Ada', parse('customer.name = Ada')));
    assert.ok(!matchesJsonField('{"customer":{"name":"Ada"},}', parse('customer.name = Ada')));
  });

  it('explains a test it cannot read', () => {
    assert.ok('error' in parseJsonFieldFilter('customer.name'));
    assert.ok('error' in parseJsonFieldFilter(' = 1'));
    assert.ok('error' in parseJsonFieldFilter('a..b = 1'));
  });
});
