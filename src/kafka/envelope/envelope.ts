import { compactJson } from '../decode/jsonText';
import { isJsonDocument, isText } from '../decode/valueDecoding';
import { headerPairs, type TailMessage } from '../tail/tailMessage';

/**
 * One message as a line of the envelope format that the produce command reads
 * (src/kafka/records.ts): {"topic","partition","offset","timestamp","key","headers","value"}.
 * JSON keys and values are embedded as JSON with every token exact (whitespace dropped), text as a
 * JSON string, null as null. Binary bytes have no place in the format: they are written as base64
 * text and the line is marked `lossy`, as are repeated header names (the format keeps one per name) and null header values.
 */
export function envelopeLine(topic: string, message: TailMessage): { line: string; lossy: boolean } {
  let lossy = false;
  const encode = (bytes: Buffer | null): string => {
    if (bytes === null) {
      return 'null';
    }
    if (!isText(bytes)) {
      lossy = true;
      return JSON.stringify(bytes.toString('base64'));
    }
    const text = bytes.toString('utf8');
    return isJsonDocument(text) ? compactJson(text) : JSON.stringify(text);
  };
  const headerFields: string[] = [];
  const seen = new Set<string>();
  for (const [name, value] of headerPairs(message)) {
    if (seen.has(name)) {
      lossy = true;
      continue;
    }
    seen.add(name);
    const text = value === null ? '' : isText(value) ? value.toString('utf8') : value.toString('base64');
    lossy ||= value === null || !isText(value);
    headerFields.push(`${JSON.stringify(name)}:${JSON.stringify(text)}`);
  }
  const fields = [
    `"topic":${JSON.stringify(topic)}`,
    `"partition":${message.partition}`,
    `"offset":${JSON.stringify(message.offset)}`,
    `"timestamp":${JSON.stringify(message.timestamp)}`,
    `"key":${encode(message.key)}`,
    ...(headerFields.length > 0 ? [`"headers":{${headerFields.join(',')}}`] : []),
    `"value":${encode(message.value)}`,
  ];
  return { line: `{${fields.join(',')}}`, lossy };
}
