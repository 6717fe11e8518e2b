import { isUtf8 } from 'buffer';
import { createScanner, parseTree, findNodeAtLocation, visit, SyntaxKind, type JSONPath, type Node, type ParseError } from 'jsonc-parser';
import type { DecodedValue, PreviewValue, ValueKind } from '../../protocol';

/**
 * Turns message bytes (keys, values, header values) into something a person can read:
 * JSON documents pretty-printed token by token (numbers and strings keep their exact text),
 * other UTF-8 as text, anything else as hex. Nothing here goes through JSON.parse or a JS number.
 */

const strictJson = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** Whether `bytes` is text: valid UTF-8 without control characters other than tab, CR and LF. */
export function isText(bytes: Uint8Array): boolean {
  if (!isUtf8(bytes)) {
    return false;
  }
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) {
      return false;
    }
  }
  return true;
}

/** Whether `text` is one strict JSON object or array (no comments, no trailing commas, nothing after it). */
export function isJsonDocument(text: string): boolean {
  const first = firstSignificantChar(text);
  if (first !== '{' && first !== '[') {
    return false;
  }
  let valid = true;
  try {
    visit(text, { onError: () => (valid = false) }, strictJson);
  } catch {
    // The visitor recurses; absurdly deep nesting overflows the stack and is shown as text.
    return false;
  }
  return valid;
}

export function classify(bytes: Buffer | null): ValueKind {
  if (bytes === null) {
    return 'null';
  }
  if (!isText(bytes)) {
    return 'binary';
  }
  return isJsonDocument(bytes.toString('utf8')) ? 'json' : 'text';
}

/**
 * Decodes bytes for the detail view. Text longer than `limit` characters (and binary longer than
 * `limit / 4` bytes, whose hex dump is about four characters a byte) is cut and marked truncated.
 */
export function decodeValue(bytes: Buffer | null, limit: number): DecodedValue {
  if (bytes === null) {
    return { kind: 'null' };
  }
  const size = bytes.length;
  if (!isText(bytes)) {
    const shownBytes = Math.max(16, Math.floor(limit / 4));
    const part = bytes.subarray(0, shownBytes);
    return {
      kind: 'binary',
      size,
      hex: hexDump(part),
      base64: part.toString('base64'),
      truncated: part.length < size,
    };
  }
  const text = bytes.toString('utf8');
  const isJson = isJsonDocument(text);
  // Only as much pretty JSON as is shown (and one character more, to know it was cut).
  const shown = isJson ? prettyJson(text, '  ', limit + 1) : text;
  return {
    kind: isJson ? 'json' : 'text',
    size,
    text: shown.length > limit ? shown.slice(0, limit) : shown,
    truncated: shown.length > limit,
  };
}

/** The full value as an editor document shows it: formatted JSON, text, or a hex dump. */
export function fullValueText(bytes: Buffer | null): { text: string; language: 'json' | 'plaintext' } {
  const kind = classify(bytes);
  switch (kind) {
    case 'null':
      return { text: '', language: 'plaintext' };
    case 'binary':
      return { text: hexDump(bytes!), language: 'plaintext' };
    case 'json':
      return { text: prettyJson(bytes!.toString('utf8')), language: 'json' };
    case 'text':
      return { text: bytes!.toString('utf8'), language: 'plaintext' };
  }
}

/**
 * A one-line preview for the message list: at most `maxChars` characters, whitespace runs
 * collapsed. Cheap on purpose (no JSON validation): it runs for every row that scrolls into view.
 */
export function previewValue(bytes: Buffer | null, maxChars: number): PreviewValue {
  if (bytes === null) {
    return { kind: 'null', text: '', size: 0 };
  }
  const size = bytes.length;
  // Whitespace runs collapse, so read generously; a cut may split a UTF-8 sequence.
  const readBytes = maxChars * 8;
  const head = size > readBytes ? trimIncompleteUtf8(bytes.subarray(0, readBytes)) : bytes;
  if (!isText(head)) {
    const shown = bytes.subarray(0, Math.max(1, Math.floor(maxChars / 3)));
    return { kind: 'binary', text: hexBytes(shown) + (shown.length < size ? ' …' : ''), size };
  }
  const text = head.toString('utf8').replace(/\s+/g, ' ').trim();
  const cut = text.length > maxChars || head.length < size;
  const first = firstSignificantChar(text);
  return {
    kind: first === '{' || first === '[' ? 'json' : 'text',
    text: cut ? `${text.slice(0, maxChars)}…` : text,
    size,
  };
}

/** Pretty-prints a valid JSON document with two-space indents, copying every token's text exactly. */
export function prettyJson(text: string, indent = '  ', maxChars = Number.POSITIVE_INFINITY): string {
  return rewriteJson(text, indent, maxChars);
}

/** The same JSON on one line without insignificant whitespace, every token's text exact. */
export function compactJson(text: string): string {
  return rewriteJson(text, undefined, Number.POSITIVE_INFINITY);
}

/** Deeper levels keep this indentation: JSON nested 10,000 levels would otherwise take 200 MB of spaces. */
const maxIndentDepth = 64;

/** Rewrites `text` token by token; stops once more than `maxChars` characters are written. */
function rewriteJson(text: string, indent: string | undefined, maxChars: number): string {
  const scanner = createScanner(text, true);
  const out: string[] = [];
  let written = 0;
  const push = (part: string) => {
    out.push(part);
    written += part.length;
  };
  let depth = 0;
  let previous: SyntaxKind | undefined;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF && written <= maxChars; token = scanner.scan()) {
    const isClose = token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken;
    const afterOpen = previous === SyntaxKind.OpenBraceToken || previous === SyntaxKind.OpenBracketToken;
    if (isClose) {
      depth--;
    }
    if (indent !== undefined) {
      const newline = () => push('\n' + indent.repeat(Math.min(depth, maxIndentDepth)));
      if (isClose) {
        if (!afterOpen) {
          newline();
        }
      } else if (afterOpen || previous === SyntaxKind.CommaToken) {
        newline();
      } else if (previous === SyntaxKind.ColonToken) {
        push(' ');
      }
    }
    push(text.substr(scanner.getTokenOffset(), scanner.getTokenLength()));
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      depth++;
    }
    previous = token;
  }
  return out.join('');
}

/** Classic hex dump: offset, sixteen bytes in hex, and their printable ASCII. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let start = 0; start < bytes.length; start += 16) {
    const row = bytes.subarray(start, start + 16);
    const hex = hexBytes(row).padEnd(16 * 3 - 1, ' ');
    let ascii = '';
    for (const b of row) {
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    lines.push(`${start.toString(16).padStart(8, '0')}  ${hex}  |${ascii}|`);
  }
  return lines.join('\n');
}

function hexBytes(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').replace(/(..)(?!$)/g, '$1 ');
}

/** Drops a multi-byte UTF-8 sequence cut off at the end of a slice. */
function trimIncompleteUtf8(bytes: Buffer): Buffer {
  let end = bytes.length;
  let back = 0;
  while (end > 0 && back < 4 && (bytes[end - 1] & 0xc0) === 0x80) {
    end--;
    back++;
  }
  if (end > 0 && bytes[end - 1] >= 0xc0) {
    end--;
  }
  return bytes.subarray(0, end);
}

function firstSignificantChar(text: string): string | undefined {
  return /\S/.exec(text)?.[0];
}

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
