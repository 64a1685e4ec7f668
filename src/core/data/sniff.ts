/**
 * What a data file is, decided before DuckDB sees it: the format from the name (or the first bytes), and for
 * CSV the delimiter and header from the first lines. DuckDB's own sniffer gives up on a file with one ragged
 * row and silently guesses "no quote" on a broken quote; deciding the dialect here and reading with it fixed
 * lets DuckDB report the exact line of a bad row instead.
 */
import { open } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { MlopsError } from '../errors.js';
import type { DataFormat } from './types.js';

const EXTENSIONS: [RegExp, DataFormat][] = [
  [/\.(csv|tsv|txt|tab)(\.gz)?$/i, 'csv'],
  [/\.(parquet|pq)$/i, 'parquet'],
  [/\.(jsonl|ndjson|json)(\.gz)?$/i, 'jsonl'],
];

export function formatFromName(name: string): DataFormat | undefined {
  const path = name.replace(/[?#].*$/, '');
  for (const [pattern, format] of EXTENSIONS) if (pattern.test(path)) return format;
  return undefined;
}

/** Up to `bytes` bytes from the start of a file, decompressed when it is gzip. */
export async function readHead(path: string, bytes = 1 << 20): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head[0] === 0x1f && head[1] === 0x8b) {
      try {
        return gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH: a truncated stream is fine here */ });
      } catch {
        return Buffer.alloc(0);
      }
    }
    return head;
  } finally {
    await handle.close();
  }
}

/** Format from the name, else from the first bytes (Parquet magic, a JSON object); undefined when unknown. */
export function formatFromContent(head: Buffer): DataFormat | undefined {
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  const text = head.subarray(0, 256).toString('utf8').trimStart();
  if (text.startsWith('{')) return 'jsonl';
  return undefined;
}

export interface CsvDialect {
  delimiter: string;
  columns: string[];
  /** false when the first line is data (every field a number): columns are then named column1, column2, … */
  header: boolean;
  encoding: 'utf-8';
}

const NUMERIC_FIELD = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

const DELIMITERS = [',', '\t', ';', '|'];

/** Splits one line by delimiter, honouring double quotes (enough to count fields for sniffing). */
function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

function checkEncoding(file: string, head: Buffer): void {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new MlopsError(`${file} is UTF-16 encoded; only UTF-8 text can be read.`, {
      kind: 'input',
      where: { file, line: 1 },
      expected: 'UTF-8 text',
      found: 'a UTF-16 byte order mark',
      hint: `Convert it, e.g. \`iconv -f UTF-16 -t UTF-8 ${file} > out.csv\`.`,
    });
  }
  const text = head.toString('utf8');
  const bad = text.indexOf('\uFFFD');
  // A multi-byte character cut at the end of the sample is not an error.
  if (bad >= 0 && bad < text.length - 4 && !head.toString('latin1').includes('\uFFFD')) {
    const line = text.slice(0, bad).split('\n').length;
    const lineStart = text.lastIndexOf('\n', bad) + 1;
    throw new MlopsError(`The file is not valid UTF-8 (line ${line}).`, {
      kind: 'input',
      where: { file, line, column: bad - lineStart + 1 },
      expected: 'UTF-8 text',
      found: `bytes that are not UTF-8 near "${text.slice(lineStart, Math.min(bad + 10, text.indexOf('\n', bad) >>> 0)).replace(/\uFFFD/g, '?')}" (Latin-1 or Windows-1252?)`,
      hint: `Convert it, e.g. \`iconv -f WINDOWS-1252 -t UTF-8 ${file} > out.csv\`.`,
    });
  }
}

/** The text of a file's head without its byte order mark. */
function headText(head: Buffer): string {
  const text = head.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const notBlank = (line: string) => line.trim() !== '';

/** The number of fields on the first non-blank line of a text head (a data line of a headerless file). */
export function firstLineFields(head: Buffer, delimiter: string): number {
  const line = headText(head).split(/\r?\n/).find(notBlank);
  return line === undefined ? 0 : splitLine(line, delimiter).length;
}

/**
 * Delimiter: the candidate that splits the header and the following sample lines into the same number (> 1) of
 * fields most often; a file with one column has no delimiter to find and gets ','.
 */
export function sniffCsv(file: string, head: Buffer, delimiter?: string): CsvDialect {
  checkEncoding(file, head);
  const text = headText(head);
  const lines = text.split(/\r?\n/);
  if (head.length >= 1 << 20) lines.pop(); // possibly cut
  const nonEmpty = lines.filter(notBlank);
  if (nonEmpty.length === 0) {
    throw new MlopsError(`${file} is empty.`, {
      kind: 'input',
      where: { file },
      expected: 'a header line with column names, then data rows',
      found: text.length === 0 ? 'a file of 0 bytes' : 'only blank lines',
      hint: 'Check the step that writes this file.',
    });
  }
  const header = nonEmpty[0]!;
  let chosen = delimiter;
  if (!chosen) {
    const sample = nonEmpty.slice(0, 200);
    let best = { delimiter: ',', score: -1 };
    for (const candidate of DELIMITERS) {
      const width = splitLine(header, candidate).length;
      if (width < 2) continue;
      const agree = sample.filter((l) => splitLine(l, candidate).length === width).length;
      const score = agree * 1000 + width;
      if (score > best.score) best = { delimiter: candidate, score };
    }
    chosen = best.delimiter;
  }
  const first = splitLine(header, chosen);
  // A header names its columns; a first line of numbers only is data (names are never all numbers in practice).
  if (first.every((f) => NUMERIC_FIELD.test(f))) {
    return { delimiter: chosen, columns: first.map((_, i) => `column${i + 1}`), header: false, encoding: 'utf-8' };
  }
  const columns = first.map((c) => c.trim());
  const seen = new Map<string, number>();
  columns.forEach((name, i) => {
    if (name === '') {
      throw new MlopsError(`Column ${i + 1} of the header has no name.`, {
        kind: 'input',
        where: { file, line: 1, column: i + 1 },
        expected: 'a name for every column in the first line',
        found: `"${header.slice(0, 120)}"`,
      });
    }
    if (seen.has(name)) {
      throw new MlopsError(`The header names column "${name}" twice (columns ${seen.get(name)} and ${i + 1}).`, {
        kind: 'input',
        where: { file, line: 1, column: i + 1, field: name },
        expected: 'unique column names',
        found: `"${name}" at columns ${seen.get(name)} and ${i + 1}`,
      });
    }
    seen.set(name, i + 1);
  });
  return { delimiter: chosen, columns, header: true, encoding: 'utf-8' };
}
