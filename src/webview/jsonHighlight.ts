import { createScanner, SyntaxKind } from 'jsonc-parser';

const classes: Partial<Record<SyntaxKind, string>> = {
  [SyntaxKind.OpenBraceToken]: 'json-punctuation',
  [SyntaxKind.CloseBraceToken]: 'json-punctuation',
  [SyntaxKind.OpenBracketToken]: 'json-punctuation',
  [SyntaxKind.CloseBracketToken]: 'json-punctuation',
  [SyntaxKind.ColonToken]: 'json-punctuation',
  [SyntaxKind.CommaToken]: 'json-punctuation',
  [SyntaxKind.StringLiteral]: 'json-string',
  [SyntaxKind.NumericLiteral]: 'json-number',
  [SyntaxKind.TrueKeyword]: 'json-boolean',
  [SyntaxKind.FalseKeyword]: 'json-boolean',
  [SyntaxKind.NullKeyword]: 'json-null',
};

/**
 * Pretty JSON text as coloured spans. The text is the extension's exact pretty-print; tokens are
 * copied, never re-serialised, so numbers stay as sent. Everything is added as text.
 */
export function highlightJson(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const scanner = createScanner(text, false);
  // One entry per open container: is it an object, and is the next string in it a property name?
  const containers: { object: boolean; keyNext: boolean }[] = [];
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    const tokenText = text.substr(scanner.getTokenOffset(), scanner.getTokenLength());
    const current = containers[containers.length - 1];
    let className = classes[token];
    switch (token) {
      case SyntaxKind.OpenBraceToken:
        containers.push({ object: true, keyNext: true });
        break;
      case SyntaxKind.OpenBracketToken:
        containers.push({ object: false, keyNext: false });
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        containers.pop();
        break;
      case SyntaxKind.ColonToken:
        if (current) current.keyNext = false;
        break;
      case SyntaxKind.CommaToken:
        if (current?.object) current.keyNext = true;
        break;
      case SyntaxKind.StringLiteral:
        if (current?.keyNext) className = 'json-key';
        break;
    }
    if (className) {
      const span = document.createElement('span');
      span.className = className;
      span.textContent = tokenText;
      fragment.appendChild(span);
    } else {
      fragment.appendChild(document.createTextNode(tokenText));
    }
  }
  return fragment;
}
