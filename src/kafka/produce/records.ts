import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { firstJsonSyntaxError } from './jsonSyntax';

/**
 * How the input text becomes records:
 * - `json`: one JSON value, any layout, one record;
 * - `jsonl`: one JSON value per non-blank line, one record each;
 * - `text`: the whole text, one record;
 * - `text-lines`: one record per non-blank line;
 * - `envelope`: JSON Lines (or one object, or an array) of {@link EnvelopeFields} objects.
 */
export type InputFormat = 'json' | 'jsonl' | 'text' | 'text-lines' | 'envelope';

export type KeySource = { kind: 'none' } | { kind: 'fixed'; key: string } | { kind: 'field'; path: string };

/**
 * The envelope format, also what the message panel exports. A string `key` or `value`
 * is sent as the string's text; any other JSON is sent as written; `null` means none.
 * `topic` and `offset` are accepted and ignored, so exported messages produce again as they are.
 */
export interface EnvelopeFields {
  key?: unknown;
  value: unknown;
  headers?: Record<string, string>;
  partition?: number;
  /** Milliseconds since the epoch (a number or a string of digits), or an ISO 8601 date. */
  timestamp?: number | string;
  topic?: string;
  offset?: string | number;
}

const envelopeFields = new Set(['key', 'value', 'headers', 'partition', 'timestamp']);
const ignoredEnvelopeFields = new Set(['topic', 'offset']);

/** One record to produce; `value` is the exact text the user wrote (or the text of a JSON string). */
export interface InputRecord {
  /** 1-based line in the document where the record starts. */
  line: number;
  key: string | null;
  value: string | null;
  headers?: Record<string, string>;
  partition?: number;
  /** Milliseconds since the epoch, as a string of digits. */
  timestamp?: string;
}

/** Something wrong with the input; positions are 1-based, in the document. */
export interface InputProblem {
  line: number;
  column: number;
  /** Characters to mark from `column`, at least 1. */
  length: number;
  message: string;
}

export interface ParseOptions {
  format: InputFormat;
  key?: KeySource;
  /** Added to every record; envelope headers of the same name win. */
  headers?: Record<string, string>;
  /** Where the text starts in its document (0-based), so problems and records carry document positions. */
  origin?: { line: number; character: number };
  /** Stop collecting problems after this many (the count goes on). Default 1000. */
  maxProblems?: number;
}

export interface ParseResult {
  records: InputRecord[];
  problems: InputProblem[];
  /** All problems found, including those beyond `maxProblems`. */
  problemCount: number;
}

export interface FormatHint {
  fileName?: string;
  languageId?: string;
}

/** Guesses the format from the file name, the language and the first lines; cheap on big inputs. */
export function detectFormat(text: string, hint: FormatHint = {}): InputFormat {
  const name = hint.fileName?.toLowerCase() ?? '';
  const language = hint.languageId?.toLowerCase();
  const lines = firstNonBlankLines(text, 100);
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson') || language === 'jsonl' || language === 'ndjson') {
    return lines.length > 0 && lines.every((line) => isEnvelopeShaped(tryParse(line))) ? 'envelope' : 'jsonl';
  }
  if (lines.length === 0) {
    return 'text';
  }
  const looksJson = /^[[{]/.test(lines[0]) || language === 'json' || name.endsWith('.json');
  if (!looksJson) {
    return 'text';
  }
  const first = tryParse(lines[0]);
  if (first !== undefined && lines.length > 1) {
    return lines.every((line) => isEnvelopeShaped(tryParse(line))) ? 'envelope' : 'jsonl';
  }
  const whole = tryParse(text);
  if (isEnvelopeShaped(whole) || (Array.isArray(whole) && whole.length > 0 && whole.every(isEnvelopeShaped))) {
    return 'envelope';
  }
  return 'json';
}

/** Parses everything at once; see {@link parseRecordsAsync} for big inputs on a UI thread. */
export function parseRecords(text: string, options: ParseOptions): ParseResult {
  const parser = new RecordParser(text, options);
  while (!parser.step(Number.POSITIVE_INFINITY)) {
    // runs to the end in one step
  }
  return parser.result();
}

/** Parses in slices of about `sliceMs`, yielding to the event loop between them. */
export async function parseRecordsAsync(
  text: string,
  options: ParseOptions,
  control: { signal?: AbortSignal; sliceMs?: number } = {},
): Promise<ParseResult> {
  const parser = new RecordParser(text, options);
  const sliceMs = control.sliceMs ?? 8;
  while (!parser.step(performance.now() + sliceMs)) {
    await new Promise((resolve) => setImmediate(resolve));
    control.signal?.throwIfAborted();
  }
  return parser.result();
}

/** Parses `k=v, k2=v2` into headers; a value may contain `=` but not `,`. */
export function parseHeaderList(input: string): { headers: Record<string, string> } | { error: string } {
  const headers: Record<string, string> = {};
  for (const part of input.split(',')) {
    if (part.trim() === '') {
      continue;
    }
    const equals = part.indexOf('=');
    const name = (equals < 0 ? part : part.slice(0, equals)).trim();
    if (equals < 0 || name === '') {
      return { error: `"${part.trim()}" is not a header: write name=value, separated by commas.` };
    }
    headers[name] = part.slice(equals + 1).trim();
  }
  return { headers };
}

/** Parses a dotted field path (`order.id`, `items.0.sku`) into path segments. */
export function parseFieldPath(path: string): (string | number)[] | { error: string } {
  const trimmed = path.trim();
  if (trimmed === '' || trimmed.split('.').some((segment) => segment === '')) {
    return { error: 'Enter a field name or a dotted path such as order.id.' };
  }
  return trimmed.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** "lines 3, 7–9 and 12" from [3, 7, 8, 9, 12]; long lists end with "and N more". */
export function describeLines(lines: readonly number[], maxRanges = 10): string {
  const sorted = [...lines].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) {
      j++;
    }
    ranges.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  const noun = sorted.length === 1 ? 'line' : 'lines';
  if (ranges.length > maxRanges) {
    const shown = ranges.slice(0, maxRanges);
    return `${noun} ${shown.join(', ')} and ${ranges.length - maxRanges} more ranges`;
  }
  if (ranges.length <= 1) {
    return `${noun} ${ranges.join('')}`;
  }
  return `${noun} ${ranges.slice(0, -1).join(', ')} and ${ranges[ranges.length - 1]}`;
}

const parseErrorMessages: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace } expected',
  CloseBracketExpected: 'Closing bracket ] expected',
  EndOfFileExpected: 'Unexpected text after the JSON value',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Comments are not allowed in JSON',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Incomplete number',
  InvalidUnicode: 'Invalid Unicode escape',
  InvalidEscapeCharacter: 'Invalid escape character',
  InvalidCharacter: 'Invalid character in string',
};

const strictJson = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

/** A piece of the input: its text and where it starts in the input. */
interface Span {
  text: string;
  offset: number;
  /** 0-based line in the input. */
  line: number;
}

class RecordParser {
  private readonly records: InputRecord[] = [];
  private readonly problems: InputProblem[] = [];
  private problemCount = 0;
  private readonly keyPath: (string | number)[] | undefined;
  private readonly maxProblems: number;
  private readonly originLine: number;
  private readonly originCharacter: number;
  /** Scan state for line-based formats. */
  private position = 0;
  private line = 0;
  private done = false;
  private lineStarts: number[] | undefined;

  constructor(
    private readonly text: string,
    private readonly options: ParseOptions,
  ) {
    this.maxProblems = options.maxProblems ?? 1000;
    this.originLine = options.origin?.line ?? 0;
    this.originCharacter = options.origin?.character ?? 0;
    const key = options.key;
    if (key?.kind === 'field') {
      const path = parseFieldPath(key.path);
      if ('error' in path) {
        throw new Error(path.error);
      }
      if (options.format === 'text' || options.format === 'text-lines') {
        throw new Error('A key from a field needs JSON input, not plain text.');
      }
      this.keyPath = path;
    }
  }

  result(): ParseResult {
    return { records: this.records, problems: this.problems, problemCount: this.problemCount };
  }

  /** Works until done (returns true) or until `deadline` (a `performance.now()` time) has passed. */
  step(deadline: number): boolean {
    if (this.done) {
      return true;
    }
    switch (this.options.format) {
      case 'text':
        this.parseWholeText();
        this.done = true;
        break;
      case 'json':
        this.parseWholeJson();
        this.done = true;
        break;
      case 'envelope':
        if (this.startsWithArrayOrMultiLineObject()) {
          this.parseWholeJson();
          this.done = true;
          break;
        }
        this.done = this.eachLine(deadline, (span) => this.parseJsonLine(span));
        break;
      case 'jsonl':
        this.done = this.keyPath
          ? this.eachLine(deadline, (span) => this.parseJsonLine(span))
          : this.fastJsonLines(deadline);
        break;
      case 'text-lines':
        this.done = this.eachLine(deadline, (span) =>
          this.addRecord(span.line, this.fixedKey(), span.offset === 0 ? span.text.slice(bomLength(span.text)) : span.text),
        );
        break;
    }
    if (this.done && this.records.length === 0 && this.problemCount === 0) {
      this.report(0, 0, 1, 'Nothing to send: the text is empty.');
    }
    return this.done;
  }

  private parseWholeText(): void {
    const text = this.text.slice(bomLength(this.text));
    if (text.length > 0) {
      this.addRecord(0, this.fixedKey(), text);
    }
  }

  private parseWholeJson(): void {
    if (this.text.trim() === '') {
      return;
    }
    const errors: ParseError[] = [];
    const root = parseTreeSafely(this.text, errors);
    if (root === tooDeep) {
      this.parseDeepJson();
      return;
    }
    if (errors.length > 0 || !root) {
      // Later errors of a broken value mostly follow from the first one.
      const first = errors[0];
      if (first) {
        this.reportAt(first.offset, first.length, describeParseError(first));
      } else {
        this.reportAt(leadingWhitespace(this.text), 1, 'Value expected.');
      }
      return;
    }
    const nativeError = nativeParseError(sliceNode(this.text, root));
    if (nativeError !== undefined) {
      this.reportAt(root.offset, root.length, nativeError);
      return;
    }
    const whole: Span = { text: this.text, offset: 0, line: 0 };
    if (this.options.format === 'envelope') {
      const envelopes = root.type === 'array' ? (root.children ?? []) : [root];
      for (const node of envelopes) {
        this.parseEnvelope(whole, node);
      }
      return;
    }
    const value = sliceNode(this.text, root);
    this.addRecord(this.lineAt(root.offset), this.keyFromNode(whole, root), value);
  }

  /** One value nested deeper than the tree parser can follow: JSON.parse checks it, the text is sent as written. */
  private parseDeepJson(): void {
    const start = leadingWhitespace(this.text);
    const valueText = this.text.slice(start, this.text.length - trailingWhitespace(this.text));
    let parsed: unknown;
    try {
      parsed = JSON.parse(valueText);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.reportAt(start + (nativeErrorPosition(message) ?? 0), 1, message);
      return;
    }
    if (this.options.format === 'envelope') {
      this.reportAt(start, 1, `${tooDeepMessage} An envelope cannot be read from it.`);
      return;
    }
    const span: Span = { text: valueText, offset: start, line: this.lineAt(start) };
    this.addRecord(span.line, this.keyFromParsed(span, parsed), valueText);
  }

  /** An array of envelopes, or one pretty-printed envelope, rather than JSON Lines. */
  private startsWithArrayOrMultiLineObject(): boolean {
    const first = firstNonBlankLines(this.text, 1)[0];
    return first !== undefined && (first.startsWith('[') || first === '{');
  }

  /** JSON Lines without a key field, the common case: each line is checked in place and only its value is sliced. */
  private fastJsonLines(deadline: number): boolean {
    const text = this.text;
    const key = this.fixedKey();
    return this.eachLineRange(deadline, (lineStart, contentEnd) => {
      let start = lineStart;
      let stop = contentEnd;
      while (start < stop && isWhitespace(text.charCodeAt(start))) {
        start++;
      }
      while (stop > start && isWhitespace(text.charCodeAt(stop - 1))) {
        stop--;
      }
      if (start < stop) {
        if (firstJsonSyntaxError(text, start, stop) === -1) {
          this.addRecord(this.line, key, text.slice(start, stop));
        } else {
          this.parseJsonLine({ text: text.slice(lineStart, contentEnd), offset: lineStart, line: this.line });
        }
      }
    });
  }

  /** Calls `handle` for every non-blank line until the end (returns true) or the deadline. */
  private eachLine(deadline: number, handle: (span: Span) => void): boolean {
    return this.eachLineRange(deadline, (lineStart, contentEnd) => {
      const lineText = this.text.slice(lineStart, contentEnd);
      if (!isBlank(lineText)) {
        handle({ text: lineText, offset: lineStart, line: this.line });
      }
    });
  }

  /**
   * Calls `handle` with the start and end (before any CR) of every line from `position`, keeping
   * `position` and `line` current, until the end (returns true) or the deadline.
   */
  private eachLineRange(deadline: number, handle: (lineStart: number, contentEnd: number) => void): boolean {
    const text = this.text;
    let checks = 0;
    while (this.position <= text.length) {
      let end = text.indexOf('\n', this.position);
      if (end < 0) {
        end = text.length;
      }
      handle(this.position, end > this.position && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
      this.position = end + 1;
      this.line++;
      if (++checks === 256) {
        checks = 0;
        if (performance.now() > deadline) {
          return this.position > text.length;
        }
      }
    }
    return true;
  }

  private parseJsonLine(span: Span): void {
    const start = leadingWhitespace(span.text);
    const valueText = span.text.slice(start, span.text.length - trailingWhitespace(span.text));
    const error = firstJsonSyntaxError(valueText);
    if (error !== -1) {
      this.reportLineError(span, start + error);
      return;
    }
    if (this.options.format === 'envelope') {
      const node = parseTreeSafely(span.text, []);
      if (node === tooDeep) {
        this.reportAt(span.offset + start, 1, `${tooDeepMessage} An envelope cannot be read from it.`);
      } else if (node) {
        this.parseEnvelope(span, node);
      }
      return;
    }
    const value: Span = { text: valueText, offset: span.offset + start, line: span.line };
    this.addRecord(span.line, this.keyPath ? this.keyFromParsed(value, JSON.parse(valueText)) : this.fixedKey(), valueText);
  }

  /** Says where and why a line is not JSON, in jsonc-parser's words when it sees the problem too. */
  private reportLineError(span: Span, errorOffset: number): void {
    const errors: ParseError[] = [];
    const first = parseTreeSafely(span.text, errors) === tooDeep ? undefined : errors[0];
    if (first) {
      const message =
        printParseErrorCode(first.error) === 'EndOfFileExpected'
          ? 'Unexpected text after the JSON value: JSON Lines take one value per line'
          : describeParseError(first);
      this.reportAt(span.offset + first.offset, Math.max(first.length, 1), message);
      return;
    }
    const message = errorOffset >= span.text.length ? 'Unexpected end of the line.' : 'Invalid JSON here.';
    this.reportAt(span.offset + Math.min(errorOffset, Math.max(0, span.text.length - 1)), 1, message);
  }

  private parseEnvelope(span: Span, node: Node): void {
    const at = (target: Node, message: string) => this.reportAt(span.offset + target.offset, target.length, message);
    if (node.type !== 'object') {
      at(node, 'An envelope must be a JSON object with a "value" field.');
      return;
    }
    const fields = new Map<string, Node>();
    for (const property of node.children ?? []) {
      const [name, value] = property.children ?? [];
      if (!name || !value) {
        continue;
      }
      const field = String(name.value);
      if (envelopeFields.has(field)) {
        fields.set(field, value);
      } else if (!ignoredEnvelopeFields.has(field)) {
        at(name, `Unknown envelope field "${field}": use key, value, headers, partition and timestamp.`);
        return;
      }
    }
    const valueNode = fields.get('value');
    if (!valueNode) {
      at(node, 'The envelope has no "value" field (use null for a record without a value).');
      return;
    }
    const record: Omit<InputRecord, 'line' | 'key'> = { value: textOf(span.text, valueNode) };
    const headersNode = fields.get('headers');
    if (headersNode) {
      if (headersNode.type !== 'object') {
        at(headersNode, '"headers" must be an object of strings, e.g. {"source": "editor"}.');
        return;
      }
      const headers: Record<string, string> = {};
      for (const property of headersNode.children ?? []) {
        const [name, value] = property.children ?? [];
        if (value?.type !== 'string') {
          at(value ?? property, `Header "${String(name?.value)}" must be a string.`);
          return;
        }
        headers[String(name.value)] = value.value as string;
      }
      record.headers = headers;
    }
    const partitionNode = fields.get('partition');
    if (partitionNode && partitionNode.type !== 'null') {
      const partition = partitionNode.value;
      if (partitionNode.type !== 'number' || !Number.isSafeInteger(partition) || partition < 0) {
        at(partitionNode, '"partition" must be a partition number (0, 1, …).');
        return;
      }
      record.partition = partition as number;
    }
    const timestampNode = fields.get('timestamp');
    if (timestampNode && timestampNode.type !== 'null') {
      const timestamp = parseTimestamp(timestampNode, span.text);
      if (timestamp === undefined) {
        at(timestampNode, '"timestamp" must be milliseconds since the epoch or an ISO 8601 date.');
        return;
      }
      record.timestamp = timestamp;
    }
    const keyNode = fields.get('key');
    const valueSpan: Span = { text: span.text, offset: span.offset, line: span.line };
    const key = keyNode ? textOf(span.text, keyNode) : this.keyFromNode(valueSpan, valueNode);
    if (key === undefined) {
      return;
    }
    this.addRecord(this.lineAt(span.offset + node.offset), key, record.value, record);
  }

  /** The key of a JSON value that was already parsed natively; falls back to the tree for exact digits. */
  private keyFromParsed(span: Span, parsed: unknown): string | null | undefined {
    if (!this.keyPath) {
      return this.fixedKey();
    }
    let current: unknown = parsed;
    for (const segment of this.keyPath) {
      current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[segment] : undefined;
    }
    if (typeof current === 'string') {
      return current;
    }
    const node = parseTreeSafely(span.text, []);
    if (node === tooDeep) {
      this.reportAt(span.offset, 1, `${tooDeepMessage} Its key field "${this.keyPath.join('.')}" cannot be read exactly.`);
      return undefined;
    }
    return node ? this.keyFromNode(span, node) : undefined;
  }

  /** The key for a value given as a tree node: fixed, none, or the text of a field. */
  private keyFromNode(span: Span, valueNode: Node): string | null | undefined {
    if (!this.keyPath) {
      return this.fixedKey();
    }
    const field = findNodeAtLocation(valueNode, this.keyPath);
    if (!field) {
      this.reportAt(
        span.offset + valueNode.offset,
        1,
        `The key field "${this.keyPath.join('.')}" is missing from this value.`,
      );
      return undefined;
    }
    return textOf(span.text, field);
  }

  private fixedKey(): string | null {
    const key = this.options.key;
    return key?.kind === 'fixed' ? key.key : null;
  }

  private addRecord(
    inputLine: number,
    key: string | null | undefined,
    value: string | null,
    extra: Partial<InputRecord> = {},
  ): void {
    if (key === undefined) {
      return; // a problem was reported
    }
    const headers =
      this.options.headers || extra.headers ? { ...this.options.headers, ...extra.headers } : undefined;
    const record: InputRecord = { line: this.originLine + inputLine + 1, key, value };
    if (headers) {
      record.headers = headers;
    }
    if (extra.partition !== undefined) {
      record.partition = extra.partition;
    }
    if (extra.timestamp !== undefined) {
      record.timestamp = extra.timestamp;
    }
    this.records.push(record);
  }

  private reportAt(offset: number, length: number, message: string): void {
    const line = this.lineAt(offset);
    this.report(line, offset - this.lineStarts![line], length, message);
  }

  private report(inputLine: number, inputColumn: number, length: number, message: string): void {
    this.problemCount++;
    if (this.problems.length >= this.maxProblems) {
      return;
    }
    this.problems.push({
      line: this.originLine + inputLine + 1,
      column: (inputLine === 0 ? this.originCharacter : 0) + inputColumn + 1,
      length: Math.max(1, length),
      message,
    });
  }

  /** 0-based input line of an offset. */
  private lineAt(offset: number): number {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }
}

const tooDeep = Symbol('too deep');
const tooDeepMessage = 'This JSON is nested too deeply to read (thousands of levels).';

/** Deeper JSON is not given to jsonc-parser: far below where its recursion could overflow the stack. */
const maxTreeDepth = 2000;

/**
 * jsonc-parser builds its tree recursively, so nesting thousands of levels deep could overflow the
 * stack, or not, depending on how much of it is compiled yet; a depth check first makes the answer
 * the same every time: `tooDeep`. A byte-order mark at the start reads as a space.
 */
function parseTreeSafely(text: string, errors: ParseError[]): Node | undefined | typeof tooDeep {
  if (nestingDepth(text) > maxTreeDepth) {
    return tooDeep;
  }
  const source = bomLength(text) ? ` ${text.slice(1)}` : text;
  try {
    return parseTree(source, errors, strictJson);
  } catch (error) {
    if (error instanceof RangeError) {
      return tooDeep;
    }
    throw error;
  }
}

/** The deepest nesting of arrays and objects in `text`, brackets inside strings not counted. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) {
          i++;
        } else if (d === 0x22) {
          break;
        }
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      deepest = Math.max(deepest, ++depth);
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return deepest;
}

/** Where JSON.parse's message says the error is ("… in JSON at position 19999"). */
function nativeErrorPosition(message: string): number | undefined {
  const match = /at position (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

function bomLength(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

function describeParseError(error: ParseError): string {
  const name = printParseErrorCode(error.error);
  return `${parseErrorMessages[name] ?? name}.`;
}

/** JSON.parse's complaint about text that the tolerant tree parser accepted, if any. */
function nativeParseError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A string node's text; any other node exactly as written; null for JSON null. */
function textOf(text: string, node: Node): string | null {
  if (node.type === 'null') {
    return null;
  }
  return node.type === 'string' ? (node.value as string) : sliceNode(text, node);
}

function sliceNode(text: string, node: Node): string {
  return text.slice(node.offset, node.offset + node.length);
}

/** Kafka timestamps are 64-bit: kafkajs would silently wrap anything larger. */
const maxTimestamp = 2n ** 63n - 1n;

function epochMillis(digits: string): string | undefined {
  return /^\d+$/.test(digits) && BigInt(digits) <= maxTimestamp ? digits : undefined;
}

function parseTimestamp(node: Node, text: string): string | undefined {
  if (node.type === 'number') {
    return epochMillis(sliceNode(text, node));
  }
  if (node.type === 'string') {
    const value = node.value as string;
    if (/^\d+$/.test(value)) {
      return epochMillis(value);
    }
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
      const ms = Date.parse(value);
      return Number.isNaN(ms) || ms < 0 ? undefined : String(ms);
    }
  }
  return undefined;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isEnvelopeShaped(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !('value' in value)) {
    return false;
  }
  const keys = Object.keys(value);
  return (
    keys.length > 1 && keys.every((key) => envelopeFields.has(key) || ignoredEnvelopeFields.has(key))
  );
}

function firstNonBlankLines(text: string, max: number): string[] {
  const lines: string[] = [];
  let position = 0;
  while (lines.length < max && position < text.length) {
    let end = text.indexOf('\n', position);
    if (end < 0) {
      end = text.length;
    }
    const line = text.slice(position, end).trim();
    if (line !== '') {
      lines.push(line);
    }
    position = end + 1;
  }
  return lines;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return starts;
}

function isBlank(text: string): boolean {
  return leadingWhitespace(text) === text.length;
}

function leadingWhitespace(text: string): number {
  let i = 0;
  while (i < text.length && isWhitespace(text.charCodeAt(i))) {
    i++;
  }
  return i;
}

function trailingWhitespace(text: string): number {
  let i = text.length;
  while (i > 0 && isWhitespace(text.charCodeAt(i - 1))) {
    i--;
  }
  return text.length - i;
}

function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10 || code === 0xfeff;
}
