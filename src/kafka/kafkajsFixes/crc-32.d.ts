// crc-32 declares types for its CRC-32 entry only; its CRC-32C one has the same shape.
declare module 'crc-32/crc32c' {
  export function buf(data: Uint8Array | number[], seed?: number): number;
}
