/** The drift-check action in process, through the local platform: outputs, summary, exit codes, windows. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { driftCheckAction } from '../../src/actions/drift-check.js';
import { executeAction } from '../../src/actions/runner.js';
import { closeEngine, configureEngine } from '../../src/core/data/engine.js';
import type { DriftReport } from '../../src/core/drift/report.js';
import { LocalPlatform } from '../../src/platform/local.js';
import { git, tempDir } from '../helpers/tmp.js';
import { CapturingLogger } from '../platform/helpers.js';
import { makeRows, writeCsv, writeLinearModel } from './data.js';

after(() => closeEngine());

function workspace(yaml: string): string {
  const dir = tempDir('mlops-drift-action-');
  writeFileSync(join(dir, 'mlops.yaml'), yaml);
  writeCsv(join(dir, 'train.csv'), makeRows(51, 2000));
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

async function run(dir: string, inputs: Record<string, string>) {
  const logger = new CapturingLogger();
  process.env.MLOPS_CACHE_DIR = join(dir, '.cache');
  const platform = new LocalPlatform({ workspace: dir, inputs, logger });
  delete process.env.MLOPS_CACHE_DIR;
  const exitCode = await executeAction(driftCheckAction, platform);
  return { exitCode, outputs: platform.outputs, summary: platform.summaries.join('\n'), log: logger.text };
}

test('drift found: exit 1, outputs, summary verdict first, issue and retraining through the platform', async () => {
  const dir = workspace(
    'version: 1\ndata:\n  train: train.csv\ndrift:\n  retrain:\n    enabled: true\n  prediction:\n    model: linear.onnx\n',
  );
  writeLinearModel(join(dir, 'linear.onnx'));
  writeCsv(join(dir, 'current.csv'), makeRows(52, 1500, { meanShift: 0.8, scale: 2, newCategory: 0.2 }));
  const result = await run(dir, { current: 'current.csv' });
  assert.equal(result.exitCode, 1, result.log);
  assert.equal(result.outputs.drifted, 'true');
  assert.deepEqual(result.outputs['drifted-columns']!.split(',').sort(), ['color', 'x1', 'x2']);
  assert.ok(existsSync(result.outputs.report!));
  const report = JSON.parse(readFileSync(result.outputs.report!, 'utf8')) as DriftReport;
  assert.equal(report.kind, 'DriftReport');
  assert.equal(report.prediction?.drifted, true, 'the model ran on both sides and its output moved');
  assert.match(result.summary.split('\n').slice(0, 3).join('\n'), /Drift detected/);
  assert.match(result.summary, /```mermaid/);
  assert.doesNotMatch(result.summary, /NaN/);
  const state = JSON.parse(readFileSync(join(dir, '.mlops/local/platform.json'), 'utf8'));
  assert.equal(state.issues.length, 1);
  assert.equal(state.triggers.length, 1);
  assert.equal(report.alert?.retrain?.triggered, true);

  // Without drift: exit 0 and the issue is closed with a comment.
  writeCsv(join(dir, 'current.csv'), makeRows(53, 1500));
  const calm = await run(dir, { current: 'current.csv' });
  assert.equal(calm.exitCode, 0, calm.log);
  assert.equal(calm.outputs.drifted, 'false');
  const after = JSON.parse(readFileSync(join(dir, '.mlops/local/platform.json'), 'utf8'));
  assert.equal(after.issues[0].state, 'closed');
  assert.match(after.issues[0].comments.at(-1), /Drift is gone/);
  assert.equal(after.triggers.length, 1);

  // fail-on never reports drift without failing the job.
  writeCsv(join(dir, 'current.csv'), makeRows(54, 1500, { meanShift: 1, scale: 2, newCategory: 0.3 }));
  const lenient = await run(dir, { current: 'current.csv', 'fail-on': 'never' });
  assert.equal(lenient.exitCode, 0);
  assert.equal(lenient.outputs.drifted, 'true');
});

test('a time window of a JSON Lines prediction log; an empty window is a clear error (exit 2)', async () => {
  const dir = workspace('version: 1\ndata:\n  train: train.csv\ndrift:\n  window:\n    column: ts\n    last: 24h\n');
  const now = Date.now();
  const old = makeRows(61, 800, { meanShift: 2, scale: 3, newCategory: 0.5 }).map((r, i) => ({
    ...r,
    ts: new Date(now - 30 * 3_600_000 - i * 1000).toISOString(),
  }));
  const recent = makeRows(62, 800).map((r, i) => ({ ...r, ts: new Date(now - 3_600_000 - i * 1000).toISOString() }));
  writeFileSync(join(dir, 'log.jsonl'), [...old, ...recent].map((r) => JSON.stringify(r)).join('\n'));
  const spill = tempDir('mlops-drift-spill-');
  const windowCopies = () => new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('mlops-drift-window-')));
  const before = windowCopies();
  await configureEngine({ tempDirectory: spill });
  let result: Awaited<ReturnType<typeof run>>;
  try {
    result = await run(dir, { current: 'log.jsonl' });
    assert.deepEqual(readdirSync(spill), [], "the window's filtered copy is removed when the check ends");
    assert.deepEqual(
      [...windowCopies()].filter((f) => !before.has(f)),
      [],
      'and none is left in the system temp dir',
    );
  } finally {
    await configureEngine({});
  }
  assert.equal(result.exitCode, 0, result.log);
  const report = JSON.parse(readFileSync(result.outputs.report!, 'utf8')) as DriftReport;
  assert.equal(report.current.rows, 800, 'only the last 24 h: the shifted old rows are out of the window');
  assert.equal(report.current.window?.column, 'ts');
  assert.ok(!report.columns.some((c) => c.column === 'ts'), 'the timestamp is not a feature');

  const wide = await run(dir, { current: 'log.jsonl', window: '48h' });
  assert.equal(wide.exitCode, 1, 'with the old rows the drift shows');

  const empty = await run(dir, { current: 'log.jsonl', window: '1m' });
  assert.equal(empty.exitCode, 2);
  assert.match(empty.log, /no rows in the window/);
  assert.match(empty.log, /Widen the window/);
});

test('bad input: a missing current file or a bad window is an error, not a crash', async () => {
  const dir = workspace('version: 1\ndata:\n  train: train.csv\n');
  const missing = await run(dir, { current: 'nope.csv' });
  assert.equal(missing.exitCode, 2);
  assert.doesNotMatch(missing.log, /at .*\.ts:\d+/, 'no stack trace');
  const badWindow = await run(dir, { current: 'train.csv', window: 'yesterday' });
  assert.equal(badWindow.exitCode, 2);
  assert.match(badWindow.log, /not a duration/);
});

test('full mode leaves no parsed copies behind, on success and on failure', async () => {
  const dir = workspace(
    'version: 1\ndata:\n  train: train.csv\ndrift:\n  mode: full\n  prediction:\n    enabled: false\n',
  );
  const spill = tempDir('mlops-drift-spill-');
  await configureEngine({ tempDirectory: spill });
  try {
    writeCsv(join(dir, 'current.csv'), makeRows(54, 1500, { meanShift: 0.8, scale: 2, newCategory: 0.2 }));
    const drifted = await run(dir, { current: 'current.csv' });
    assert.equal(drifted.exitCode, 1, drifted.log);
    const report = JSON.parse(readFileSync(drifted.outputs.report!, 'utf8')) as DriftReport;
    assert.equal(report.reference.mode, 'full');
    writeFileSync(join(dir, 'broken.csv'), 'x1,x2\n1,2\n3\n');
    const broken = await run(dir, { current: 'broken.csv' });
    assert.equal(broken.exitCode, 2, broken.log);
    assert.deepEqual(
      readdirSync(spill).filter((f) => f.startsWith('mlops-parsed-')),
      [],
      'the temporary Parquet copies are removed when the check ends',
    );
  } finally {
    await configureEngine({});
  }
});
