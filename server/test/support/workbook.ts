import { once } from 'node:events';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/**
 * Workbooks built by hand, for the tests of what the roster import does with a damaged or hostile
 * XLSX: a ZIP writer (each entry deflated, or given already deflated with the size it claims), the
 * few parts an XLSX needs, and a run of zeros deflated (the body of a zip bomb).
 */

/** An entry's bytes already deflated, with what its headers say it inflates to. */
export interface Deflated {
  deflated: Buffer;
  size: number;
  crc: number;
}

export type ZipPart = { name: string; content: Buffer | string | Deflated };

const isDeflated = (content: ZipPart['content']): content is Deflated => typeof content === 'object' && !Buffer.isBuffer(content);

/** A ZIP of `parts` in that order: local headers and data, the central directory, the end record. */
export function zip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    let entry: Deflated;
    if (isDeflated(part.content)) entry = part.content;
    else {
      const bytes = Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content, 'utf8');
      entry = { deflated: deflateRawSync(bytes), size: bytes.length, crc: crc32(bytes) };
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(entry.deflated.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(entry.crc, 16);
    header.writeUInt32LE(entry.deflated.length, 20);
    header.writeUInt32LE(entry.size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.deflated);
    central.push(header, name);
    offset += local.length + name.length + entry.deflated.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One `<row>` of a worksheet, its cells inline strings. */
export function sheetRow(row: number, cells: readonly string[]): string {
  const column = (i: number) => String.fromCharCode(65 + i);
  const xml = cells.map((text, i) => `<c r="${column(i)}${row}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`).join('');
  return `<row r="${row}">${xml}</row>`;
}

/** A worksheet's XML around its rows' XML. */
export const sheetXml = (rowsXml: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowsXml}</sheetData></worksheet>`;

/** A worksheet's XML holding `rows`, one row a line of cells, from row 1. */
export const sheetOf = (rows: readonly (readonly string[])[]) => sheetXml(rows.map((cells, i) => sheetRow(i + 1, cells)).join(''));

const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_DOCUMENT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * The parts of a workbook whose sheets, in tab order, are `sheets`: each the part it is stored as
 * (`xl/worksheets/sheetN.xml`) and its content. Extra parts go in after the workbook's own.
 */
export function workbook(sheets: readonly { part: string; content: ZipPart['content'] }[], extra: readonly ZipPart[] = []): Buffer {
  const types =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    sheets.map((s) => `<Override PartName="/${s.part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    `</Types>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELATIONSHIPS}"><Relationship Id="rId1" Type="${OFFICE_DOCUMENT}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const book =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${OFFICE_DOCUMENT}"><sheets>` +
    sheets.map((_, i) => `<sheet name="名册${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    `</sheets></workbook>`;
  const bookRels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELATIONSHIPS}">` +
    sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${OFFICE_DOCUMENT}/worksheet" Target="${s.part.replace(/^xl\//, '')}"/>`).join('') +
    `</Relationships>`;
  return zip([
    { name: '[Content_Types].xml', content: types },
    { name: '_rels/.rels', content: rels },
    { name: 'xl/workbook.xml', content: book },
    { name: 'xl/_rels/workbook.xml.rels', content: bookRels },
    ...sheets.map((s) => ({ name: s.part, content: s.content })),
    ...extra,
  ]);
}

/** `size` zero bytes deflated (about a thousandth of their size), made a megabyte at a time. */
export async function deflatedZeros(size: number): Promise<Deflated> {
  const chunk = Buffer.alloc(1024 * 1024);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  let crc = 0;
  for (let written = 0; written < size; written += chunk.length) {
    const part = chunk.subarray(0, Math.min(chunk.length, size - written));
    crc = crc32(part, crc);
    if (!deflate.write(part)) await once(deflate, 'drain');
  }
  deflate.end();
  await once(deflate, 'end');
  return { deflated: Buffer.concat(out), size, crc };
}
