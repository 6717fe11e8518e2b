import * as fs from 'fs';
import * as path from 'path';

/** One way a secret could be written down. */
export interface Needle {
  secret: string;
  form: string;
  bytes: Buffer;
}

/**
 * The forms a secret could take on disk: as written (UTF-8 and UTF-16), hex, and base64 / base64url at
 * each of the three alignments it could have inside a longer encoded text (only the characters that
 * depend on the secret alone).
 */
export function needles(secret: string): Needle[] {
  const raw = Buffer.from(secret, 'utf8');
  const found: Needle[] = [
    { secret, form: 'utf8', bytes: raw },
    { secret, form: 'utf16le', bytes: Buffer.from(secret, 'utf16le') },
    { secret, form: 'hex', bytes: Buffer.from(raw.toString('hex')) },
  ];
  for (const encoding of ['base64', 'base64url'] as const) {
    for (let shift = 0; shift < 3; shift++) {
      const text = Buffer.concat([Buffer.alloc(shift), raw]).toString(encoding).replace(/=+$/, '');
      found.push({ secret, form: `${encoding}+${shift}`, bytes: Buffer.from(text.slice(shift === 0 ? 0 : 4, -4)) });
    }
  }
  return found;
}

/** Every regular file below `root` (symbolic links not followed). */
export function filesBelow(root: string): string[] {
  const files: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  if (fs.existsSync(root)) visit(root);
  return files;
}

export interface Hit {
  where: string;
  secret: string;
  form: string;
}

/** Where any of `targets` occurs in `content`, named `where`. */
export function search(where: string, content: Buffer | string, targets: Needle[]): Hit[] {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return targets.filter((needle) => bytes.includes(needle.bytes)).map(({ secret, form }) => ({ where, secret, form }));
}

/** Reads every file below the roots (a file that vanishes meanwhile, e.g. a rotated log, is skipped). */
export function searchFiles(roots: string[], targets: Needle[]): { files: number; bytes: number; hits: Hit[] } {
  let files = 0;
  let bytes = 0;
  const hits: Hit[] = [];
  for (const file of [...new Set(roots.flatMap(filesBelow))]) {
    let content: Buffer;
    try {
      content = fs.readFileSync(file);
    } catch {
      continue;
    }
    files++;
    bytes += content.length;
    hits.push(...search(file, content, targets));
  }
  return { files, bytes, hits };
}
