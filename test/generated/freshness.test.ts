/**
 * Committed generated files must equal what the generators produce from the current sources, byte for byte:
 * dist/ (bundles, source maps, legal notes), actions/<name>/action.yml and schemas/mlops.schema.json.
 * When one of these fails, run `npm run build` and commit the result.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../harness/runner.js';
import { tempDir } from '../helpers/tmp.js';

const run = promisify(execFile);

function listFiles(root: string, dir = root): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(root, path) : [relative(root, path)];
  });
}

/** Compares two trees file by file; the message names every missing, extra and differing file. */
function assertSameTree(committed: string, fresh: string, what: string): void {
  const a = new Set(listFiles(committed));
  const b = new Set(listFiles(fresh));
  const problems: string[] = [];
  for (const f of b) if (!a.has(f)) problems.push(`missing in ${what}: ${f}`);
  for (const f of a) if (!b.has(f)) problems.push(`not produced by a fresh build, but present in ${what}: ${f}`);
  for (const f of a) {
    if (!b.has(f)) continue;
    const x = readFileSync(join(committed, f));
    const y = readFileSync(join(fresh, f));
    if (!x.equals(y)) {
      let at = 0;
      while (at < x.length && at < y.length && x[at] === y[at]) at++;
      problems.push(`${what}/${f} differs from a fresh build (first difference at byte ${at})`);
    }
  }
  if (problems.length > 0) assert.fail(`${problems.join('\n')}\n=> run \`npm run build\` and commit the result.`);
}

async function tsx(script: string, ...args: string[]): Promise<void> {
  await run(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', script), ...args], {
    cwd: REPO_ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe('generated files are current', () => {
  test('dist/ equals a fresh build', async () => {
    // Source maps hold paths relative to the bundle, so the fresh build goes to the same depth as dist/
    // (a sibling directory, git-ignored) rather than to the OS temp dir.
    const out = mkdtempSync(join(REPO_ROOT, '.dist-check-'));
    after(() => rmSync(out, { recursive: true, force: true }));
    await tsx('build.ts', '--outdir', out);
    assertSameTree(join(REPO_ROOT, 'dist'), out, 'dist');
  });

  test('actions/*/action.yml equal the metadata generated from src/actions', async () => {
    const out = tempDir('mlops-actions-meta-');
    await tsx('generate-action-metadata.ts', '--outdir', out);
    const generated = listFiles(out);
    assert.ok(generated.length >= 6, `expected an action.yml per action, got ${generated.join(', ')}`);
    const committed = listFiles(join(REPO_ROOT, 'actions')).filter((f) => f.endsWith('action.yml'));
    assert.deepEqual(committed.sort(), generated.sort(), 'the set of actions/*/action.yml => run `npm run build`');
    assertSameTree(join(REPO_ROOT, 'actions'), out, 'actions');
  });

  test('schemas/mlops.schema.json equals the schema generated from the zod config', async () => {
    const out = join(tempDir('mlops-schema-'), 'mlops.schema.json');
    await tsx('generate-config-schema.ts', '--out', out);
    const committed = readFileSync(join(REPO_ROOT, 'schemas', 'mlops.schema.json'), 'utf8');
    assert.ok(
      committed === readFileSync(out, 'utf8'),
      'schemas/mlops.schema.json is out of date => run `npm run build` (or `npm run schema`) and commit it.',
    );
  });
});
