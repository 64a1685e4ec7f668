/**
 * Errors and exit codes through the one wrapper every action and CLI command runs in (src/actions/runner.ts):
 * 0 passed, 1 a check failed, 2 the tool could not do its job; ::error annotations with file/line on GitHub,
 * readable text in a terminal, a stack trace only when verbose.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { commonInputs, defineAction } from '../../src/actions/define.js';
import { executeAction } from '../../src/actions/runner.js';
import { describeError, ExitCode, formatLocation, isVerbose, MlopsError } from '../../src/core/errors.js';
import { GitHubPlatform } from '../../src/platform/github.js';
import { LocalPlatform } from '../../src/platform/local.js';
import { ConsoleLogger } from '../../src/platform/logger.js';
import { parseAnnotations, parseFileCommand, runBundle } from '../harness/runner.js';
import { tempDir } from '../helpers/tmp.js';

type Behaviour = 'pass' | 'gate-fails' | 'bad-config' | 'crash' | 'input-error';

const probeAction = defineAction({
  name: 'probe',
  title: 'Probe',
  description: 'test action',
  icon: 'box',
  color: 'blue',
  inputs: { ...commonInputs, behaviour: { description: 'what to do', required: true } },
  outputs: { passed: { description: 'x' }, report: { description: 'y' } },
  async run(ctx) {
    const behaviour = ctx.inputs.string('behaviour') as Behaviour;
    if (behaviour === 'bad-config') await ctx.config();
    if (behaviour === 'crash') (undefined as unknown as { x: number }).x.toFixed();
    if (behaviour === 'input-error') {
      throw new MlopsError('Column "bill_length_mm" has a value that is not a number.', {
        kind: 'input',
        where: { file: 'data/train.csv', line: 42, row: 41, field: 'bill_length_mm' },
        expected: 'a number',
        found: '"n/a"',
        hint: 'Fix the row or declare the column nullable.',
      });
    }
    const failed = behaviour === 'gate-fails';
    return {
      exitCode: failed ? ExitCode.Failed : ExitCode.Passed,
      outputs: { passed: String(!failed), report: 'multi\nline' },
      summary: `## Probe\n${failed ? 'gate failed' : 'all good'}\n`,
      headline: failed ? '1 gate failed: accuracy 0.7 < 0.8' : 'all passed',
    };
  },
});

// @actions/core caches the step-summary path on first use (one process is one step on a runner), so every
// in-process run shares one summary file, emptied before each run.
const SUMMARY_FILE = join(tempDir('mlops-summary-'), 'step-summary');

/** Runs the probe as a GitHub action in-process; returns exit code, stdout (workflow commands), outputs, summary. */
async function onGitHub(behaviour: Behaviour, env: Record<string, string> = {}) {
  const dir = tempDir();
  const files = { output: join(dir, 'out'), summary: SUMMARY_FILE };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  writeFileSync(
    join(dir, 'mlops.yaml'),
    'model:\n  name: m\n  task: binary\n  label: y\nevaluate:\n  decideOn: maybe\n',
  );
  const fullEnv = {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    INPUT_BEHAVIOUR: behaviour,
    ...env,
  };
  const saved = { ...process.env };
  Object.assign(process.env, fullEnv);
  const chunks: string[] = [];
  const write = process.stdout.write;
  // The test runner reports through stdout too (binary chunks); only the text the action writes is captured.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (typeof chunk !== 'string') return (write as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
    chunks.push(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await executeAction(probeAction, GitHubPlatform.fromEnv(fullEnv));
    return {
      code,
      stdout: chunks.join(''),
      outputs: parseFileCommand(readFileSync(files.output, 'utf8')),
      summary: readFileSync(files.summary, 'utf8'),
    };
  } finally {
    process.stdout.write = write;
    for (const key of Object.keys(fullEnv)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

async function inTerminal(behaviour: Behaviour, verbose = false) {
  const out = new PassThrough();
  const err = new PassThrough();
  const text = { out: '', err: '' };
  out.on('data', (b: Buffer) => {
    text.out += b.toString();
  });
  err.on('data', (b: Buffer) => {
    text.err += b.toString();
  });
  const platform = new LocalPlatform({
    workspace: tempDir(),
    inputs: { behaviour },
    logger: new ConsoleLogger({ verbose }, out, err),
  });
  const code = await executeAction(probeAction, platform, { verbose });
  return { code, ...text, platform };
}

describe('exit codes and error reporting', () => {
  test('0 when everything passed: outputs and summary are written', async () => {
    const run = await onGitHub('pass');
    assert.equal(run.code, 0);
    assert.deepEqual(run.outputs, { passed: 'true', report: 'multi\nline' });
    assert.equal(run.summary, '## Probe\nall good\n\n');
    assert.deepEqual(parseAnnotations(run.stdout), []);
  });

  test('1 when a gate failed: outputs still written, the headline is an ::error annotation', async () => {
    const run = await onGitHub('gate-fails');
    assert.equal(run.code, 1);
    assert.equal(run.outputs.passed, 'false');
    assert.deepEqual(parseAnnotations(run.stdout), [{ level: 'error', message: '1 gate failed: accuracy 0.7 < 0.8' }]);
  });

  test('2 on a bad config: an ::error annotation pointing at the file and line of the problem', async () => {
    const run = await onGitHub('bad-config');
    assert.equal(run.code, 2);
    const [annotation, ...rest] = parseAnnotations(run.stdout);
    assert.deepEqual(rest, []);
    assert.equal(annotation?.file, 'mlops.yaml');
    assert.equal(annotation?.line, 6);
    assert.equal(annotation?.column, 13);
    assert.equal(annotation?.title, 'Probe failed');
    assert.match(annotation!.message, /evaluate\.decideOn: expected one of "point", "bound", got "maybe"/);
    assert.match(annotation!.message, /what to do: /);
    assert.deepEqual(run.outputs, {});
  });

  test('2 on an input error: the annotation carries file, line, row, column, expected/found and the hint', async () => {
    const run = await onGitHub('input-error');
    assert.equal(run.code, 2);
    const [annotation] = parseAnnotations(run.stdout);
    assert.equal(annotation?.file, 'data/train.csv');
    assert.equal(annotation?.line, 42);
    assert.equal(
      annotation?.message,
      [
        'data/train.csv:42, row 41, column "bill_length_mm": Column "bill_length_mm" has a value that is not a number.',
        '  expected: a number',
        '  found:    "n/a"',
        '  what to do: Fix the row or declare the column nullable.',
      ].join('\n'),
    );
  });

  test('2 on an unexpected crash: a readable message, no stack unless RUNNER_DEBUG=1', async () => {
    const quiet = await onGitHub('crash');
    assert.equal(quiet.code, 2);
    assert.match(quiet.stdout, /::error::Unexpected error: Cannot read properties of undefined/);
    assert.match(quiet.stdout, /Run again with RUNNER_DEBUG=1/);
    assert.doesNotMatch(quiet.stdout, /\n\s+at /);
    const debug = await onGitHub('crash', { RUNNER_DEBUG: '1' });
    assert.equal(debug.code, 2);
    assert.match(debug.stdout, /TypeError: Cannot read properties of undefined[^\n]*\n\s+at /);
  });

  test('a missing required input is a usage error naming how to set it on each platform', async () => {
    const run = await onGitHub('' as Behaviour);
    assert.equal(run.code, 2);
    assert.match(run.stdout, /Input "behaviour" is required/);
    assert.match(run.stdout, /MLOPS_INPUT_BEHAVIOUR/);
  });

  test('in a terminal errors are plain text on stderr, stack trace only with --verbose', async () => {
    const plain = await inTerminal('input-error');
    assert.equal(plain.code, 2);
    assert.match(plain.err, /^error: data\/train\.csv:42, row 41, column "bill_length_mm": Column/);
    assert.doesNotMatch(plain.err + plain.out, /::error|\n\s+at /);
    const crash = await inTerminal('crash', true);
    assert.equal(crash.code, 2);
    assert.match(crash.out + crash.err, /TypeError[^\n]*\n\s+at /);
    const failed = await inTerminal('gate-fails');
    assert.equal(failed.code, 1);
    assert.equal(failed.platform.outputs.passed, 'false');
  });

  test('verbosity comes from RUNNER_DEBUG, MLOPS_VERBOSE or GitLab debug tracing', () => {
    assert.equal(isVerbose({}), false);
    assert.equal(isVerbose({ RUNNER_DEBUG: '1' }), true);
    assert.equal(isVerbose({ MLOPS_VERBOSE: '1' }), true);
    assert.equal(isVerbose({ CI_DEBUG_TRACE: 'true' }), true);
  });

  test('locations format as file:line:column plus row, column and path', () => {
    assert.equal(formatLocation({ file: 'a.yaml', line: 3, column: 5 }), 'a.yaml:3:5');
    assert.equal(formatLocation({ row: 7, field: 'x' }), 'row 7, column "x"');
    assert.equal(formatLocation({ line: 2 }), 'line 2');
    assert.equal(describeError('boom'), 'Unexpected error: boom');
    const enoent = Object.assign(new Error("ENOENT: no such file or directory, open 'x.csv'"), { code: 'ENOENT' });
    assert.match(describeError(enoent), /check that the path exists/);
  });
});

describe('the CLI bundle', () => {
  test('prints usage errors readably with exit code 2, and the stack only with --verbose or RUNNER_DEBUG=1', async () => {
    const env = { GITHUB_ACTIONS: undefined, CI: undefined };
    const plain = await runBundle('dist/cli/index.js', { args: ['doctor', '--only', 'gpu'], env });
    assert.equal(plain.exitCode, 2);
    assert.match(plain.stderr, /^error: Unknown --only entry "gpu"\.\n {2}what to do: Use duckdb, onnx or both\.\n$/);
    const verbose = await runBundle('dist/cli/index.js', { args: ['--verbose', 'doctor', '--only', 'gpu'], env });
    assert.equal(verbose.exitCode, 2);
    assert.match(verbose.stderr, /MlopsError: Unknown --only entry[^\n]*\n\s+at /);
    const debug = await runBundle('dist/cli/index.js', {
      args: ['doctor', '--only', 'gpu'],
      env: { ...env, RUNNER_DEBUG: '1' },
    });
    assert.match(debug.stderr, /\n\s+at /);
  });

  test('an unknown command or option exits 2 with help', async () => {
    const run = await runBundle('dist/cli/index.js', {
      args: ['no-such-command'],
      env: { GITHUB_ACTIONS: undefined },
    });
    assert.equal(run.exitCode, 2);
    assert.match(run.stderr, /unknown command 'no-such-command'/);
  });
});
