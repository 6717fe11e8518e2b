import { findNodeAtLocation, parseTree, type JSONPath, type Node, type ParseError } from 'jsonc-parser';
import { firstSignificantChar, strictJson } from './jsonText';

/**
 * A JSON field test such as `order.items[0].sku = "A-1"` or `price = 1.10`: the path names an
 * object member (dots) or array element (brackets); the value is a JSON literal or bare text.
 */
export interface JsonFieldFilter {
  path: JSONPath;
  expected: ExpectedValue;
}

type ExpectedValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: NormalizedNumber }
  | { kind: 'literal'; value: 'true' | 'false' | 'null' };

/** Parses `path = value`; returns an explanation when it is not one. */
export function parseJsonFieldFilter(source: string): JsonFieldFilter | { error: string } {
  const equals = source.indexOf('=');
  if (equals < 0) {
    return { error: 'Write a JSON field test as path = value, for example customer.id = 42.' };
  }
  const path = parseJsonPath(source.slice(0, equals).trim());
  if ('error' in path) {
    return path;
  }
  const valueText = source.slice(equals + 1).trim();
  return { path: path.path, expected: parseExpected(valueText) };
}

function parseJsonPath(text: string): { path: JSONPath } | { error: string } {
  if (text.length === 0) {
    return { error: 'The JSON field path is empty: name a field before "=", for example customer.id = 42.' };
  }
  const path: JSONPath = [];
  const pattern = /\.?([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/y;
  let index = 0;
  while (index < text.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (!match || (index > 0 && match[1] !== undefined && text[index] !== '.')) {
      return { error: `Cannot read the JSON field path "${text}" at character ${index + 1}.` };
    }
    if (match[1] !== undefined) {
      path.push(match[1].trim());
    } else if (match[2] !== undefined) {
      path.push(Number(match[2]));
    } else {
      path.push(JSON.parse(`"${match[3]}"`) as string);
    }
    index = pattern.lastIndex;
  }
  return { path };
}

function parseExpected(text: string): ExpectedValue {
  if (text === 'true' || text === 'false' || text === 'null') {
    return { kind: 'literal', value: text };
  }
  const number = normalizeNumber(text);
  if (number) {
    return { kind: 'number', value: number };
  }
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    try {
      return { kind: 'string', value: JSON.parse(text) as string };
    } catch {
      // Not a valid JSON string literal: compare the text as typed.
    }
  }
  return { kind: 'string', value: text };
}

/** Whether the JSON document `text` has the field with the expected value (numbers compared by exact decimal value). */
export function matchesJsonField(text: string, filter: JsonFieldFilter): boolean {
  const first = firstSignificantChar(text);
  if (first !== '{' && first !== '[') {
    return false;
  }
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, strictJson);
  } catch {
    return false;
  }
  const node = root && errors.length === 0 ? findNodeAtLocation(root, filter.path) : undefined;
  if (!node) {
    return false;
  }
  const { expected } = filter;
  switch (node.type) {
    case 'string':
      return expected.kind === 'string' && node.value === expected.value;
    case 'number': {
      const actual = normalizeNumber(text.substr(node.offset, node.length));
      if (expected.kind === 'number') {
        return actual !== undefined && sameNumber(actual, expected.value);
      }
      return expected.kind === 'string' && text.substr(node.offset, node.length) === expected.value;
    }
    case 'boolean':
    case 'null':
      return expected.kind === 'literal' && text.substr(node.offset, node.length) === expected.value;
    default:
      return false;
  }
}

/** A JSON number as sign, significant digits and exponent, so 1.10, 1.1 and 11e-1 compare equal. */
interface NormalizedNumber {
  negative: boolean;
  digits: string;
  exponent: bigint;
}

function normalizeNumber(text: string): NormalizedNumber | undefined {
  const match = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) {
    return undefined;
  }
  const fraction = match[3] ?? '';
  let digits = (match[2] + fraction).replace(/^0+/, '');
  let exponent = BigInt(match[4] ?? '0') - BigInt(fraction.length);
  const trailing = /0*$/.exec(digits)![0].length;
  digits = digits.slice(0, digits.length - trailing);
  exponent += BigInt(trailing);
  if (digits === '') {
    return { negative: false, digits: '0', exponent: 0n };
  }
  return { negative: match[1] === '-', digits, exponent };
}

function sameNumber(a: NormalizedNumber, b: NormalizedNumber): boolean {
  return a.negative === b.negative && a.digits === b.digits && a.exponent === b.exponent;
}
