import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { writeFileAtomic } from '../../src/core/fs.js';
import type { CheckResult } from '../../src/core/report/envelope.js';
import { renderJUnit } from '../../src/core/report/junit.js';
import { barChart, codeBlock, details, fmt, limitBytes, table } from '../../src/core/report/markdown.js';
import { type ReportRenderer, renderMarkdown, SIZE_LIMITS, writeReport } from '../../src/core/report/render.js';
import { tempDir } from '../helpers/tmp.js';

const nasty = 'a < b && c > "d" \'e\' \u0001\u0008 ünïcödé 🚀 ]]> --> <!--';

const checks: CheckResult[] = [
  { suite: 'schema', name: 'column "age" type', status: 'pass', message: 'number' },
  { suite: 'schema', name: `nulls in ${nasty}`, status: 'fail', message: `12 nulls ${nasty}`, details: 'row 3\nrow 9' },
  { suite: 'gates', name: 'accuracy >= 0.8', status: 'warn', message: 'close to the threshold' },
  { suite: 'gates', name: 'champion', status: 'skip', message: 'no champion yet', file: 'mlops.yaml', line: 12 },
];

describe('JUnit XML', () => {
  test('is well-formed, survives hostile text, and parses back to the same counts and messages', () => {
    const xml = renderJUnit(`Validation ${nasty}`, checks);
    assert.equal(XMLValidator.validate(xml), true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name, _path, _leaf, isAttribute) => !isAttribute && name !== 'testsuites',
    }).parse(xml) as {
      testsuites: {
        tests: string;
        failures: string;
        skipped: string;
        testsuite: { name: string; tests: string; testcase: Record<string, unknown>[] }[];
      };
    };
    const root = doc.testsuites;
    assert.equal(root.tests, '4');
    assert.equal(root.failures, '1');
    assert.equal(root.skipped, '1');
    assert.deepEqual(
      root.testsuite.map((s) => [s.name, s.tests]),
      [
        ['schema', '2'],
        ['gates', '2'],
      ],
    );
    const failing = root.testsuite[0]!.testcase[1]! as {
      name: string;
      failure: { message: string; '#text': string }[];
    };
    const printable = nasty.replace(/[\u0001\u0008]/g, '');
    assert.equal(failing.name, `nulls in ${printable}`);
    assert.equal(failing.failure[0]!.message, `12 nulls ${printable}`);
    const skipped = root.testsuite[1]!.testcase[1]! as { file: string; line: string };
    assert.equal(skipped.file, 'mlops.yaml');
    assert.equal(skipped.line, '12');
  });

  test('an empty check list is still a valid document', () => {
    const xml = renderJUnit('Nothing', []);
    assert.equal(XMLValidator.validate(xml), true);
    assert.match(xml, /<testsuites name="Nothing" tests="0" failures="0"/);
  });
});

describe('Markdown limits', () => {
  const long = [
    '# Report',
    table(
      ['column', 'value'],
      Array.from({ length: 50 }, (_, i) => [`c${i}`, fmt(i / 3)]),
    ),
    details('Samples', codeBlock(Array.from({ length: 400 }, (_, i) => `row ${i} ✓ ünï`).join('\n'), 'text')),
    barChart('chart', ['a', 'b'], [1, 2]),
  ].join('\n\n');

  test('never exceeds the byte budget and closes open code fences and <details>', () => {
    const size = Buffer.byteLength(long);
    for (let max = 400; max < size; max += 97) {
      const cut = limitBytes(long, max);
      assert.ok(Buffer.byteLength(cut) <= max, `${Buffer.byteLength(cut)} > ${max}`);
      assert.match(cut, /truncated to fit the size limit/);
      assert.equal((cut.match(/^```/gm) ?? []).length % 2, 0, `unbalanced fence at max=${max}`);
      assert.equal((cut.match(/<details/g) ?? []).length, (cut.match(/<\/details>/g) ?? []).length);
      assert.doesNotMatch(cut, /\uFFFD/);
    }
    assert.equal(limitBytes(long, size), long);
  });

  test('renderMarkdown applies the comment limit and leaves CLI output whole', () => {
    const renderer: ReportRenderer<{ kind: string }> = {
      kind: 'Big',
      title: 'Big',
      markdown: () => 'x'.repeat(100) + '\n'.repeat(1) + 'y'.repeat(SIZE_LIMITS.comment * 2),
      checks: () => [],
    };
    assert.ok(Buffer.byteLength(renderMarkdown(renderer, { kind: 'Big' }, 'comment')) <= SIZE_LIMITS.comment);
    assert.equal(renderMarkdown(renderer, { kind: 'Big' }, 'cli').length, 101 + SIZE_LIMITS.comment * 2);
  });

  test('tables escape pipes and newlines, numbers never print NaN', () => {
    assert.equal(table(['a'], [['x|y\nz']]), '| a |\n| --- |\n| x\\|y<br>z |');
    assert.equal(fmt(Number.NaN), 'not computable');
    assert.equal(fmt(undefined), '—');
    assert.equal(fmt(Number.POSITIVE_INFINITY), '∞');
  });
});

describe('writing reports', () => {
  const renderer: ReportRenderer<{ kind: 'ProbeReport'; checks: CheckResult[] }> = {
    kind: 'ProbeReport',
    title: 'Probe',
    markdown: (r) => `# Probe\n${r.checks.length} checks\n`,
    checks: (r) => r.checks,
  };

  test('writes JSON, Markdown and JUnit, leaving no temp files, also when writers race', async () => {
    const dir = tempDir();
    const reports = Array.from({ length: 8 }, (_, i) => ({
      kind: 'ProbeReport' as const,
      checks: checks.slice(0, (i % 4) + 1),
    }));
    await Promise.all(reports.map((r) => writeReport(dir, renderer, r)));
    assert.deepEqual(readdirSync(dir).sort(), ['ProbeReport.json', 'ProbeReport.junit.xml', 'ProbeReport.md']);
    const json = JSON.parse(readFileSync(join(dir, 'ProbeReport.json'), 'utf8')) as { checks: unknown[] };
    assert.ok(reports.some((r) => JSON.stringify(r.checks) === JSON.stringify(json.checks)));
    assert.equal(XMLValidator.validate(readFileSync(join(dir, 'ProbeReport.junit.xml'), 'utf8')), true);
  });

  test('a failed write leaves the old file intact and no temp file behind', async () => {
    const dir = tempDir();
    const target = join(dir, 'report.json');
    await writeFileAtomic(target, '{"old":true}');
    mkdirSync(join(dir, 'blocker'));
    await assert.rejects(writeFileAtomic(join(dir, 'blocker'), 'new'));
    assert.equal(readFileSync(target, 'utf8'), '{"old":true}');
    assert.deepEqual(readdirSync(dir).sort(), ['blocker', 'report.json']);
  });
});
