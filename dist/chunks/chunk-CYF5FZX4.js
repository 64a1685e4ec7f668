import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  loadNative
} from "./chunk-CAKWGMZF.js";
import {
  MlopsError,
  messageOf
} from "./chunk-FZ3ZHXNS.js";

// src/core/data/engine.ts
import { randomUUID } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

// src/core/data/errors.ts
function firstLine(message) {
  return message.split("\n")[0].replace(/^[A-Za-z ]+Error: /, "");
}
function readerError(error, file, columns = []) {
  if (error instanceof MlopsError) return error;
  const message = messageOf(error);
  const csvLine = /CSV Error on Line: (\d+)/.exec(message);
  const line = csvLine ? Number(csvLine[1]) : void 0;
  const original = /Original Line: ?(.*)/.exec(message)?.[1]?.slice(0, 200);
  const row = line !== void 0 ? line - 1 : void 0;
  const width = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (width) {
    return new MlopsError(`A row has ${width[2]} fields where the header has ${width[1]}.`, {
      kind: "input",
      where: { file, line, row },
      expected: `${width[1]} fields per row (${columns.join(", ")})`,
      found: `${width[2]} fields: "${original ?? ""}"`,
      hint: "A ragged row: a missing or extra delimiter, or a value with the delimiter in it that is not quoted.",
      cause: error
    });
  }
  if (/unterminated quote/i.test(message)) {
    return new MlopsError("A quoted value is never closed.", {
      kind: "input",
      where: { file, line, row },
      expected: "a closing double quote before the end of the value",
      found: `"${(original ?? "").split("\n")[0]}"`,
      hint: 'Broken quoting: double a quote inside a quoted value ("") or remove the stray quote.',
      cause: error
    });
  }
  if (/Invalid unicode|not utf-8 encoded/i.test(message)) {
    return new MlopsError("The file is not valid UTF-8.", {
      kind: "input",
      where: { file, line, row },
      expected: "UTF-8 text",
      found: `bytes that are not UTF-8 in "${original ?? ""}" (Latin-1 or Windows-1252?)`,
      hint: `Convert it, e.g. \`iconv -f WINDOWS-1252 -t UTF-8 ${file} > out.csv\`.`,
      cause: error
    });
  }
  const conversion = /Could not convert string "?'?(.*?)'?"? to '?(\w+)'?/.exec(message);
  if (conversion) {
    const column = /Column at position: (\d+) Name: (.*?) Type/.exec(message);
    return new MlopsError("A value does not fit its column's type.", {
      kind: "input",
      where: { file, line, row, field: column?.[2] },
      expected: conversion[2],
      found: `"${conversion[1]}"`,
      hint: "The type was detected from the first rows; run `mlops validate-data` to find every such value.",
      cause: error
    });
  }
  if (/No files found that match the pattern/i.test(message)) {
    return new MlopsError(`${file} does not exist.`, {
      kind: "input",
      where: { file },
      expected: "an existing file, or a glob that matches at least one",
      found: "no such file",
      cause: error
    });
  }
  if (/No magic bytes found|not a parquet file|Parquet/i.test(message) && !csvLine) {
    return new MlopsError(`${file} cannot be read as Parquet: ${firstLine(message)}`, {
      kind: "input",
      where: { file },
      expected: "a Parquet file",
      found: firstLine(message),
      cause: error
    });
  }
  if (/JSON|Malformed/i.test(message) && !csvLine) {
    const jsonLine = /line (\d+)/i.exec(message);
    return new MlopsError(`${file} cannot be read as JSON Lines: ${firstLine(message)}`, {
      kind: "input",
      where: { file, line: jsonLine ? Number(jsonLine[1]) : void 0 },
      expected: "one JSON object per line",
      found: firstLine(message),
      cause: error
    });
  }
  if (csvLine) {
    return new MlopsError(`Cannot read the CSV: ${message.split("\n").slice(2).join(" ").trim().slice(0, 200)}`, {
      kind: "input",
      where: { file, line, row },
      found: `"${original ?? ""}"`,
      cause: error
    });
  }
  return error;
}

// src/core/data/parquet-numbers.ts
import { open } from "node:fs/promises";
var UnsupportedParquet = class extends Error {
};
var PHYSICAL_TYPE_OF = {
  DOUBLE: "DOUBLE",
  FLOAT: "FLOAT",
  BIGINT: "INT64",
  INTEGER: "INT32",
  SMALLINT: "INT32",
  TINYINT: "INT32"
};
function numericLayouts(schema, chunks, columns) {
  const leaves = schema.slice(1);
  const layouts = /* @__PURE__ */ new Map();
  const flat = leaves.length === columns.length && leaves.every((leaf) => leaf.num_children === null);
  columns.forEach((column, index) => {
    const leaf = leaves[index];
    if (!flat || !leaf || leaf.name !== column.name || leaf.repetition_type === "REPEATED") {
      layouts.set(column.name, "the file is not a flat table in the order of its columns");
      return;
    }
    const physicalType = PHYSICAL_TYPE_OF[column.engineType];
    if (!physicalType || leaf.type !== physicalType || leaf.duckdb_type !== column.engineType) {
      layouts.set(column.name, `type ${column.engineType} stored as ${leaf.type}`);
      return;
    }
    layouts.set(column.name, {
      physicalType,
      optional: leaf.repetition_type === "OPTIONAL",
      chunks: chunks.filter((c) => Number(c.column_id) === index).map((c) => ({
        rows: Number(c.rows),
        start: Number(c.start),
        length: Number(c.length),
        compression: c.compression
      }))
    });
  });
  return layouts;
}
var PAGE_DATA_V1 = 0;
var PAGE_DICTIONARY = 2;
var ENCODING_PLAIN = 0;
var ENCODING_PLAIN_DICTIONARY = 2;
var ENCODING_RLE = 3;
var ENCODING_RLE_DICTIONARY = 8;
var CompactReader = class {
  constructor(bytes, pos) {
    this.bytes = bytes;
    this.pos = pos;
  }
  bytes;
  pos;
  byte() {
    if (this.pos >= this.bytes.length) throw new UnsupportedParquet("page header runs past the column chunk");
    return this.bytes[this.pos++];
  }
  varint() {
    let result = 0;
    let multiplier = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      result += (b & 127) * multiplier;
      if ((b & 128) === 0) return result;
      multiplier *= 128;
    }
    throw new UnsupportedParquet("varint longer than 10 bytes");
  }
  zigzag() {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }
  /** Calls onField(id, type) for each field of a struct until its stop byte; onField returns false to skip. */
  struct(onField) {
    let lastId = 0;
    for (; ; ) {
      const header = this.byte();
      if (header === 0) return;
      const type = header & 15;
      const delta = header >> 4;
      const id = delta === 0 ? this.zigzag() : lastId + delta;
      lastId = id;
      if (!onField(id, type)) this.skip(type);
    }
  }
  skip(type) {
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
        for (let i = 0; i < size; i++) this.skipElement(header & 15);
        return;
      }
      case 11: {
        const size = this.varint();
        if (size === 0) return;
        const types = this.byte();
        for (let i = 0; i < size; i++) {
          this.skipElement(types >> 4);
          this.skipElement(types & 15);
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
  skipElement(type) {
    if (type === 1 || type === 2) this.pos += 1;
    else this.skip(type);
  }
};
function readPageHeader(bytes, pos) {
  const r = new CompactReader(bytes, pos);
  const h = {
    type: -1,
    compressedSize: -1,
    numValues: 0,
    encoding: -1,
    definitionEncoding: ENCODING_RLE
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
  if (h.type < 0 || h.compressedSize < 0) throw new UnsupportedParquet("page header without type or size");
  return { header: h, dataStart: r.pos };
}
function decodeHybrid(bytes, pos, end, bitWidth, count, out) {
  if (bitWidth > 32) throw new UnsupportedParquet(`bit width ${bitWidth}`);
  const byteWidth = bitWidth + 7 >> 3;
  const mask = bitWidth === 32 ? 4294967295 : (1 << bitWidth) - 1;
  let n = 0;
  while (n < count) {
    if (pos >= end) throw new UnsupportedParquet("levels or indices run past their section");
    let header = 0;
    let shift = 1;
    for (; ; ) {
      const b = bytes[pos++];
      header += (b & 127) * shift;
      if ((b & 128) === 0) break;
      shift *= 128;
    }
    if (header % 2 === 0) {
      const run = header / 2;
      if (pos + byteWidth > end) throw new UnsupportedParquet("levels or indices run past their section");
      let value = 0;
      for (let i = 0; i < byteWidth; i++) value |= bytes[pos++] << 8 * i;
      const stop = Math.min(count, n + run);
      out.fill(value, n, stop);
      n = stop;
    } else {
      const groups = (header - 1) / 2;
      const values = groups * 8;
      if (pos + groups * bitWidth > end) throw new UnsupportedParquet("levels or indices run past their section");
      let bitPos = pos * 8;
      for (let i = 0; i < values; i++) {
        if (n + i >= count) break;
        let v = 0;
        let got = 0;
        while (got < bitWidth) {
          const byte = bytes[bitPos >> 3];
          const offset = bitPos & 7;
          const take = Math.min(8 - offset, bitWidth - got);
          v |= (byte >> offset & (1 << take) - 1) << got;
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
var VALUE_BYTES = { DOUBLE: 8, FLOAT: 4, INT32: 4, INT64: 8 };
var Scratch = class {
  bytes = new Uint8Array(1 << 16);
  ints = new Int32Array(1 << 14);
  indices = new Int32Array(1 << 14);
  alignedBytes(length) {
    if (this.bytes.length < length) this.bytes = new Uint8Array(Math.max(length, this.bytes.length * 2));
    return this.bytes;
  }
  levelBuffer(length) {
    if (this.ints.length < length) this.ints = new Int32Array(Math.max(length, this.ints.length * 2));
    return this.ints;
  }
  indexBuffer(length) {
    if (this.indices.length < length) this.indices = new Int32Array(Math.max(length, this.indices.length * 2));
    return this.indices;
  }
};
function plainToDoubles(type, bytes, pos, count, out, at, scratch) {
  const length = count * VALUE_BYTES[type];
  if (pos + length > bytes.length) throw new UnsupportedParquet("values run past the page");
  if (type === "DOUBLE") {
    new Uint8Array(out.buffer, out.byteOffset + at * 8, length).set(bytes.subarray(pos, pos + length));
    return;
  }
  const aligned = scratch.alignedBytes(length);
  aligned.set(bytes.subarray(pos, pos + length));
  if (type === "FLOAT") {
    const values = new Float32Array(aligned.buffer, 0, count);
    for (let i = 0; i < count; i++) out[at + i] = values[i];
  } else if (type === "INT32") {
    const values = new Int32Array(aligned.buffer, 0, count);
    for (let i = 0; i < count; i++) out[at + i] = values[i];
  } else {
    const words = new Int32Array(aligned.buffer, 0, count * 2);
    for (let i = 0; i < count; i++) out[at + i] = words[2 * i + 1] * 4294967296 + (words[2 * i] >>> 0);
  }
}
async function readNumericColumn(file, layout) {
  const rows = layout.chunks.reduce((sum, c) => sum + c.rows, 0);
  const out = new Float64Array(rows);
  const scratch = new Scratch();
  let buffer = new Uint8Array(0);
  const handle = await open(file, "r");
  try {
    let row = 0;
    for (const chunk of layout.chunks) {
      if (chunk.compression !== "UNCOMPRESSED") throw new UnsupportedParquet(`compression ${chunk.compression}`);
      if (buffer.length < chunk.length) buffer = new Uint8Array(Math.max(chunk.length, buffer.length * 2));
      const { bytesRead } = await handle.read(buffer, 0, chunk.length, chunk.start);
      if (bytesRead !== chunk.length) throw new UnsupportedParquet("column chunk shorter than its metadata says");
      decodeChunk(buffer.subarray(0, chunk.length), chunk.rows, layout, out, row, scratch);
      row += chunk.rows;
    }
  } finally {
    await handle.close();
  }
  return out;
}
function decodeChunk(bytes, rows, layout, out, firstRow, scratch) {
  let dictionary;
  let pos = 0;
  let row = firstRow;
  const endRow = firstRow + rows;
  while (row < endRow) {
    const { header, dataStart } = readPageHeader(bytes, pos);
    const pageEnd = dataStart + header.compressedSize;
    if (pageEnd > bytes.length) throw new UnsupportedParquet("page runs past the column chunk");
    if (header.type === PAGE_DICTIONARY) {
      if (header.encoding !== ENCODING_PLAIN && header.encoding !== ENCODING_PLAIN_DICTIONARY)
        throw new UnsupportedParquet(`dictionary encoding ${header.encoding}`);
      if (header.numValues < 0 || dataStart + header.numValues * VALUE_BYTES[layout.physicalType] !== pageEnd)
        throw new UnsupportedParquet("dictionary page size does not match its values");
      dictionary = new Float64Array(header.numValues);
      plainToDoubles(layout.physicalType, bytes, dataStart, header.numValues, dictionary, 0, scratch);
    } else if (header.type === PAGE_DATA_V1) {
      if (header.numValues < 0 || row + header.numValues > endRow)
        throw new UnsupportedParquet("more values than the row group has rows");
      decodeDataPage(bytes.subarray(0, pageEnd), dataStart, header, layout, dictionary, out, row, scratch);
      row += header.numValues;
    } else {
      throw new UnsupportedParquet(`page type ${header.type}`);
    }
    pos = pageEnd;
  }
  if (pos !== bytes.length) throw new UnsupportedParquet("bytes left over after the column chunk");
}
function decodeDataPage(bytes, start, header, layout, dictionary, out, row, scratch) {
  const n = header.numValues;
  let pos = start;
  let present = null;
  let presentCount = n;
  if (layout.optional) {
    if (header.definitionEncoding !== ENCODING_RLE)
      throw new UnsupportedParquet(`definition level encoding ${header.definitionEncoding}`);
    if (pos + 4 > bytes.length) throw new UnsupportedParquet("definition levels run past the page");
    const length = bytes[pos] | bytes[pos + 1] << 8 | bytes[pos + 2] << 16 | bytes[pos + 3] << 24;
    pos += 4;
    const levelsEnd = pos + length;
    if (length < 0 || levelsEnd > bytes.length) throw new UnsupportedParquet("definition levels run past the page");
    const levels = scratch.levelBuffer(n);
    decodeHybrid(bytes, pos, levelsEnd, 1, n, levels);
    pos = levelsEnd;
    presentCount = 0;
    for (let i = 0; i < n; i++) {
      if (levels[i] > 1) throw new UnsupportedParquet("nested column");
      presentCount += levels[i];
    }
    if (presentCount < n) present = levels;
  }
  if (header.encoding === ENCODING_PLAIN) {
    if (pos + presentCount * VALUE_BYTES[layout.physicalType] !== bytes.length)
      throw new UnsupportedParquet("page size does not match its values");
    plainToDoubles(layout.physicalType, bytes, pos, presentCount, out, row, scratch);
  } else if (header.encoding === ENCODING_RLE_DICTIONARY || header.encoding === ENCODING_PLAIN_DICTIONARY) {
    if (!dictionary) throw new UnsupportedParquet("dictionary-encoded page without a dictionary page");
    if (pos >= bytes.length) throw new UnsupportedParquet("dictionary indices missing");
    const bitWidth = bytes[pos];
    const indices = scratch.indexBuffer(presentCount);
    if (presentCount > 0) decodeHybrid(bytes, pos + 1, bytes.length, bitWidth, presentCount, indices);
    for (let i = 0; i < presentCount; i++) {
      const v = dictionary[indices[i]];
      if (v === void 0) throw new UnsupportedParquet("dictionary index out of range");
      out[row + i] = v;
    }
  } else {
    throw new UnsupportedParquet(`value encoding ${header.encoding}`);
  }
  if (present) {
    let source = row + presentCount - 1;
    for (let i = n - 1; i >= 0; i--) {
      out[row + i] = present[i] === 1 ? out[source--] : Number.NaN;
    }
  }
}

// src/core/data/sniff.ts
import { open as open2 } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
var EXTENSIONS = [
  [/\.(csv|tsv|txt|tab)(\.gz)?$/i, "csv"],
  [/\.(parquet|pq)$/i, "parquet"],
  [/\.(jsonl|ndjson|json)(\.gz)?$/i, "jsonl"]
];
function formatFromName(name) {
  const path = name.replace(/[?#].*$/, "");
  for (const [pattern, format] of EXTENSIONS) if (pattern.test(path)) return format;
  return void 0;
}
async function readHead(path, bytes = 1 << 20) {
  const handle = await open2(path, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head[0] === 31 && head[1] === 139) {
      try {
        return gunzipSync(head, {
          finishFlush: 2
          /* Z_SYNC_FLUSH: a truncated stream is fine here */
        });
      } catch {
        return Buffer.alloc(0);
      }
    }
    return head;
  } finally {
    await handle.close();
  }
}
function formatFromContent(head) {
  if (head.subarray(0, 4).toString("latin1") === "PAR1") return "parquet";
  const text = head.subarray(0, 256).toString("utf8").trimStart();
  if (text.startsWith("{")) return "jsonl";
  return void 0;
}
var NUMERIC_FIELD = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
var DELIMITERS = [",", "	", ";", "|"];
function splitLine(line, delimiter) {
  const out = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) {
      out.push(field);
      field = "";
    } else field += ch;
  }
  out.push(field);
  return out;
}
function checkEncoding(file, head) {
  if (head[0] === 255 && head[1] === 254 || head[0] === 254 && head[1] === 255) {
    throw new MlopsError(`${file} is UTF-16 encoded; only UTF-8 text can be read.`, {
      kind: "input",
      where: { file, line: 1 },
      expected: "UTF-8 text",
      found: "a UTF-16 byte order mark",
      hint: `Convert it, e.g. \`iconv -f UTF-16 -t UTF-8 ${file} > out.csv\`.`
    });
  }
  const text = head.toString("utf8");
  const bad = text.indexOf("\uFFFD");
  if (bad >= 0 && bad < text.length - 4 && !head.toString("latin1").includes("\uFFFD")) {
    const line = text.slice(0, bad).split("\n").length;
    const lineStart = text.lastIndexOf("\n", bad) + 1;
    throw new MlopsError(`The file is not valid UTF-8 (line ${line}).`, {
      kind: "input",
      where: { file, line, column: bad - lineStart + 1 },
      expected: "UTF-8 text",
      found: `bytes that are not UTF-8 near "${text.slice(lineStart, Math.min(bad + 10, text.indexOf("\n", bad) >>> 0)).replace(/\uFFFD/g, "?")}" (Latin-1 or Windows-1252?)`,
      hint: `Convert it, e.g. \`iconv -f WINDOWS-1252 -t UTF-8 ${file} > out.csv\`.`
    });
  }
}
function headText(head) {
  const text = head.toString("utf8");
  return text.charCodeAt(0) === 65279 ? text.slice(1) : text;
}
var notBlank = (line) => line.trim() !== "";
function firstLineFields(head, delimiter) {
  const line = headText(head).split(/\r?\n/).find(notBlank);
  return line === void 0 ? 0 : splitLine(line, delimiter).length;
}
function sniffCsv(file, head, delimiter) {
  checkEncoding(file, head);
  const text = headText(head);
  const lines = text.split(/\r?\n/);
  if (head.length >= 1 << 20) lines.pop();
  const nonEmpty = lines.filter(notBlank);
  if (nonEmpty.length === 0) {
    throw new MlopsError(`${file} is empty.`, {
      kind: "input",
      where: { file },
      expected: "a header line with column names, then data rows",
      found: text.length === 0 ? "a file of 0 bytes" : "only blank lines",
      hint: "Check the step that writes this file."
    });
  }
  const header = nonEmpty[0];
  let chosen = delimiter;
  if (!chosen) {
    const sample = nonEmpty.slice(0, 200);
    let best = { delimiter: ",", score: -1 };
    for (const candidate of DELIMITERS) {
      const width = splitLine(header, candidate).length;
      if (width < 2) continue;
      const agree = sample.filter((l) => splitLine(l, candidate).length === width).length;
      const score = agree * 1e3 + width;
      if (score > best.score) best = { delimiter: candidate, score };
    }
    chosen = best.delimiter;
  }
  const first = splitLine(header, chosen);
  if (first.every((f) => NUMERIC_FIELD.test(f))) {
    return { delimiter: chosen, columns: first.map((_, i) => `column${i + 1}`), header: false, encoding: "utf-8" };
  }
  const columns = first.map((c) => c.trim());
  const seen = /* @__PURE__ */ new Map();
  columns.forEach((name, i) => {
    if (name === "") {
      throw new MlopsError(`Column ${i + 1} of the header has no name.`, {
        kind: "input",
        where: { file, line: 1, column: i + 1 },
        expected: "a name for every column in the first line",
        found: `"${header.slice(0, 120)}"`
      });
    }
    if (seen.has(name)) {
      throw new MlopsError(`The header names column "${name}" twice (columns ${seen.get(name)} and ${i + 1}).`, {
        kind: "input",
        where: { file, line: 1, column: i + 1, field: name },
        expected: "unique column names",
        found: `"${name}" at columns ${seen.get(name)} and ${i + 1}`
      });
    }
    seen.set(name, i + 1);
  });
  return { delimiter: chosen, columns, header: true, encoding: "utf-8" };
}

// src/core/data/engine.ts
var settings = {};
var instance;
var temporaryDirs = /* @__PURE__ */ new Set();
var viewCounter = 0;
async function getInstance() {
  if (!instance) {
    instance = (async () => {
      const duckdb = await loadNative("@duckdb/node-api");
      const options = {};
      const memoryLimit = settings.memoryLimit ?? process.env.MLOPS_DUCKDB_MEMORY_LIMIT;
      const threads = settings.threads ?? (process.env.MLOPS_DUCKDB_THREADS ? Number(process.env.MLOPS_DUCKDB_THREADS) : void 0);
      if (memoryLimit) options.memory_limit = memoryLimit;
      if (threads) options.threads = String(threads);
      options.allocator_background_threads = "true";
      options.temp_directory = settings.tempDirectory ?? join(tmpdir(), `mlops-duckdb-${process.pid}`);
      return duckdb.DuckDBInstance.create(":memory:", options);
    })();
    instance.catch(() => {
      instance = void 0;
    });
  }
  return instance;
}
async function closeEngine() {
  const current = instance;
  instance = void 0;
  try {
    if (current) {
      const db = await current.catch(() => void 0);
      db?.closeSync();
    }
  } finally {
    for (const dir of temporaryDirs) await rm(dir, { recursive: true, force: true });
    temporaryDirs.clear();
  }
}
async function makeTemporaryDir(prefix) {
  const base = settings.tempDirectory ?? tmpdir();
  await mkdir(base, { recursive: true });
  const dir = await mkdtemp(join(base, prefix));
  temporaryDirs.add(dir);
  return dir;
}
function traceSql(sql, started) {
  if (process.env.MLOPS_TRACE_SQL !== "1") return;
  const text = sql.length > 300 ? `${sql.slice(0, 300)}\u2026` : sql;
  const now = performance.now();
  process.stderr.write(`[sql ${(now - started).toFixed(0)} ms, at ${now.toFixed(0)} ms] ${text}
`);
}
function quoteIdent(name) {
  return `"${name.replace(/"/g, '""')}"`;
}
function sqlString(value) {
  return `'${value.replace(/'/g, "''")}'`;
}
function parquetSchemaSql(file) {
  return `SELECT name, type, repetition_type, num_children, duckdb_type FROM parquet_schema(${sqlString(file)})`;
}
function parquetChunksSql(file) {
  return `SELECT column_id, row_group_num_rows AS rows, total_compressed_size AS length, compression,
      CASE WHEN dictionary_page_offset > 0 AND dictionary_page_offset < data_page_offset
        THEN dictionary_page_offset ELSE data_page_offset END AS start
    FROM parquet_metadata(${sqlString(file)}) ORDER BY row_group_id, column_id`;
}
function logicalType(engineType) {
  const t = engineType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(t))
    return "integer";
  if (/^(FLOAT|DOUBLE|REAL)$/.test(t) || t.startsWith("DECIMAL")) return "number";
  if (t === "BOOLEAN") return "boolean";
  if (t === "VARCHAR" || t.startsWith("ENUM")) return "string";
  if (t === "DATE") return "date";
  if (t.startsWith("TIMESTAMP")) return "timestamp";
  return "other";
}
function isNumericType(type) {
  return type === "integer" || type === "number";
}
var GLOB_CHARS = /[*?[\]{}]/;
async function download(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new MlopsError(`Cannot download ${url}: ${error.message}`, {
      kind: "input",
      where: { file: url },
      hint: "Check the URL and that the runner can reach it."
    });
  }
  if (!response.ok || !response.body) {
    throw new MlopsError(`Cannot download ${url}: HTTP ${response.status} ${response.statusText}.`, {
      kind: "input",
      where: { file: url },
      expected: "HTTP 200 with the data file",
      found: `HTTP ${response.status}`
    });
  }
  const dir = join(tmpdir(), `mlops-download-${randomUUID()}`);
  await mkdir(dir, { recursive: true });
  temporaryDirs.add(dir);
  const name = basename(new URL(url).pathname) || "data";
  const path = join(dir, name);
  await pipeline(Readable.fromWeb(response.body), createWriteStream(path));
  return path;
}
async function resolveFiles(connection, source, name) {
  if (/^https?:\/\//i.test(source)) return [await download(source)];
  try {
    return await resolveLocal(connection, source);
  } catch (error) {
    if (error instanceof MlopsError && name !== source) {
      const message = error.message.split(source).join(name);
      throw new MlopsError(message, {
        kind: error.kind,
        where: { ...error.where, file: name },
        expected: error.expected,
        found: error.found,
        hint: error.hint
      });
    }
    throw error;
  }
}
async function resolveLocal(connection, source) {
  if (GLOB_CHARS.test(source) && !existsSync(source)) {
    const reader = await connection.runAndReadAll(`SELECT file FROM glob(${sqlString(source)}) ORDER BY file`);
    const files = reader.getRowObjectsJS().map((r) => String(r.file));
    if (files.length === 0) {
      throw new MlopsError(`The pattern ${source} matches no files.`, {
        kind: "input",
        where: { file: source },
        expected: "at least one matching file",
        found: "no files",
        hint: "Check the glob (relative to the working directory); quote it in YAML if it starts with *."
      });
    }
    return files;
  }
  if (!existsSync(source)) {
    throw new MlopsError(`${source} does not exist.`, {
      kind: "input",
      where: { file: source },
      expected: "a data file (CSV, TSV, Parquet, JSON Lines), a glob or an http(s) URL",
      found: "no such file",
      hint: "Check the path (relative to the working directory) or run the step that produces it first."
    });
  }
  const info = await stat(source);
  if (info.isDirectory()) {
    throw new MlopsError(`${source} is a directory.`, {
      kind: "input",
      where: { file: source },
      expected: "a data file or a glob such as data/*.parquet",
      found: "a directory"
    });
  }
  return [source];
}
async function plan(source, files, options) {
  const first = files[0];
  const info = await stat(first);
  if (info.size === 0) {
    throw new MlopsError(`${files.length > 1 ? first : source} is empty.`, {
      kind: "input",
      where: { file: files.length > 1 ? first : source },
      expected: "a header line with column names, then data rows",
      found: "a file of 0 bytes",
      hint: "Check the step that writes this file."
    });
  }
  const head = await readHead(first);
  const raw = await readHead(first, 4);
  const gzip = raw[0] === 31 && raw[1] === 139;
  const format = options.format ?? formatFromName(source) ?? formatFromName(first) ?? formatFromContent(head);
  if (!format) {
    throw new MlopsError(`Cannot tell the format of ${source}.`, {
      kind: "input",
      where: { file: source },
      expected: "a name ending in .csv, .tsv, .csv.gz, .parquet, .jsonl or .ndjson (or the `format` option)",
      found: `"${basename(first)}", starting with ${JSON.stringify(head.subarray(0, 16).toString("latin1"))}`,
      hint: "Rename the file or say which format it is."
    });
  }
  const dialect = format === "csv" ? sniffCsv(source, head, options.delimiter) : void 0;
  if (dialect) await assertSameHeader(first, files.slice(1), dialect);
  return { format, files, dialect, gzip };
}
async function assertSameHeader(first, others, dialect) {
  const describe = (d) => d.header ? d.columns.join(", ") : `no header: ${d.columns.length} fields (the first line is data)`;
  for (const file of others) {
    if ((await stat(file)).size === 0) continue;
    let head = await readHead(file, 1 << 16);
    if (head.length === 1 << 16 && !head.includes(10)) head = await readHead(file);
    let found;
    if (dialect.header) {
      const other = sniffCsv(file, head, dialect.delimiter);
      if (other.header && other.columns.join("\0") === dialect.columns.join("\0")) continue;
      found = describe(other);
    } else {
      const fields = firstLineFields(head, dialect.delimiter);
      if (fields === dialect.columns.length) continue;
      found = `${fields} fields on the first line`;
    }
    throw new MlopsError(`${file} has other columns than ${first}, the first file of the pattern.`, {
      kind: "input",
      where: { file, line: 1 },
      expected: describe(dialect),
      found,
      hint: "Every file a pattern matches must have the same header; validate the files separately or align them."
    });
  }
}
var CSV_BUFFER_BYTES = 4e6;
var CONVERSION_ROW_GROUP_ROWS = 3e4;
function readerSql(p, options, mode) {
  const list = `[${p.files.map(sqlString).join(", ")}]`;
  if (p.format === "parquet") return `read_parquet(${list})`;
  if (p.format === "jsonl") return `read_json(${list}, format='newline_delimited')`;
  const d = p.dialect;
  const args = [
    `delim=${sqlString(d.delimiter)}`,
    `quote='"'`,
    `escape='"'`,
    `header=${d.header}`,
    "strict_mode=true",
    "null_padding=false",
    `nullstr=[${(options.nullValues ?? [""]).map(sqlString).join(", ")}]`
  ];
  if (p.gzip) args.push(`compression='gzip'`);
  args.push(`buffer_size=${CSV_BUFFER_BYTES}`);
  if (!d.header && mode !== "text") args.push(`names=[${d.columns.map(sqlString).join(", ")}]`);
  if (mode === "text") {
    args.push("auto_detect=false", `columns={${d.columns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(", ")}}`);
  } else if (mode === "full-sample") {
    args.push("sample_size=-1");
  }
  return `read_csv(${list}, ${args.join(", ")})`;
}
function isOutOfMemory(error) {
  return /Out of Memory Error/i.test(messageOf(error));
}
var EngineOutOfMemory = class extends MlopsError {
  constructor(file, cause) {
    const limit = settings.memoryLimit ?? process.env.MLOPS_DUCKDB_MEMORY_LIMIT;
    super(`Reading ${file} needed more memory than DuckDB may use${limit ? ` (memory limit ${limit})` : ""}.`, {
      kind: "config",
      where: { file },
      found: messageOf(cause).split("\n")[0],
      hint: "Raise MLOPS_DUCKDB_MEMORY_LIMIT (e.g. 1GB), or run on a machine with more memory.",
      cause
    });
  }
};
function isConversionError(error) {
  return /Could not convert|Conversion Error/i.test(messageOf(error));
}
var DuckDataset = class {
  constructor(source, format, db, connection, readerPlan, options) {
    this.source = source;
    this.format = format;
    this.db = db;
    this.connection = connection;
    this.readerPlan = readerPlan;
    this.options = options;
    viewCounter += 1;
    this.relation = `mlops_data_${viewCounter}`;
  }
  source;
  format;
  db;
  connection;
  readerPlan;
  options;
  relation;
  columns = [];
  retried = false;
  /** The temporary Parquet copy of a converted text file, and where its numeric columns' pages are. */
  convertedFile;
  convertedLayouts;
  async define(mode) {
    const convert = this.options.materialize && this.format !== "parquet";
    const reader = readerSql(this.readerPlan, this.options, mode);
    try {
      if (convert) {
        const file = join(await makeTemporaryDir("mlops-parsed-"), "data.parquet");
        const anyOrder = this.options.rowOrder === "any";
        let previous;
        if (anyOrder) {
          const read = await this.connection.runAndReadAll(`SELECT current_setting('preserve_insertion_order') AS v`);
          previous = read.getRowObjectsJS()[0]?.v;
          await this.connection.run("SET preserve_insertion_order = false");
        }
        try {
          const copy = `COPY (SELECT * FROM ${reader}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION uncompressed, PARQUET_VERSION V1, ROW_GROUP_SIZE ${CONVERSION_ROW_GROUP_ROWS})`;
          const started = performance.now();
          await this.connection.run(copy);
          traceSql(copy, started);
        } finally {
          if (anyOrder)
            await this.connection.run(`SET preserve_insertion_order = ${previous === false ? "false" : "true"}`);
        }
        await this.connection.run(
          `CREATE OR REPLACE VIEW ${this.relation} AS SELECT * FROM read_parquet(${sqlString(file)})`
        );
        this.convertedFile = file;
        this.convertedLayouts = void 0;
      } else {
        await this.connection.run(`CREATE OR REPLACE VIEW ${this.relation} AS SELECT * FROM ${reader}`);
      }
      const described = await this.connection.runAndReadAll(`DESCRIBE ${this.relation}`);
      this.columns = described.getRowObjectsJS().map((r) => {
        const engineType = String(r.column_type);
        return { name: String(r.column_name), type: logicalType(engineType), engineType };
      });
    } catch (error) {
      if (convert && mode === "detect" && isConversionError(error) && !this.options.allVarchar) {
        this.retried = true;
        return this.define("full-sample");
      }
      if (mode !== "text" && this.format === "csv") {
        await this.diagnose();
      }
      throw this.readFailure(error);
    }
    const expected = this.readerPlan.dialect?.columns;
    if (expected && expected.length !== this.columns.length) {
      throw new MlopsError(
        `${this.source}: the header has ${expected.length} columns but DuckDB read ${this.columns.length}.`,
        {
          kind: "input",
          where: { file: this.source, line: 1 },
          expected: expected.join(", "),
          found: this.columns.map((c) => c.name).join(", ")
        }
      );
    }
  }
  /** A reading error of this dataset, as an MlopsError naming the file, line and column when it is recognised. */
  readFailure(error) {
    return readerError(error, this.source, this.readerPlan.dialect?.columns);
  }
  /** Scans the file as text to turn a vague sniffing failure into the first bad line. */
  async diagnose() {
    try {
      await this.connection.run(`SELECT count(*) FROM ${readerSql(this.readerPlan, this.options, "text")}`);
    } catch (error) {
      throw this.readFailure(error);
    }
  }
  async rowCount() {
    const [row] = await this.query(`SELECT count(*) AS n FROM ${this.relation}`);
    return Number(row?.n ?? 0);
  }
  async query(sql) {
    try {
      const started = performance.now();
      const reader = await this.connection.runAndReadAll(sql);
      traceSql(sql, started);
      return reader.getRowObjectsJS();
    } catch (error) {
      if (await this.redetectAfter(error)) return this.query(sql);
      if (isOutOfMemory(error)) throw new EngineOutOfMemory(this.source, error);
      if (isConversionError(error) || /CSV Error|Invalid unicode|Parquet|JSON/i.test(String(error))) {
        throw this.readFailure(error);
      }
      throw new MlopsError(`Query on ${this.source} failed: ${error.message.split("\n")[0]}`, {
        kind: "internal",
        where: { file: this.source },
        found: sql.length > 400 ? `${sql.slice(0, 400)}\u2026` : sql,
        cause: error
      });
    }
  }
  /** A value past DuckDB's type-detection sample did not fit: detect the types again from every row, once. */
  async redetectAfter(error) {
    if (this.format !== "csv" || this.retried || !isConversionError(error) || this.options.allVarchar) return false;
    this.retried = true;
    await this.define("full-sample");
    return true;
  }
  selectFor(columns) {
    const infos = columns.map((name) => {
      const info = this.columns.find((c) => c.name === name);
      if (!info) {
        throw new MlopsError(`Column "${name}" does not exist in ${this.source}.`, {
          kind: "input",
          where: { file: this.source, field: name },
          expected: `one of: ${this.columns.map((c) => c.name).join(", ")}`,
          found: name
        });
      }
      return info;
    });
    const exprs = infos.map((c) => {
      const q = quoteIdent(c.name);
      if (isNumericType(c.type)) return `coalesce(CAST(${q} AS DOUBLE), 'NaN'::DOUBLE) AS ${q}`;
      if (c.engineType === "VARCHAR") return q;
      return `CAST(${q} AS VARCHAR) AS ${q}`;
    });
    return { infos, sql: `SELECT ${exprs.join(", ") || "1 AS __none"} FROM ${this.relation}` };
  }
  async *batches(columns, options = {}) {
    const batchSize = Math.max(1, options.batchSize ?? 65536);
    const { infos, sql } = this.selectFor(columns);
    const connection = await this.db.connect();
    let firstRow = 1;
    const started = performance.now();
    let redetected = false;
    const failed = async (error) => {
      if (firstRow === 1 && await this.redetectAfter(error)) {
        redetected = true;
        return void 0;
      }
      throw this.readFailure(error);
    };
    try {
      const result = await connection.stream(sql).catch(failed);
      let pending = newBuffers(infos);
      for (; ; ) {
        const chunk = result && await result.fetchChunk().catch(failed);
        if (redetected) break;
        if (!chunk || chunk.rowCount === 0) break;
        appendChunk(pending, infos, chunk);
        if (pending.rows >= batchSize) {
          const batch = toBatch(pending, infos, firstRow);
          firstRow += batch.rowCount;
          pending = newBuffers(infos);
          yield batch;
        }
      }
      if (!redetected && (pending.rows > 0 || firstRow === 1)) yield toBatch(pending, infos, firstRow);
    } finally {
      traceSql(sql, started);
      connection.closeSync();
    }
    if (redetected) yield* this.batches(columns, options);
  }
  /**
   * The whole result is wanted anyway, so DuckDB materializes it (on all its threads; a streamed query runs
   * several times slower) and its chunks are copied straight into arrays of the final size.
   */
  async readAll(columns) {
    const { infos, sql } = this.selectFor(columns);
    const direct = await this.readConvertedNumbers(infos);
    if (direct) return direct;
    const connection = await this.db.connect();
    const started = performance.now();
    try {
      let result;
      try {
        result = await connection.run(sql);
      } catch (error) {
        if (await this.redetectAfter(error)) return this.readAll(columns);
        throw this.readFailure(error);
      }
      const rowCount = result.rowCount;
      const out = infos.map(
        (info) => isNumericType(info.type) ? new Float64Array(rowCount) : new Array(rowCount)
      );
      let offset = 0;
      for (let k = 0; k < result.chunkCount; k++) {
        const chunk = result.getChunk(k);
        const n = chunk.rowCount;
        for (let i = 0; i < infos.length; i++) {
          const target = out[i];
          if (target instanceof Float64Array) copyNumbers(chunk.getColumnVector(i), n, target, offset);
          else copyText(chunk.getColumnVector(i), n, target, offset);
        }
        offset += n;
      }
      return {
        rowCount,
        firstRow: 1,
        columns: Object.fromEntries(infos.map((info, i) => [info.name, out[i]]))
      };
    } finally {
      traceSql(sql, started);
      connection.closeSync();
    }
  }
  /**
   * Numeric columns of a converted copy, read from its pages (see parquet-numbers.ts); undefined when the copy has
   * a column that reader does not decode, and the caller then reads through SQL.
   */
  async readConvertedNumbers(infos) {
    const file = this.convertedFile;
    if (!file || infos.length === 0 || !infos.every((info) => isNumericType(info.type))) return void 0;
    const started = performance.now();
    try {
      this.convertedLayouts ??= this.numericLayouts(file);
      const layouts = await this.convertedLayouts;
      const columns = {};
      let rowCount = 0;
      for (const info of infos) {
        const layout = layouts.get(info.name);
        if (typeof layout !== "object") {
          traceSql(`direct read of ${info.name} not possible (${layout ?? "no layout"}): through SQL`, started);
          return void 0;
        }
        const values = await readNumericColumn(file, layout);
        columns[info.name] = values;
        rowCount = values.length;
      }
      traceSql(`direct read of ${infos.map((i) => i.name).join(", ")} from ${file}`, started);
      return { rowCount, firstRow: 1, columns };
    } catch (error) {
      if (!(error instanceof UnsupportedParquet)) this.convertedLayouts = void 0;
      traceSql(`direct read stopped (${messageOf(error)}): through SQL`, started);
      return void 0;
    }
  }
  /** Page locations of each numeric column of the copy, or why it cannot be read directly. */
  async numericLayouts(file) {
    const schema = await this.query(parquetSchemaSql(file));
    const chunks = await this.query(parquetChunksSql(file));
    return numericLayouts(schema, chunks, this.columns);
  }
};
function newBuffers(infos) {
  return { rows: 0, numeric: infos.map(() => []), text: infos.map(() => []) };
}
function doubleItems(vector) {
  const items = vector.items;
  return items instanceof Float64Array && items.length === vector.itemCount ? items : void 0;
}
function copyNumbers(vector, n, target, offset) {
  const items = doubleItems(vector);
  if (items) target.set(items.subarray(0, n), offset);
  else for (let r = 0; r < n; r++) target[offset + r] = vector.getItem(r) ?? Number.NaN;
}
function copyText(vector, n, target, offset) {
  for (let r = 0; r < n; r++) {
    const v = vector.getItem(r);
    target[offset + r] = v === null ? null : String(v);
  }
}
function appendChunk(buffers, infos, chunk) {
  const n = chunk.rowCount;
  infos.forEach((info, i) => {
    const vector = chunk.getColumnVector(i);
    if (isNumericType(info.type)) {
      const out = new Float64Array(n);
      copyNumbers(vector, n, out, 0);
      buffers.numeric[i].push(out);
    } else {
      const out = buffers.text[i];
      copyText(vector, n, out, out.length);
    }
  });
  buffers.rows += n;
}
function concatenate(parts, length) {
  if (parts.length === 1 && parts[0].length === length) return parts[0];
  const all = new Float64Array(length);
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}
function toBatch(buffers, infos, firstRow) {
  const columns = {};
  infos.forEach((info, i) => {
    columns[info.name] = isNumericType(info.type) ? concatenate(buffers.numeric[i], buffers.rows) : buffers.text[i];
  });
  return { rowCount: buffers.rows, firstRow, columns };
}
async function openDataset(source, options = {}) {
  const db = await getInstance();
  const connection = await db.connect();
  const name = options.displayName ?? source;
  try {
    const files = await resolveFiles(connection, source, name);
    const readerPlan = await plan(name, files, options);
    const dataset = new DuckDataset(name, readerPlan.format, db, connection, readerPlan, options);
    await dataset.define(options.allVarchar && readerPlan.format === "csv" ? "text" : "detect");
    return dataset;
  } catch (error) {
    connection.closeSync();
    throw error;
  }
}

export {
  readHead,
  closeEngine,
  makeTemporaryDir,
  quoteIdent,
  sqlString,
  isNumericType,
  EngineOutOfMemory,
  openDataset
};
//# sourceMappingURL=chunk-CYF5FZX4.js.map
