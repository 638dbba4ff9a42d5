/**
 * QR codes (ISO/IEC 18004) of short texts, drawn on the phone: the check-in code changes every 30
 * seconds and the server sends only its text (`checkinQrText`), and the app bundles no QR library.
 * Byte mode, error correction level M, versions 1 to 6 (up to 106 bytes): a check-in text is
 * about 30. The steps follow the standard as Project Nayuki's reference generator lays them out.
 */

/** Per version 1-6: codewords in all, error-correction codewords per block, blocks (level M). */
const RAW_CODEWORDS = [26, 44, 70, 100, 134, 172];
const ECC_PER_BLOCK = [10, 16, 26, 18, 24, 16];
const BLOCKS = [1, 1, 1, 2, 2, 4];
/** Level M's two bits in the format information. */
const LEVEL_M = 0;

function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const c = char.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return bytes;
}

/** Product in GF(2^8) modulo x^8 + x^4 + x^3 + x^2 + 1. */
function multiply(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z;
}

function reedSolomonDivisor(degree: number): number[] {
  const result = new Array<number>(degree).fill(0);
  result[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < result.length; j++) {
      result[j] = multiply(result[j]!, root);
      if (j + 1 < result.length) result[j]! ^= result[j + 1]!;
    }
    root = multiply(root, 0x02);
  }
  return result;
}

function reedSolomonRemainder(data: readonly number[], divisor: readonly number[]): number[] {
  const result = divisor.map(() => 0);
  for (const byte of data) {
    const factor = byte ^ result.shift()!;
    result.push(0);
    divisor.forEach((coefficient, i) => {
      result[i]! ^= multiply(coefficient, factor);
    });
  }
  return result;
}

/** The data codewords of `bytes` in version `version`: mode, count, data, terminator, padding. */
function dataCodewords(bytes: readonly number[], capacity: number): number[] {
  const bits: number[] = [];
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  put(0b0100, 4);
  put(bytes.length, 8);
  for (const byte of bytes) put(byte, 8);
  put(0, Math.min(4, capacity * 8 - bits.length));
  put(0, (8 - (bits.length % 8)) % 8);
  const words: number[] = [];
  for (let i = 0; i < bits.length; i += 8) words.push(bits.slice(i, i + 8).reduce((word, bit) => (word << 1) | bit, 0));
  for (let pad = 0xec; words.length < capacity; pad ^= 0xec ^ 0x11) words.push(pad);
  return words;
}

/** Splits the data into blocks, adds each block's error correction, and interleaves them. */
function withErrorCorrection(data: readonly number[], version: number): number[] {
  const blocks = BLOCKS[version - 1]!;
  const eccLength = ECC_PER_BLOCK[version - 1]!;
  const raw = RAW_CODEWORDS[version - 1]!;
  const shortBlocks = blocks - (raw % blocks);
  const shortLength = Math.floor(raw / blocks);
  const divisor = reedSolomonDivisor(eccLength);
  const made: number[][] = [];
  for (let i = 0, k = 0; i < blocks; i++) {
    const block = data.slice(k, k + shortLength - eccLength + (i < shortBlocks ? 0 : 1));
    k += block.length;
    const ecc = reedSolomonRemainder(block, divisor);
    if (i < shortBlocks) block.push(0);
    made.push([...block, ...ecc]);
  }
  const result: number[] = [];
  for (let i = 0; i < made[0]!.length; i++) {
    made.forEach((block, j) => {
      if (i !== shortLength - eccLength || j >= shortBlocks) result.push(block[i]!);
    });
  }
  return result;
}

const MASKS: readonly ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

class Grid {
  readonly dark: boolean[][];
  /** Finder, timing, alignment and format modules: no data, never masked. */
  readonly fixed: boolean[][];

  constructor(readonly size: number) {
    this.dark = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
    this.fixed = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  }

  set(x: number, y: number, dark: boolean): void {
    this.dark[y]![x] = dark;
    this.fixed[y]![x] = true;
  }

  drawFunctionPatterns(version: number): void {
    const { size } = this;
    for (let i = 0; i < size; i++) {
      this.set(6, i, i % 2 === 0);
      this.set(i, 6, i % 2 === 0);
    }
    for (const [cx, cy] of [[3, 3], [size - 4, 3], [3, size - 4]] as const) {
      for (let dy = -4; dy <= 4; dy++) {
        for (let dx = -4; dx <= 4; dx++) {
          const x = cx + dx;
          const y = cy + dy;
          const ring = Math.max(Math.abs(dx), Math.abs(dy));
          if (x >= 0 && x < size && y >= 0 && y < size) this.set(x, y, ring !== 2 && ring !== 4);
        }
      }
    }
    // Versions 2-6 have one alignment pattern, towards the bottom right.
    if (version >= 2) {
      const c = size - 7;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) this.set(c + dx, c + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }
    }
    this.drawFormatBits(0);
  }

  /** The level and mask, twice, with their BCH error correction. */
  drawFormatBits(mask: number): void {
    const data = (LEVEL_M << 3) | mask;
    let rem = data;
    for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    const bits = ((data << 10) | rem) ^ 0x5412;
    const bit = (i: number) => ((bits >>> i) & 1) !== 0;
    const { size } = this;
    for (let i = 0; i <= 5; i++) this.set(8, i, bit(i));
    this.set(8, 7, bit(6));
    this.set(8, 8, bit(7));
    this.set(7, 8, bit(8));
    for (let i = 9; i < 15; i++) this.set(14 - i, 8, bit(i));
    for (let i = 0; i < 8; i++) this.set(size - 1 - i, 8, bit(i));
    for (let i = 8; i < 15; i++) this.set(8, size - 15 + i, bit(i));
    this.set(8, size - 8, true);
  }

  /** The codewords' bits in the zigzag of two-module columns, right to left, skipping the timing column. */
  drawCodewords(codewords: readonly number[]): void {
    const { size } = this;
    let i = 0;
    for (let right = size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      for (let vert = 0; vert < size; vert++) {
        for (let j = 0; j < 2; j++) {
          const x = right - j;
          const upward = ((right + 1) & 2) === 0;
          const y = upward ? size - 1 - vert : vert;
          if (!this.fixed[y]![x] && i < codewords.length * 8) {
            this.dark[y]![x] = ((codewords[i >>> 3]! >>> (7 - (i & 7))) & 1) !== 0;
            i++;
          }
        }
      }
    }
  }

  /** XORs mask `mask` over the data modules: applied twice, it is undone. */
  applyMask(mask: number): void {
    const flip = MASKS[mask]!;
    for (let y = 0; y < this.size; y++) {
      for (let x = 0; x < this.size; x++) {
        if (!this.fixed[y]![x] && flip(x, y)) this.dark[y]![x] = !this.dark[y]![x];
      }
    }
  }

  /** How hard the symbol is to read, by the standard's four rules: lower is better. */
  penalty(): number {
    const { size, dark } = this;
    let score = 0;
    const lines = [dark, dark[0]!.map((_, x) => dark.map((row) => row[x]!))];
    for (const rows of lines) {
      for (const line of rows) {
        // Runs of five or more of one colour.
        let run = 1;
        for (let i = 1; i <= size; i++) {
          if (i < size && line[i] === line[i - 1]) run++;
          else {
            if (run >= 5) score += 3 + (run - 5);
            run = 1;
          }
        }
        // Finder-like 1:1:3:1:1 with four light modules on a side.
        const text = line.map((d) => (d ? '1' : '0')).join('');
        for (const pattern of ['10111010000', '00001011101']) {
          for (let from = text.indexOf(pattern); from !== -1; from = text.indexOf(pattern, from + 1)) score += 40;
        }
      }
    }
    // Two-by-two blocks of one colour.
    for (let y = 0; y < size - 1; y++) {
      for (let x = 0; x < size - 1; x++) {
        const c = dark[y]![x];
        if (c === dark[y]![x + 1] && c === dark[y + 1]![x] && c === dark[y + 1]![x + 1]) score += 3;
      }
    }
    // Dark modules far from half.
    const darkCount = dark.reduce((sum, row) => sum + row.filter(Boolean).length, 0);
    score += Math.floor(Math.abs((darkCount * 100) / (size * size) - 50) / 5) * 10;
    return score;
  }
}

/**
 * The modules of the QR code of `text`, rows of columns, true for dark (the quiet zone around is the
 * caller's). `mask` forces one of the eight masks; by default the one the standard's rules rate
 * best. Throws for a text longer than version 6 holds.
 */
export function qrModules(text: string, mask?: number): boolean[][] {
  const bytes = utf8(text);
  const version = RAW_CODEWORDS.findIndex((raw, i) => (raw - ECC_PER_BLOCK[i]! * BLOCKS[i]!) * 8 >= 12 + bytes.length * 8) + 1;
  if (version === 0) throw new Error(`QR text too long: ${bytes.length} bytes`);
  const capacity = RAW_CODEWORDS[version - 1]! - ECC_PER_BLOCK[version - 1]! * BLOCKS[version - 1]!;
  const grid = new Grid(17 + version * 4);
  grid.drawFunctionPatterns(version);
  grid.drawCodewords(withErrorCorrection(dataCodewords(bytes, capacity), version));
  let chosen = mask ?? 0;
  if (mask === undefined) {
    let best = Infinity;
    for (let m = 0; m < MASKS.length; m++) {
      grid.applyMask(m);
      grid.drawFormatBits(m);
      const score = grid.penalty();
      if (score < best) {
        best = score;
        chosen = m;
      }
      grid.applyMask(m);
    }
  }
  grid.applyMask(chosen);
  grid.drawFormatBits(chosen);
  return grid.dark;
}
