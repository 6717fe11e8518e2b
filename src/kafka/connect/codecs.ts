import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import SnappyCodec from 'kafkajs-snappy';
import * as lz4 from 'lz4js';
import { decompress as zstdDecompress } from 'fzstd';

/**
 * kafkajs knows only GZIP; these register Snappy (pure JS), LZ4 (pure JS, LZ4 frames as Kafka
 * writes them) and ZSTD (WebAssembly zstd to compress, pure-JS fzstd to decompress any frame,
 * including streamed ones without a content size). Registration is global to kafkajs and
 * serves producers and consumers alike.
 */
export type CompressionName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

export const compressionNames: readonly CompressionName[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

export const compressionTypes: Record<CompressionName, CompressionTypes> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};

interface Codec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const xxh32 = require('lz4js/xxh32') as { hash(seed: number, src: Uint8Array, index: number, length: number): number };

const lz4BlockSize = 64 * 1024;

/**
 * An LZ4 frame Kafka accepts: independent 64 KiB blocks (Kafka refuses frames without the
 * block-independence flag, which lz4js's own frame writer leaves out while letting matches
 * reach into earlier blocks). The declared maximum block size is 256 KiB: lz4js may end a
 * block with a match closer to its end than liblz4 allows when the block fills the decoder's
 * whole buffer, so the buffer must be larger than the blocks.
 */
function lz4Frame(src: Uint8Array): Buffer {
  const blocks = Math.max(1, Math.ceil(src.length / lz4BlockSize));
  const out = Buffer.allocUnsafe(7 + blocks * (4 + lz4.compressBound(lz4BlockSize)) + 4);
  out.writeUInt32LE(0x184d2204, 0);
  out[4] = 0x60; // version 01, independent blocks
  out[5] = 0x50; // 256 KiB maximum block size
  out[6] = (xxh32.hash(0, out, 4, 2) >> 8) & 0xff;
  let position = 7;
  const hashTable = new Uint32Array(1 << 16);
  const scratch = new Uint8Array(lz4.compressBound(lz4BlockSize));
  for (let start = 0; start < src.length; start += lz4BlockSize) {
    const length = Math.min(lz4BlockSize, src.length - start);
    hashTable.fill(0);
    const compressed = lz4.compressBlock(src.subarray(start, start + length), scratch, 0, length, hashTable);
    if (compressed > 0 && compressed < length) {
      out.writeUInt32LE(compressed, position);
      out.set(scratch.subarray(0, compressed), position + 4);
      position += 4 + compressed;
    } else {
      out.writeUInt32LE((0x80000000 | length) >>> 0, position);
      out.set(src.subarray(start, start + length), position + 4);
      position += 4 + length;
    }
  }
  out.writeUInt32LE(0, position);
  return out.subarray(0, position + 4);
}

const lz4Codec: Codec = {
  async compress(encoder) {
    return lz4Frame(encoder.buffer);
  },
  async decompress(buffer) {
    return Buffer.from(lz4.decompress(buffer));
  },
};

interface ZstdWasm {
  init(): Promise<void>;
  compress(buffer: Uint8Array, level?: number): Uint8Array;
}

let zstdWasm: Promise<ZstdWasm> | undefined;

/** Loads the zstd WebAssembly module on first use: activation pays nothing for it. */
function loadZstd(): Promise<ZstdWasm> {
  zstdWasm ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const wasm = require('@bokuweb/zstd-wasm') as ZstdWasm;
    await wasm.init();
    return wasm;
  })();
  return zstdWasm;
}

const zstdCodec: Codec = {
  async compress(encoder) {
    const wasm = await loadZstd();
    return Buffer.from(wasm.compress(encoder.buffer, 3));
  },
  async decompress(buffer) {
    return Buffer.from(zstdDecompress(buffer));
  },
};

let registered = false;

/** Makes every codec available to kafkajs; safe to call more than once. */
export function registerCompressionCodecs(): void {
  if (registered) {
    return;
  }
  registered = true;
  const codecs = CompressionCodecs as unknown as Record<number, () => Codec>;
  codecs[CompressionTypes.Snappy] = SnappyCodec;
  codecs[CompressionTypes.LZ4] = () => lz4Codec;
  codecs[CompressionTypes.ZSTD] = () => zstdCodec;
}
