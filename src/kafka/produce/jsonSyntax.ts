/**
 * Checks that `text[start, end)` is exactly one JSON value (RFC 8259, surrounding whitespace
 * allowed) without building it. JSON.parse would accept the same texts, but it allocates every
 * object and string it reads: for 100,000 JSON Lines that garbage costs more than the check.
 * Returns the offset of the first character that is wrong (or `end` when the text stops
 * early), or -1 when the text is valid. Where and why are then told by jsonc-parser.
 */
export function firstJsonSyntaxError(text: string, start = 0, end = text.length): number {
  // Open containers, innermost last: 1 object, 2 array.
  const stack: number[] = [];
  let i = skipWhitespace(text, start, end);
  for (;;) {
    // A value is expected at i.
    if (i >= end) {
      return end;
    }
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) {
      i = skipWhitespace(text, i + 1, end);
      if (i < end && text.charCodeAt(i) === 0x7d /* } */) {
        i++;
      } else {
        stack.push(1);
        i = member(text, i, end);
        if (i < 0) {
          return ~i;
        }
        continue;
      }
    } else if (c === 0x5b /* [ */) {
      i = skipWhitespace(text, i + 1, end);
      if (i < end && text.charCodeAt(i) === 0x5d /* ] */) {
        i++;
      } else {
        stack.push(2);
        continue;
      }
    } else if (c === 0x22 /* " */) {
      i = string(text, i, end);
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      i = number(text, i, end);
    } else if (c === 0x74 /* t */) {
      i = literal(text, i, end, 'true');
    } else if (c === 0x66 /* f */) {
      i = literal(text, i, end, 'false');
    } else if (c === 0x6e /* n */) {
      i = literal(text, i, end, 'null');
    } else {
      return i;
    }
    if (i < 0) {
      return ~i;
    }
    // After a value: close containers or go on to the next element.
    for (;;) {
      i = skipWhitespace(text, i, end);
      const open = stack.length === 0 ? 0 : stack[stack.length - 1];
      if (open === 0) {
        return i === end ? -1 : i;
      }
      if (i >= end) {
        return end;
      }
      const next = text.charCodeAt(i);
      if (next === 0x2c /* , */) {
        i = skipWhitespace(text, i + 1, end);
        if (open === 1) {
          i = member(text, i, end);
          if (i < 0) {
            return ~i;
          }
        }
        break;
      }
      if ((open === 1 && next === 0x7d) || (open === 2 && next === 0x5d)) {
        stack.pop();
        i++;
        continue;
      }
      return i;
    }
  }
}

/** Reads `"name" :` at i; returns the index of the value, or ~errorIndex. */
function member(text: string, i: number, end: number): number {
  if (i >= end || text.charCodeAt(i) !== 0x22) {
    return ~Math.min(i, end);
  }
  i = string(text, i, end);
  if (i < 0) {
    return i;
  }
  i = skipWhitespace(text, i, end);
  if (i >= end || text.charCodeAt(i) !== 0x3a /* : */) {
    return ~Math.min(i, end);
  }
  return skipWhitespace(text, i + 1, end);
}

/** A string starting at its quote; returns the index after the closing quote, or ~errorIndex. */
function string(text: string, i: number, end: number): number {
  i++;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      return i + 1;
    }
    if (c < 0x20) {
      return ~i;
    }
    if (c === 0x5c /* \ */) {
      if (i + 1 >= end) {
        return ~end;
      }
      const e = text.charCodeAt(i + 1);
      if (e === 0x75 /* u */) {
        for (let k = i + 2; k < i + 6; k++) {
          if (k >= end || !isHex(text.charCodeAt(k))) {
            return ~Math.min(k, end);
          }
        }
        i += 6;
        continue;
      }
      // " \ / b f n r t
      if (e !== 0x22 && e !== 0x5c && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) {
        return ~(i + 1);
      }
      i += 2;
      continue;
    }
    i++;
  }
  return ~end;
}

/** -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
function number(text: string, i: number, end: number): number {
  if (text.charCodeAt(i) === 0x2d) {
    i++;
  }
  if (i >= end) {
    return ~end;
  }
  const first = text.charCodeAt(i);
  if (first === 0x30) {
    i++;
  } else if (first >= 0x31 && first <= 0x39) {
    i = digits(text, i + 1, end);
  } else {
    return ~i;
  }
  if (i < end && text.charCodeAt(i) === 0x2e /* . */) {
    const after = digits(text, i + 1, end);
    if (after === i + 1) {
      return ~Math.min(after, end);
    }
    i = after;
  }
  if (i < end && (text.charCodeAt(i) | 0x20) === 0x65 /* e E */) {
    i++;
    if (i < end && (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === 0x2d)) {
      i++;
    }
    const after = digits(text, i, end);
    if (after === i) {
      return ~Math.min(i, end);
    }
    i = after;
  }
  return i;
}

function digits(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) {
      break;
    }
    i++;
  }
  return i;
}

function literal(text: string, i: number, end: number, word: string): number {
  for (let k = 0; k < word.length; k++) {
    if (i + k >= end || text.charCodeAt(i + k) !== word.charCodeAt(k)) {
      return ~Math.min(i + k, end);
    }
  }
  return i + word.length;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

function skipWhitespace(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
      break;
    }
    i++;
  }
  return i;
}
