import { crc32, createInflateRaw } from 'node:zlib';

/**
 * Just enough of ZIP (APPNOTE 6.3) to open an uploaded workbook safely: the End Of Central
 * Directory record and the central directory are read from the buffer, and an entry is inflated
 * as a stream that fails the moment it yields more than the directory said it holds. What a
 * directory claims is checked before anything is inflated; what an entry really holds is checked
 * as it is inflated, so neither a zip bomb nor a directory that lies gets further than its claim.
 */

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  /** Uncompressed size, as the central directory gives it. */
  size: number;
  /** Where the entry's data starts in the buffer (after its local header). */
  dataStart: number;
}

/** Why a buffer cannot be read as a ZIP; the caller decides what to answer. */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const ZIP64_EXTRA = 0x0001;

/** The buffer read at `offset`, or a ZipError if it does not hold `length` bytes there. */
function at(buf: Buffer, offset: number, length: number): Buffer {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset + length > buf.length) throw new ZipError('truncated');
  return buf.subarray(offset, offset + length);
}

const u64 = (b: Buffer, offset: number) => {
  const n = b.readBigUInt64LE(offset);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError('size out of range');
  return Number(n);
};

/** Where the central directory is and how many entries it holds, ZIP64 or not. */
function endOfDirectory(buf: Buffer): { count: number; size: number; offset: number } {
  // The record is the last thing in the file but for a comment of at most 64 KiB.
  const lowest = Math.max(0, buf.length - EOCD_SIZE - 0xffff);
  for (let i = buf.length - EOCD_SIZE; i >= lowest; i--) {
    if (buf.readUInt32LE(i) !== EOCD || i + EOCD_SIZE + buf.readUInt16LE(i + 20) !== buf.length) continue;
    const record = at(buf, i, EOCD_SIZE);
    if (record.readUInt16LE(4) !== 0 || record.readUInt16LE(6) !== 0) throw new ZipError('multi-disk archive');
    const count = record.readUInt16LE(10);
    const size = record.readUInt32LE(12);
    const offset = record.readUInt32LE(16);
    if (count !== 0xffff && size !== 0xffffffff && offset !== 0xffffffff) return { count, size, offset };
    const locator = at(buf, i - 20, 20);
    if (locator.readUInt32LE(0) !== EOCD64_LOCATOR) throw new ZipError('ZIP64 record missing');
    const record64 = at(buf, u64(locator, 8), 56);
    if (record64.readUInt32LE(0) !== EOCD64) throw new ZipError('ZIP64 record missing');
    return { count: u64(record64, 32), size: u64(record64, 40), offset: u64(record64, 48) };
  }
  throw new ZipError('no end of central directory');
}

/** The ZIP64 extended information of an entry: the fields whose 32-bit value is 0xFFFFFFFF. */
function zip64Sizes(extra: Buffer, entry: { size: number; compressedSize: number; localOffset: number }) {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const length = extra.readUInt16LE(p + 2);
    const field = at(extra, p + 4, length);
    if (id === ZIP64_EXTRA) {
      let q = 0;
      const next = () => {
        const n = u64(at(field, q, 8), 0);
        q += 8;
        return n;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      return;
    }
    p += 4 + length;
  }
}

/** The entries of a ZIP held in `buf`, as its central directory lists them. */
export function readCentralDirectory(buf: Buffer): ZipEntry[] {
  const { count, size, offset } = endOfDirectory(buf);
  const directory = at(buf, offset, size);
  const entries: ZipEntry[] = [];
  for (let p = 0, i = 0; i < count; i++) {
    const header = at(directory, p, 46);
    if (header.readUInt32LE(0) !== CENTRAL) throw new ZipError('bad central directory entry');
    const flags = header.readUInt16LE(8);
    const nameLength = header.readUInt16LE(28);
    const extraLength = header.readUInt16LE(30);
    const commentLength = header.readUInt16LE(32);
    const name = at(directory, p + 46, nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1');
    const entry = {
      size: header.readUInt32LE(24),
      compressedSize: header.readUInt32LE(20),
      localOffset: header.readUInt32LE(42),
    };
    zip64Sizes(at(directory, p + 46 + nameLength, extraLength), entry);
    p += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x1) throw new ZipError('encrypted entry');
    const local = at(buf, entry.localOffset, 30);
    if (local.readUInt32LE(0) !== LOCAL) throw new ZipError('bad local header');
    const dataStart = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    at(buf, dataStart, entry.compressedSize);
    entries.push({ name, method: header.readUInt16LE(10), crc: header.readUInt32LE(16), compressedSize: entry.compressedSize, size: entry.size, dataStart });
  }
  return entries;
}

/** The name of the first entry's local header, without the central directory (a cut-off file has none). */
export function firstEntryName(buf: Buffer): string | null {
  if (buf.length < 30 || buf.readUInt32LE(0) !== LOCAL) return null;
  const length = buf.readUInt16LE(26);
  return buf.length < 30 + length ? null : buf.subarray(30, 30 + length).toString('utf8');
}

/**
 * An entry's bytes as they inflate, chunk by chunk. Fails with a ZipError as soon as they exceed
 * the size the directory gave, and at the end if they fall short of it or their CRC differs.
 */
export async function* inflateEntry(buf: Buffer, entry: ZipEntry): AsyncGenerator<Buffer> {
  const data = buf.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`compression method ${entry.method}`);
  let total = 0;
  let crc = 0;
  const inflater = entry.method === 8 ? createInflateRaw() : null;
  try {
    const chunks: AsyncIterable<Buffer> | Iterable<Buffer> = inflater ?? [data];
    inflater?.end(data);
    for await (const chunk of chunks) {
      total += chunk.length;
      if (total > entry.size) throw new ZipError(`${entry.name} holds more than its ${entry.size} bytes`);
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError(`${entry.name} does not inflate: ${(err as Error).message}`);
  } finally {
    inflater?.destroy();
  }
  if (total !== entry.size || crc !== entry.crc) throw new ZipError(`${entry.name} does not match its size or CRC`);
}

/**
 * A ZIP stream of stored entries: each entry's local header, its bytes, and an empty end of
 * central directory record. Enough for a reader that takes a ZIP as a stream of local records.
 */
export async function* storedZip(entries: Iterable<{ name: string; size: number; content: () => AsyncIterable<Buffer> }>): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0
    header.writeUInt16LE(0x800, 6); // the name is UTF-8
    header.writeUInt32LE(entry.size, 18);
    header.writeUInt32LE(entry.size, 22);
    header.writeUInt16LE(name.length, 26);
    yield Buffer.concat([header, name]);
    yield* entry.content();
  }
  const end = Buffer.alloc(EOCD_SIZE);
  end.writeUInt32LE(EOCD, 0);
  yield end;
}
