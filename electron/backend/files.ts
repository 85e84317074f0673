import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Write `bytes` to `target` so that a reader (or a crash) sees either the old file or the whole new
 * one, never half of it: write a temporary file in the same folder, flush it, then rename over the
 * target. The temporary name is random so two saves never share it; it is removed when writing fails.
 * New files are private to the user (0600 on Unix): exports hold the groups' working material.
 */
export function writeFileAtomic(target: string, bytes: Uint8Array): void {
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', 0o600);
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
