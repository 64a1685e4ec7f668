/**
 * Reads numeric columns of an uncompressed Parquet file straight from its pages into Float64Arrays (missing values
 * as NaN). The engine uses it for the temporary copy it writes itself when a text file is converted once: the
 * values then never pass through a DuckDB query result, whose native memory is kept by DuckDB's allocator after the
 * result is gone (measured: a drift check against a 2M-row reference grew by about 200 MB over its column reads).
 *
 * Only what that copy contains is decoded: data pages v1 and dictionary pages, PLAIN and dictionary encodings,
 * physical DOUBLE, FLOAT, INT32 and INT64, flat columns. Anything else, or a page whose parts do not add up, throws
 * UnsupportedParquet, and the caller reads through SQL instead.
 */
import { open } from 'node:fs/promises';
import type { ColumnInfo } from './types.js';

export class UnsupportedParquet extends Error {}

/** One column chunk of one row group, as DuckDB's parquet_metadata() lists it. */
export interface ChunkLocation {
  rows: number;
  /** Byte offset of the first page (the dictionary page when there is one) and the chunk's length. */
  start: number;
  length: number;
  compression: string;
}

export interface NumericColumnLayout {
  physicalType: 'DOUBLE' | 'FLOAT' | 'INT32' | 'INT64';
  /** OPTIONAL columns carry definition levels (bit width 1); REQUIRED ones do not. */
  optional: boolean;
  chunks: ChunkLocation[];
}

/** A row of DuckDB's parquet_schema(file). */
export type ParquetSchemaRow = {
  name: string;
  type: string | null;
  repetition_type: string | null;
  num_children: bigint | number | null;
  duckdb_type: string | null;
};

/** A row of DuckDB's parquet_metadata(file): one column chunk (the engine selects these names). */
export type ParquetChunkRow = {
  column_id: bigint | number;
  rows: bigint | number;
  start: bigint | number;
  length: bigint | number;
  compression: string;
};

/** Engine types whose values this reader turns into doubles exactly as CAST(x AS DOUBLE) does. */
const PHYSICAL_TYPE_OF: Record<string, NumericColumnLayout['physicalType'] | undefined> = {
  DOUBLE: 'DOUBLE',
  FLOAT: 'FLOAT',
  BIGINT: 'INT64',
  INTEGER: 'INT32',
  SMALLINT: 'INT32',
  TINYINT: 'INT32',
};

/**
 * Where each column's pages are, by column name, for the columns of a flat file read as `columns` (in file
 * order); a string says why a column cannot be read by this reader.
 */
export function numericLayouts(
  schema: ParquetSchemaRow[],
  chunks: ParquetChunkRow[],
  columns: ColumnInfo[],
): Map<string, NumericColumnLayout | string> {
  const leaves = schema.slice(1);
  const layouts = new Map<string, NumericColumnLayout | string>();
  const flat = leaves.length === columns.length && leaves.every((leaf) => leaf.num_children === null);
  columns.forEach((column, index) => {
    const leaf = leaves[index];
    if (!flat || !leaf || leaf.name !== column.name || leaf.repetition_type === 'REPEATED') {
      layouts.set(column.name, 'the file is not a flat table in the order of its columns');
      return;
    }
    const physicalType = PHYSICAL_TYPE_OF[column.engineType];
    if (!physicalType || leaf.type !== physicalType || leaf.duckdb_type !== column.engineType) {
      layouts.set(column.name, `type ${column.engineType} stored as ${leaf.type}`);
      return;
    }
    layouts.set(column.name, {
      physicalType,
      optional: leaf.repetition_type === 'OPTIONAL',
      chunks: chunks
        .filter((c) => Number(c.column_id) === index)
        .map((c) => ({
          rows: Number(c.rows),
          start: Number(c.start),
          length: Number(c.length),
          compression: c.compression,
        })),
    });
  });
  return layouts;
}

const PAGE_DATA_V1 = 0;
const PAGE_DICTIONARY = 2;
const ENCODING_PLAIN = 0;
const ENCODING_PLAIN_DICTIONARY = 2;
const ENCODING_RLE = 3;
const ENCODING_RLE_DICTIONARY = 8;

interface PageHeader {
  type: number;
  compressedSize: number;
  numValues: number;
  encoding: number;
  /** The encoding of definition levels (data pages). */
  definitionEncoding: number;
}

/** Thrift compact protocol, only as far as Parquet page headers need: read known fields, skip the rest. */
class CompactReader {
  constructor(
    private readonly bytes: Uint8Array,
    public pos: number,
  ) {}

  private byte(): number {
    if (this.pos >= this.bytes.length) throw new UnsupportedParquet('page header runs past the column chunk');
    return this.bytes[this.pos++]!;
  }

  varint(): number {
    let result = 0;
    let multiplier = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      result += (b & 0x7f) * multiplier;
      if ((b & 0x80) === 0) return result;
      multiplier *= 128;
    }
    throw new UnsupportedParquet('varint longer than 10 bytes');
  }

  zigzag(): number {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }

  /** Calls onField(id, type) for each field of a struct until its stop byte; onField returns false to skip. */
  struct(onField: (id: number, type: number) => boolean): void {
    let lastId = 0;
    for (;;) {
      const header = this.byte();
      if (header === 0) return;
      const type = header & 0x0f;
      const delta = header >> 4;
      const id = delta === 0 ? this.zigzag() : lastId + delta;
      lastId = id;
      if (!onField(id, type)) this.skip(type);
    }
  }

  skip(type: number): void {
    switch (type) {
      case 1:
      case 2:
        return;
      case 3:
        this.pos += 1;
        return;
      case 4:
      case 5:
      case 6:
        this.varint();
        return;
      case 7:
        this.pos += 8;
        return;
      case 8:
        this.pos += this.varint();
        return;
      case 9:
      case 10: {
        const header = this.byte();
        const size = header >> 4 === 15 ? this.varint() : header >> 4;
        for (let i = 0; i < size; i++) this.skipElement(header & 0x0f);
        return;
      }
      case 11: {
        const size = this.varint();
        if (size === 0) return;
        const types = this.byte();
        for (let i = 0; i < size; i++) {
          this.skipElement(types >> 4);
          this.skipElement(types & 0x0f);
        }
        return;
      }
      case 12:
        this.struct(() => false);
        return;
      default:
        throw new UnsupportedParquet(`unknown thrift type ${type}`);
    }
  }

  /** Inside lists and maps a boolean takes a whole byte. */
  private skipElement(type: number): void {
    if (type === 1 || type === 2) this.pos += 1;
    else this.skip(type);
  }
}

function readPageHeader(bytes: Uint8Array, pos: number): { header: PageHeader; dataStart: number } {
  const r = new CompactReader(bytes, pos);
  const h: PageHeader = {
    type: -1,
    compressedSize: -1,
    numValues: 0,
    encoding: -1,
    definitionEncoding: ENCODING_RLE,
  };
  r.struct((id, type) => {
    if (id === 1 && type === 5) h.type = r.zigzag();
    else if (id === 3 && type === 5) h.compressedSize = r.zigzag();
    else if ((id === 5 || id === 7) && type === 12) {
      r.struct((fid, ftype) => {
        if (fid === 1 && ftype === 5) h.numValues = r.zigzag();
        else if (fid === 2 && ftype === 5) h.encoding = r.zigzag();
        else if (id === 5 && fid === 3 && ftype === 5) h.definitionEncoding = r.zigzag();
        else return false;
        return true;
      });
    } else return false;
    return true;
  });
  if (h.type < 0 || h.compressedSize < 0) throw new UnsupportedParquet('page header without type or size');
  return { header: h, dataStart: r.pos };
}

/**
 * Decodes count values of Parquet's RLE / bit-packed hybrid encoding from bytes[pos, end) into out (from index
 * 0). Returns the position after the last byte read.
 */
export function decodeHybrid(
  bytes: Uint8Array,
  pos: number,
  end: number,
  bitWidth: number,
  count: number,
  out: Int32Array,
): number {
  if (bitWidth > 32) throw new UnsupportedParquet(`bit width ${bitWidth}`);
  const byteWidth = (bitWidth + 7) >> 3;
  const mask = bitWidth === 32 ? 0xffffffff : (1 << bitWidth) - 1;
  let n = 0;
  while (n < count) {
    if (pos >= end) throw new UnsupportedParquet('levels or indices run past their section');
    let header = 0;
    let shift = 1;
    for (;;) {
      const b = bytes[pos++]!;
      header += (b & 0x7f) * shift;
      if ((b & 0x80) === 0) break;
      shift *= 128;
    }
    if (header % 2 === 0) {
      const run = header / 2;
      if (pos + byteWidth > end) throw new UnsupportedParquet('levels or indices run past their section');
      let value = 0;
      for (let i = 0; i < byteWidth; i++) value |= bytes[pos++]! << (8 * i);
      const stop = Math.min(count, n + run);
      out.fill(value, n, stop);
      n = stop;
    } else {
      const groups = (header - 1) / 2;
      const values = groups * 8;
      if (pos + groups * bitWidth > end) throw new UnsupportedParquet('levels or indices run past their section');
      let bitPos = pos * 8;
      for (let i = 0; i < values; i++) {
        if (n + i >= count) break;
        let v = 0;
        let got = 0;
        while (got < bitWidth) {
          const byte = bytes[bitPos >> 3]!;
          const offset = bitPos & 7;
          const take = Math.min(8 - offset, bitWidth - got);
          v |= ((byte >> offset) & ((1 << take) - 1)) << got;
          got += take;
          bitPos += take;
        }
        out[n + i] = v & mask;
      }
      n = Math.min(count, n + values);
      pos += groups * bitWidth;
    }
  }
  return pos;
}

const VALUE_BYTES = { DOUBLE: 8, FLOAT: 4, INT32: 4, INT64: 8 } as const;

/** Reusable scratch memory: aligned copies of value bytes, decoded levels and indices. */
class Scratch {
  bytes = new Uint8Array(1 << 16);
  ints = new Int32Array(1 << 14);
  indices = new Int32Array(1 << 14);
  alignedBytes(length: number): Uint8Array {
    if (this.bytes.length < length) this.bytes = new Uint8Array(Math.max(length, this.bytes.length * 2));
    return this.bytes;
  }
  levelBuffer(length: number): Int32Array {
    if (this.ints.length < length) this.ints = new Int32Array(Math.max(length, this.ints.length * 2));
    return this.ints;
  }
  indexBuffer(length: number): Int32Array {
    if (this.indices.length < length) this.indices = new Int32Array(Math.max(length, this.indices.length * 2));
    return this.indices;
  }
}

/** count PLAIN values starting at bytes[pos] written as doubles into out[at..]. */
function plainToDoubles(
  type: NumericColumnLayout['physicalType'],
  bytes: Uint8Array,
  pos: number,
  count: number,
  out: Float64Array,
  at: number,
  scratch: Scratch,
): void {
  const length = count * VALUE_BYTES[type];
  if (pos + length > bytes.length) throw new UnsupportedParquet('values run past the page');
  if (type === 'DOUBLE') {
    new Uint8Array(out.buffer, out.byteOffset + at * 8, length).set(bytes.subarray(pos, pos + length));
    return;
  }
  const aligned = scratch.alignedBytes(length);
  aligned.set(bytes.subarray(pos, pos + length));
  if (type === 'FLOAT') {
    const values = new Float32Array(aligned.buffer, 0, count);
    for (let i = 0; i < count; i++) out[at + i] = values[i]!;
  } else if (type === 'INT32') {
    const values = new Int32Array(aligned.buffer, 0, count);
    for (let i = 0; i < count; i++) out[at + i] = values[i]!;
  } else {
    // lo + hi * 2^32: both parts are exact doubles, so the sum is rounded once, as CAST(BIGINT AS DOUBLE) is.
    const words = new Int32Array(aligned.buffer, 0, count * 2);
    for (let i = 0; i < count; i++) out[at + i] = words[2 * i + 1]! * 4294967296 + (words[2 * i]! >>> 0);
  }
}

/**
 * Reads one column (all its chunks, in order) into a Float64Array of the column's row count.
 * Throws UnsupportedParquet for anything this reader does not decode.
 */
export async function readNumericColumn(file: string, layout: NumericColumnLayout): Promise<Float64Array> {
  const rows = layout.chunks.reduce((sum, c) => sum + c.rows, 0);
  const out = new Float64Array(rows);
  const scratch = new Scratch();
  let buffer = new Uint8Array(0);
  const handle = await open(file, 'r');
  try {
    let row = 0;
    for (const chunk of layout.chunks) {
      if (chunk.compression !== 'UNCOMPRESSED') throw new UnsupportedParquet(`compression ${chunk.compression}`);
      if (buffer.length < chunk.length) buffer = new Uint8Array(Math.max(chunk.length, buffer.length * 2));
      const { bytesRead } = await handle.read(buffer, 0, chunk.length, chunk.start);
      if (bytesRead !== chunk.length) throw new UnsupportedParquet('column chunk shorter than its metadata says');
      decodeChunk(buffer.subarray(0, chunk.length), chunk.rows, layout, out, row, scratch);
      row += chunk.rows;
    }
  } finally {
    await handle.close();
  }
  return out;
}

function decodeChunk(
  bytes: Uint8Array,
  rows: number,
  layout: NumericColumnLayout,
  out: Float64Array,
  firstRow: number,
  scratch: Scratch,
): void {
  let dictionary: Float64Array | undefined;
  let pos = 0;
  let row = firstRow;
  const endRow = firstRow + rows;
  while (row < endRow) {
    const { header, dataStart } = readPageHeader(bytes, pos);
    const pageEnd = dataStart + header.compressedSize;
    if (pageEnd > bytes.length) throw new UnsupportedParquet('page runs past the column chunk');
    if (header.type === PAGE_DICTIONARY) {
      if (header.encoding !== ENCODING_PLAIN && header.encoding !== ENCODING_PLAIN_DICTIONARY)
        throw new UnsupportedParquet(`dictionary encoding ${header.encoding}`);
      if (header.numValues < 0 || dataStart + header.numValues * VALUE_BYTES[layout.physicalType] !== pageEnd)
        throw new UnsupportedParquet('dictionary page size does not match its values');
      dictionary = new Float64Array(header.numValues);
      plainToDoubles(layout.physicalType, bytes, dataStart, header.numValues, dictionary, 0, scratch);
    } else if (header.type === PAGE_DATA_V1) {
      if (header.numValues < 0 || row + header.numValues > endRow)
        throw new UnsupportedParquet('more values than the row group has rows');
      decodeDataPage(bytes.subarray(0, pageEnd), dataStart, header, layout, dictionary, out, row, scratch);
      row += header.numValues;
    } else {
      throw new UnsupportedParquet(`page type ${header.type}`);
    }
    pos = pageEnd;
  }
  if (pos !== bytes.length) throw new UnsupportedParquet('bytes left over after the column chunk');
}

function decodeDataPage(
  bytes: Uint8Array,
  start: number,
  header: PageHeader,
  layout: NumericColumnLayout,
  dictionary: Float64Array | undefined,
  out: Float64Array,
  row: number,
  scratch: Scratch,
): void {
  const n = header.numValues;
  let pos = start;
  // Definition levels: 1 = present, 0 = missing. null when every value is present.
  let present: Int32Array | null = null;
  let presentCount = n;
  if (layout.optional) {
    if (header.definitionEncoding !== ENCODING_RLE)
      throw new UnsupportedParquet(`definition level encoding ${header.definitionEncoding}`);
    if (pos + 4 > bytes.length) throw new UnsupportedParquet('definition levels run past the page');
    const length = bytes[pos]! | (bytes[pos + 1]! << 8) | (bytes[pos + 2]! << 16) | (bytes[pos + 3]! << 24);
    pos += 4;
    const levelsEnd = pos + length;
    if (length < 0 || levelsEnd > bytes.length) throw new UnsupportedParquet('definition levels run past the page');
    const levels = scratch.levelBuffer(n);
    decodeHybrid(bytes, pos, levelsEnd, 1, n, levels);
    pos = levelsEnd;
    presentCount = 0;
    for (let i = 0; i < n; i++) {
      if (levels[i]! > 1) throw new UnsupportedParquet('nested column');
      presentCount += levels[i]!;
    }
    if (presentCount < n) present = levels;
  }

  // The present values, decoded in place at the start of this page's rows and then spread over the gaps.
  if (header.encoding === ENCODING_PLAIN) {
    if (pos + presentCount * VALUE_BYTES[layout.physicalType] !== bytes.length)
      throw new UnsupportedParquet('page size does not match its values');
    plainToDoubles(layout.physicalType, bytes, pos, presentCount, out, row, scratch);
  } else if (header.encoding === ENCODING_RLE_DICTIONARY || header.encoding === ENCODING_PLAIN_DICTIONARY) {
    if (!dictionary) throw new UnsupportedParquet('dictionary-encoded page without a dictionary page');
    if (pos >= bytes.length) throw new UnsupportedParquet('dictionary indices missing');
    const bitWidth = bytes[pos]!;
    const indices = scratch.indexBuffer(presentCount);
    if (presentCount > 0) decodeHybrid(bytes, pos + 1, bytes.length, bitWidth, presentCount, indices);
    for (let i = 0; i < presentCount; i++) {
      const v = dictionary[indices[i]!];
      if (v === undefined) throw new UnsupportedParquet('dictionary index out of range');
      out[row + i] = v;
    }
  } else {
    throw new UnsupportedParquet(`value encoding ${header.encoding}`);
  }
  if (present) {
    // Walk backwards so that each present value moves to its row before its old slot is overwritten.
    let source = row + presentCount - 1;
    for (let i = n - 1; i >= 0; i--) {
      out[row + i] = present[i] === 1 ? out[source--]! : Number.NaN;
    }
  }
}
