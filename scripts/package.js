// Builds the VSIX with @vscode/vsce and prints its size.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const { name, version } = require(path.join(root, 'package.json'));
const vsix = path.join(root, `${name}-${version}.vsix`);
execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix], {
  cwd: root,
  stdio: 'inherit',
});
const bytes = fs.statSync(vsix).size;
console.log(`VSIX ${path.relative(root, vsix)}: ${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`);
