/** DuckDB's reader errors turned into MlopsErrors that name the file, line, data row, column, expected and found. */
import { MlopsError, messageOf } from '../errors.js';

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/^[A-Za-z ]+Error: /, '');
}

/** A DuckDB error raised while reading `file` (display name) as MlopsError; other errors are returned as they are. */
export function readerError(error: unknown, file: string, columns: string[] = []): unknown {
  if (error instanceof MlopsError) return error;
  const message = messageOf(error);
  const csvLine = /CSV Error on Line: (\d+)/.exec(message);
  const line = csvLine ? Number(csvLine[1]) : undefined;
  const original = /Original Line: ?(.*)/.exec(message)?.[1]?.slice(0, 200);
  // The header is line 1, so data row n is file line n + 1 (quoted multi-line fields aside; without a header the
  // row number is one too small, which the line number beside it makes clear).
  const row = line !== undefined ? line - 1 : undefined;
  const width = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (width) {
    return new MlopsError(`A row has ${width[2]} fields where the header has ${width[1]}.`, {
      kind: 'input',
      where: { file, line, row },
      expected: `${width[1]} fields per row (${columns.join(', ')})`,
      found: `${width[2]} fields: "${original ?? ''}"`,
      hint: 'A ragged row: a missing or extra delimiter, or a value with the delimiter in it that is not quoted.',
      cause: error,
    });
  }
  if (/unterminated quote/i.test(message)) {
    return new MlopsError('A quoted value is never closed.', {
      kind: 'input',
      where: { file, line, row },
      expected: 'a closing double quote before the end of the value',
      found: `"${(original ?? '').split('\n')[0]}"`,
      hint: 'Broken quoting: double a quote inside a quoted value ("") or remove the stray quote.',
      cause: error,
    });
  }
  if (/Invalid unicode|not utf-8 encoded/i.test(message)) {
    return new MlopsError('The file is not valid UTF-8.', {
      kind: 'input',
      where: { file, line, row },
      expected: 'UTF-8 text',
      found: `bytes that are not UTF-8 in "${original ?? ''}" (Latin-1 or Windows-1252?)`,
      hint: `Convert it, e.g. \`iconv -f WINDOWS-1252 -t UTF-8 ${file} > out.csv\`.`,
      cause: error,
    });
  }
  const conversion = /Could not convert string "?'?(.*?)'?"? to '?(\w+)'?/.exec(message);
  if (conversion) {
    const column = /Column at position: (\d+) Name: (.*?) Type/.exec(message);
    return new MlopsError("A value does not fit its column's type.", {
      kind: 'input',
      where: { file, line, row, field: column?.[2] },
      expected: conversion[2]!,
      found: `"${conversion[1]}"`,
      hint: 'The type was detected from the first rows; run `mlops validate-data` to find every such value.',
      cause: error,
    });
  }
  if (/No files found that match the pattern/i.test(message)) {
    return new MlopsError(`${file} does not exist.`, {
      kind: 'input',
      where: { file },
      expected: 'an existing file, or a glob that matches at least one',
      found: 'no such file',
      cause: error,
    });
  }
  if (/No magic bytes found|not a parquet file|Parquet/i.test(message) && !csvLine) {
    return new MlopsError(`${file} cannot be read as Parquet: ${firstLine(message)}`, {
      kind: 'input',
      where: { file },
      expected: 'a Parquet file',
      found: firstLine(message),
      cause: error,
    });
  }
  if (/JSON|Malformed/i.test(message) && !csvLine) {
    const jsonLine = /line (\d+)/i.exec(message);
    return new MlopsError(`${file} cannot be read as JSON Lines: ${firstLine(message)}`, {
      kind: 'input',
      where: { file, line: jsonLine ? Number(jsonLine[1]) : undefined },
      expected: 'one JSON object per line',
      found: firstLine(message),
      cause: error,
    });
  }
  if (csvLine) {
    return new MlopsError(`Cannot read the CSV: ${message.split('\n').slice(2).join(' ').trim().slice(0, 200)}`, {
      kind: 'input',
      where: { file, line, row },
      found: `"${original ?? ''}"`,
      cause: error,
    });
  }
  return error;
}
