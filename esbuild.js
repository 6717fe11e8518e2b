// Builds the bundles: the extension and the message panels' tail worker (Node, CommonJS), and the panel's webview script and styles (browser).
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** kafkajs fixes that ship in the bundles (src/kafka/kafkajsFixes): each replaces one kafkajs module, same contract. */
const kafkajsFixes = {
  name: 'kafkajs-fixes',
  setup(build) {
    const fixes = [
      { module: 'src/producer/groupMessagesPerPartition.js', file: 'groupMessagesPerPartition.ts', name: 'groupMessagesPerPartition' },
      { module: 'src/protocol/recordBatch/record/v0/decoder.js', file: 'recordDecoder.ts', name: 'decodeRecord' },
      { module: 'src/protocol/recordBatch/crc32C/crc32C.js', file: 'crc32C.ts', name: 'crc32C' },
      { module: 'src/consumer/batch.js', file: 'batch.ts', name: 'Batch' },
    ];
    const applied = new Set();
    build.onStart(() => applied.clear());
    for (const fix of fixes) {
      const source = fix.module.replace(/[.]/g, '\\.').replace(/\//g, '[\\\\/]');
      const filter = new RegExp(`[\\\\/]kafkajs[\\\\/]${source}$`);
      const replacement = path.resolve(__dirname, 'src/kafka/kafkajsFixes', fix.file);
      build.onLoad({ filter }, () => {
        applied.add(fix);
        return { contents: `module.exports = require(${JSON.stringify(replacement)}).${fix.name};`, loader: 'js', resolveDir: __dirname };
      });
    }
    // A kafkajs that moved a file would silently ship its own version again.
    build.onEnd((result) => {
      const missed = fixes.filter((fix) => !applied.has(fix));
      if (missed.length > 0 && result.errors.length === 0) {
        throw new Error(`kafkajs ${missed.map((fix) => fix.module).join(', ')} not bundled: check that src/kafka/kafkajsFixes still applies`);
      }
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? 'linked' : 'inline',
  logLevel: 'info',
};

const targets = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    // jsonc-parser's UMD entry hides its modules from the bundler; its ESM entry does not.
    mainFields: ['module', 'main'],
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [kafkajsFixes],
  },
  {
    // The threads a message panel's consumer and a produce run in (src/kafka/tail/tailWorker.ts, src/kafka/produce/produceWorker.ts).
    ...common,
    entryPoints: ['src/kafka/threads/worker.ts'],
    outfile: 'dist/worker.js',
    platform: 'node',
    mainFields: ['module', 'main'],
    format: 'cjs',
    target: 'node20',
    plugins: [kafkajsFixes],
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    // The panel's styles with the codicon font (dist/codicon.ttf), loaded through the webview's localResourceRoots.
    ...common,
    sourcemap: false,
    entryPoints: ['src/webview/panel.css'],
    outfile: 'dist/webview.css',
    loader: { '.ttf': 'file' },
    assetNames: '[name]',
  },
];

async function main() {
  // The zstd codec loads its WebAssembly module from next to dist/extension.js at run time.
  fs.mkdirSync('dist', { recursive: true });
  fs.copyFileSync(path.join(path.dirname(require.resolve('@bokuweb/zstd-wasm')), 'zstd.wasm'), 'dist/zstd.wasm');
  const contexts = await Promise.all(targets.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
