import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as core from '@actions/core';
import { tempDir } from '../helpers/tmp.js';
import { actionRepoCopy, parseAnnotations, parseFileCommand, runBundle } from './runner.js';

describe('runner harness', () => {
  test('the action copy has dist/ and actions/ but no node_modules', async () => {
    const root = await actionRepoCopy();
    assert.ok(existsSync(join(root, 'dist', 'cli', 'index.js')));
    assert.ok(existsSync(join(root, 'actions', 'train', 'action.yml')));
    assert.ok(existsSync(join(root, 'package.json')));
    assert.ok(!existsSync(join(root, 'node_modules')));
  });

  test('parses GITHUB_OUTPUT exactly as @actions/core writes it, multi-line values included', () => {
    const file = join(tempDir(), 'out');
    writeFileSync(file, '');
    const saved = process.env.GITHUB_OUTPUT;
    process.env.GITHUB_OUTPUT = file;
    try {
      core.setOutput('passed', 'true');
      core.setOutput('report', 'multi\nline\n\nvalue=with<<marks');
      core.setOutput('empty', '');
    } finally {
      if (saved === undefined) delete process.env.GITHUB_OUTPUT;
      else process.env.GITHUB_OUTPUT = saved;
    }
    assert.deepEqual(parseFileCommand(readFileSync(file, 'utf8')), {
      passed: 'true',
      report: 'multi\nline\n\nvalue=with<<marks',
      empty: '',
    });
    assert.deepEqual(parseFileCommand('a=1\nb=x=y\n'), { a: '1', b: 'x=y' });
    assert.throws(() => parseFileCommand('x<<EOF\nnever closed\n'), /never closed/);
  });

  test('parses annotations with file, line, column and escaped text', () => {
    const lines: string[] = [];
    const write = process.stdout.write;
    // The test runner reports through stdout too (binary chunks); only the text core writes is captured.
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      if (typeof chunk !== 'string')
        return (write as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
      lines.push(chunk);
      return true;
    }) as typeof process.stdout.write;
    try {
      core.error('bad value 100%\nsecond line', { file: 'data/a,b.csv', startLine: 12, startColumn: 3, title: 'T: x' });
      core.warning('careful');
    } finally {
      process.stdout.write = write;
    }
    assert.deepEqual(parseAnnotations(lines.join('')), [
      {
        level: 'error',
        message: 'bad value 100%\nsecond line',
        file: 'data/a,b.csv',
        line: 12,
        column: 3,
        title: 'T: x',
      },
      { level: 'warning', message: 'careful' },
    ]);
  });

  test('runs the CLI bundle under Node 24 from the copy', async () => {
    const run = await runBundle('dist/cli/index.js', {
      args: ['--help'],
      env: { GITHUB_ACTIONS: undefined },
    });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /Usage: mlops/);
    assert.match(run.stdout, /validate-data/);
  });

  test('passes inputs, workspace and event to the process the way the runner does', async () => {
    const root = await actionRepoCopy();
    copyFileSync(join(import.meta.dirname, 'fixtures', 'probe.mjs'), join(root, 'harness-probe.mjs'));
    const workspace = tempDir();
    const run = await runBundle('harness-probe.mjs', {
      inputs: { 'fail-on': 'warning' },
      workspace,
      event: { name: 'pull_request', payload: { pull_request: { number: 7 } } },
    });
    assert.equal(run.exitCode, 1, run.stderr);
    assert.equal(run.outputs['fail-on'], 'warning');
    assert.match(run.outputs.node!, /^v24\./);
    assert.equal(run.outputs.cwd, workspace);
    assert.equal(run.outputs.pr, '7');
    assert.equal(run.outputs.branch, 'main');
    assert.equal(run.summary, '# hello\n');
    assert.deepEqual(run.annotations, [{ level: 'error', message: 'broken', file: 'x.csv', line: 2 }]);
  });
});
