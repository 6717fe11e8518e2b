import { isUtf8 } from 'buffer';
import { visit } from 'jsonc-parser';
import { hexBytes, hexDump } from './hexDump';
import { firstSignificantChar, prettyJson, strictJson } from './jsonText';
import type { DecodedValue, PreviewValue, ValueKind } from './valueTypes';

/**
 * Turns message bytes (keys, values, header values) into something a person can read:
 * JSON documents pretty-printed token by token (numbers and strings keep their exact text),
 * other UTF-8 as text, anything else as hex. Nothing here goes through JSON.parse or a JS number.
 */

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
