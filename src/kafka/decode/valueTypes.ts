/** What a key, value or header value looks like to a person. */
export type ValueKind = 'null' | 'json' | 'text' | 'binary';

/** A key, value or header value decoded for the detail view. */
export type DecodedValue =
  | { kind: 'null' }
  | { kind: 'json' | 'text'; size: number; text: string; truncated: boolean }
  | { kind: 'binary'; size: number; hex: string; base64: string; truncated: boolean };

/** One line of a key or value for the message list. */
export interface PreviewValue {
  kind: ValueKind;
  text: string;
  size: number;
}
