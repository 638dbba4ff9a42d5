import { createReadStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** Where uploaded files live. The disk store below serves one machine; an object store (S3, OSS,
 *  COS) implements the same two methods for several. */
export interface BlobStore {
  put(key: string, content: Buffer): Promise<void>;
  get(key: string): Readable;
}

/** Files under `DATA_DIR/uploads`, written to a temporary name first so a crash leaves no half file. */
export function diskStore(root: string): BlobStore {
  const fileOf = (key: string) => path.join(root, key.slice(0, 2), key);
  return {
    async put(key, content) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(`${file}.part`, content);
      await rename(`${file}.part`, file);
    },
    get: (key) => createReadStream(fileOf(key)),
  };
}
