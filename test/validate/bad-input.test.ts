/**
 * Bad input through the action: exit code 2, a message naming file, line/row, column, expected and found, and
 * no ValidationReport.json left behind as if the run had completed.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { validate, workspace } from './helpers.js';

const dir = workspace();

async function expectError(inputs: Record<string, string>, patterns: RegExp[]): Promise<void> {
  const run = await validate(dir, inputs);
  const text = run.logger.lines.join('\n');
  assert.equal(run.exitCode, 2, text);
  for (const p of patterns) assert.match(text, p);
  assert.equal(existsSync(join(dir, '.mlops/out/ValidationReport.json')), false, 'no report after an error');
  assert.equal(run.outputs.report, undefined);
}

describe('validate-data on bad input', () => {
  it('a missing file', async () => {
    await expectError({ data: 'nope.csv', infer: 'true' }, [/nope\.csv does not exist/, /expected: a data file/]);
  });

  it('an empty file', async () => {
    writeFileSync(join(dir, 'empty.csv'), '');
    await expectError({ data: 'empty.csv', infer: 'true' }, [/empty\.csv is empty/, /0 bytes/]);
  });

  it('a ragged row names the line, the row and both widths', async () => {
    writeFileSync(join(dir, 'ragged.csv'), 'a,b,c\n1,2,3\n4,5,6\n7,8\n9,10,11\n');
    await expectError({ data: 'ragged.csv', infer: 'true' }, [
      /ragged\.csv:4, row 3: A row has 2 fields where the header has 3/,
      /expected: 3 fields per row \(a, b, c\)/,
      /found:\s+2 fields: "7,8"/,
    ]);
  });

  it('broken quoting names the line', async () => {
    writeFileSync(join(dir, 'quote.csv'), 'a,b,c\n1,2,3\n4,"x,5\n6,7,8\n');
    await expectError({ data: 'quote.csv', infer: 'true' }, [/quote\.csv:3, row 2: A quoted value is never closed/]);
  });

  it('an encoding that is not UTF-8 names the line and column', async () => {
    const latin1 = Buffer.concat([Buffer.from('name,city\nx,Z'), Buffer.from([0xfc]), Buffer.from('rich\n')]);
    writeFileSync(join(dir, 'latin1.csv'), latin1);
    await expectError({ data: 'latin1.csv', infer: 'true' }, [
      /latin1\.csv:2:4: The file is not valid UTF-8 \(line 2\)/,
    ]);
  });

  it('a header without rows cannot give a schema, and none is written', async () => {
    writeFileSync(join(dir, 'header-only.csv'), 'a,b\n');
    await expectError({ data: 'header-only.csv', infer: 'true' }, [
      /header-only\.csv has no data rows to infer a schema from/,
      /found:\s+2 column\(s\) and 0 rows/,
    ]);
    assert.equal(existsSync(join(dir, '.mlops/schema/header-only.yaml')), false);
  });

  it('an unknown format', async () => {
    writeFileSync(join(dir, 'data.bin'), 'hello world');
    await expectError({ data: 'data.bin', infer: 'true' }, [
      /Cannot tell the format of data\.bin/,
      /expected: a name ending/,
    ]);
  });

  it('a schema file that does not parse, and one with a wrong key, name the line', async () => {
    mkdirSync(join(dir, '.mlops/schema'), { recursive: true });
    writeFileSync(join(dir, '.mlops/schema/data.yaml'), 'version: 1\ndataset: data\ncolumns:\n  a: [unclosed\n');
    await expectError({}, [/Schema file \.mlops\/schema\/data\.yaml is not valid YAML/, /data\.yaml:\d+/]);
    writeFileSync(
      join(dir, '.mlops/schema/data.yaml'),
      'version: 1\ndataset: data\ncolumns:\n  a:\n    type: integer\n    maxNulls: 3\n',
    );
    await expectError({}, [/columns\.a/, /maxNulls/, /data\.yaml:4/]);
  });

  it('no schema yet: says to infer it first', async () => {
    await expectError({ schema: 'missing.yaml' }, [/No schema at missing\.yaml/, /--infer/]);
  });

  it('a user SQL check that does not run names the check, its line in mlops.yaml and the columns', async () => {
    const own = workspace(
      'version: 1\ndata:\n  train: data.csv\nvalidate:\n  checks:\n    - name: mass ok\n      sql: body_mass_g > 0\n    - name: typo\n      sql: body_mas_g >= 2500\n',
    );
    const inferred = await validate(own, { infer: 'true' });
    assert.equal(inferred.exitCode, 0, inferred.logger.lines.join('\n'));
    const run = await validate(own);
    const text = run.logger.lines.join('\n');
    assert.equal(run.exitCode, 2, text);
    assert.match(text, /mlops\.yaml:9.*The SQL of check "typo" does not run: .*body_mas_g/);
    assert.match(text, /expected: a DuckDB SQL condition, true for good rows, over the columns penguin_id, /);
    assert.match(text, /found:\s+body_mas_g >= 2500/);
    assert.doesNotMatch(text, /count\(\*\) FILTER/, 'not the generated query');
    assert.equal(run.outputs.report, undefined);
    // The report of the earlier infer run is left as it was, not replaced by a partial check.
    const left = JSON.parse(readFileSync(join(own, '.mlops/out/ValidationReport.json'), 'utf8')) as { mode: string };
    assert.equal(left.mode, 'infer');

    // Binds, but the text cannot become true/false: found on the first rows, not as a failure to read the data.
    writeFileSync(
      join(own, 'mlops.yaml'),
      'version: 1\ndata:\n  train: data.csv\nvalidate:\n  checks:\n    - name: not a condition\n      sql: island::BOOLEAN\n',
    );
    const text2 = (await validate(own)).logger.lines.join('\n');
    assert.match(text2, /mlops\.yaml:7.*The SQL of check "not a condition" does not run: .*(Biscoe|Dream|Torgersen)/);
  });
});
