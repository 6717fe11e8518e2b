import * as assert from 'assert';
import { contentSecurityPolicy, newNonce, panelHtml } from '../../src/panel/html';

describe('panel HTML and its Content Security Policy', () => {
  const resources = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://x/dist/webview.js', styleUri: 'https://x/dist/webview.css' };

  it('allows nothing by default, the script only with the nonce, no inline script, no eval, no network', () => {
    const csp = contentSecurityPolicy(resources.cspSource, 'abc');
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    assert.deepStrictEqual(directives['default-src'], ["'none'"]);
    assert.deepStrictEqual(directives['script-src'], ["'nonce-abc'"]);
    assert.deepStrictEqual(directives['style-src'], [resources.cspSource]);
    assert.deepStrictEqual(directives['font-src'], [resources.cspSource]);
    assert.strictEqual(directives['connect-src'], undefined);
    assert.ok(!csp.includes('unsafe'), csp);
  });

  it('loads the one script with the nonce and carries no data', () => {
    const html = panelHtml(resources, 'n0nce');
    assert.match(html, /<script nonce="n0nce" src="https:\/\/x\/dist\/webview.js"><\/script>/);
    assert.strictEqual((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<div id="app"><\/div>/);
  });

  it('makes a fresh, unguessable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => newNonce()));
    assert.strictEqual(nonces.size, 100);
    for (const nonce of nonces) {
      assert.ok(Buffer.from(nonce, 'base64').length >= 16);
    }
  });
});
