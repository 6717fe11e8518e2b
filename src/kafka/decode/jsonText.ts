import { createScanner, SyntaxKind } from 'jsonc-parser';

/** JSON as Kafka messages carry it: no comments, no trailing commas, not empty. */
export const strictJson = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

export function firstSignificantChar(text: string): string | undefined {
  return /\S/.exec(text)?.[0];
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

