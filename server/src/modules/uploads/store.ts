import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** Where uploaded files live. The disk store below serves one machine; an object store (S3, OSS,
 *  COS) implements the same three methods for several. */
export interface BlobStore {
  put(key: string, content: Buffer): Promise<void>;
  get(key: string): Readable;
  /** Removes the file; one that is not there is already removed. */
  remove(key: string): Promise<void>;
}

/** Files under `DATA_DIR/uploads`, written to a temporary name first so a crash leaves no half file. */
export function diskStore(root: string): BlobStore {
  const fileOf = (key: string) => path.join(root, key.slice(0, 2), key);
  return {
    async put(key, content) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      try {
        await writeFile(`${file}.part`, content);
        await rename(`${file}.part`, file);
      } catch (err) {
        await rm(`${file}.part`, { force: true });
        throw err;
      }
    },
    get: (key) => createReadStream(fileOf(key)),
    remove: (key) => rm(fileOf(key), { force: true }),
  };
}

/** The app's store of uploaded images. */
export const uploadStore = (dataDir: string): BlobStore => diskStore(path.join(dataDir, 'uploads'));
