import { randomBytes } from 'crypto';

export interface WebviewResources {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
}

/** A fresh nonce for every page load, from the crypto module (never Math.random). */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The strict policy: nothing by default; the one script only with this load's nonce; styles and the
 * codicon font only from the extension's dist folder; no inline script, no eval, no network.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The panel's page: no message data in it; the script builds the page and asks for data. */
export function panelHtml(resources: WebviewResources, nonce: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(resources.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${resources.styleUri}" id="vscode-codicon-stylesheet">
<title>Kafka messages</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${resources.scriptUri}"></script>
</body>
</html>`;
}
