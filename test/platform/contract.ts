/**
 * The behaviour every Platform must show, whatever the service behind it: run by local.test.ts,
 * github.test.ts (against the fake GitHub) and gitlab.test.ts (against the fake GitLab).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MlopsError } from '../../src/core/errors.js';
import { sha256 } from '../../src/core/fs.js';
import type { Platform } from '../../src/platform/types.js';
import { tempDir } from '../helpers/tmp.js';
import { writeBytes } from './helpers.js';

export interface ContractSubject {
  platform: Platform;
  /** Makes the next artifact download return altered bytes (storage tampering). */
  tamper?: () => void;
  /** Whether cache save/restore really round-trips on this platform in tests. */
  cacheRoundTrip: boolean;
  /** The pull/merge request as the service stores it. */
  readPullRequest: (number: number) => Promise<{ title: string; body: string; labels: string[] } | undefined>;
}

export function platformContract(label: string, subject: () => Promise<ContractSubject>): void {
  describe(`Platform contract: ${label}`, () => {
    it('upserts one comment per marker: creates it, then updates it in place', async () => {
      const { platform } = await subject();
      const first = await platform.upsertComment('contract-comment', 'first body');
      assert.equal(first.created, true);
      const second = await platform.upsertComment('contract-comment', 'second body');
      assert.equal(second.created, false);
      assert.equal(second.id, first.id);
      const other = await platform.upsertComment('another-marker', 'unrelated');
      assert.equal(other.created, true);
      assert.notEqual(other.id, first.id);
    });

    it('opens one pull request per head and base: creates it, then updates title and body in place', async () => {
      const { platform, readPullRequest } = await subject();
      const head = 'mlops/promote/churn-1.2.0-production';
      const first = await platform.openPullRequest({
        head,
        base: 'main',
        title: 'Promote churn 1.2.0 to production',
        body: 'card v1',
        labels: ['mlops'],
      });
      assert.equal(first.created, true);
      assert.equal(typeof first.number, 'number');
      const second = await platform.openPullRequest({
        head,
        base: 'main',
        title: 'Promote churn 1.2.0 to production (re-run)',
        body: 'card v2',
      });
      assert.deepEqual(second, { ...second, number: first.number, created: false });
      assert.deepEqual(await readPullRequest(first.number), {
        title: 'Promote churn 1.2.0 to production (re-run)',
        body: 'card v2',
        labels: ['mlops'],
      });
      const elsewhere = await platform.openPullRequest({ head, base: 'release', title: 'Backport', body: 'b' });
      assert.equal(elsewhere.created, true);
      assert.notEqual(elsewhere.number, first.number);
      const third = await platform.openPullRequest({ head, base: 'main', title: 'Again', body: 'card v3' });
      assert.equal(third.number, first.number);
      assert.equal((await readPullRequest(first.number))?.body, 'card v3');
    });

    it("comments on another pull request than the run's own when asked to", async () => {
      const { platform } = await subject();
      const own = await platform.upsertComment('contract-elsewhere', "on the run's own");
      const other = await platform.upsertComment('contract-elsewhere', 'on another', { pullRequest: 9001 });
      assert.equal(other.created, true);
      assert.notEqual(other.id, own.id);
      const again = await platform.upsertComment('contract-elsewhere', 'on another, updated', { pullRequest: 9001 });
      assert.deepEqual([again.id, again.created], [other.id, false]);
    });

    it('opens, finds, updates, comments on, closes and reopens the issue for a marker', async () => {
      const { platform } = await subject();
      assert.equal(await platform.findIssue('contract-issue'), undefined);
      const opened = await platform.upsertIssue('contract-issue', { title: 'Drift', body: 'v1', labels: ['drift'] });
      assert.equal(opened.created, true);
      assert.equal(opened.state, 'open');
      const updated = await platform.upsertIssue('contract-issue', { title: 'Drift again', body: 'v2' });
      assert.equal(updated.created, false);
      assert.equal(updated.number, opened.number);
      assert.equal((await platform.findIssue('contract-issue'))?.number, opened.number);
      await platform.commentOnIssue(opened.number, 'still drifting');
      await platform.closeIssue(opened.number, 'resolved');
      assert.equal(await platform.findIssue('contract-issue'), undefined);
      const reopened = await platform.upsertIssue('contract-issue', { title: 'Back', body: 'v3' }, { reopen: true });
      assert.equal(reopened.number, opened.number);
      assert.equal(reopened.created, false);
      assert.equal(reopened.state, 'open');
      await platform.closeIssue(reopened.number);
      const fresh = await platform.upsertIssue('contract-issue', { title: 'New', body: 'v4' });
      assert.equal(fresh.created, true);
      assert.notEqual(fresh.number, opened.number);
    });

    it('stores artifacts by sha256: round trip, idempotent re-put, conflicting content refused', async () => {
      const { platform } = await subject();
      const dir = tempDir('mlops-contract-');
      const content = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 251));
      const file = writeBytes(dir, 'model.onnx', content);
      const stored = await platform.artifacts.put('churn', '1.2.0', file);
      assert.equal(stored.sha256, sha256(content));
      assert.equal(stored.size, content.length);
      const again = await platform.artifacts.put('churn', '1.2.0', file);
      assert.equal(again.sha256, stored.sha256);
      const dest = join(dir, 'out', 'model.onnx');
      await platform.artifacts.get('churn', '1.2.0', 'model.onnx', dest, stored.sha256);
      assert.deepEqual(readFileSync(dest), content);
      const changed = writeBytes(dir, 'changed.onnx', Buffer.concat([content, Buffer.from([1])]));
      await assert.rejects(platform.artifacts.put('churn', '1.2.0', changed, 'model.onnx'), (error: unknown) => {
        assert.ok(error instanceof MlopsError);
        assert.match(error.message, /already exists .*different content/);
        return true;
      });
      await assert.rejects(
        platform.artifacts.get('churn', '9.9.9', 'model.onnx', join(dir, 'x'), stored.sha256),
        MlopsError,
      );
      // An artifact left under a version number another job took is removed; removing nothing says so.
      assert.equal(stored.created, true);
      assert.equal(again.created ?? false, false);
      const orphan = await platform.artifacts.put('churn', '1.3.0', file, 'orphan.onnx');
      assert.equal(await platform.artifacts.discard('churn', '1.3.0', 'orphan.onnx'), true);
      await assert.rejects(
        platform.artifacts.get('churn', '1.3.0', 'orphan.onnx', join(dir, 'orphan'), orphan.sha256),
        MlopsError,
      );
      assert.equal(await platform.artifacts.discard('churn', '1.3.0', 'orphan.onnx'), false);
    });

    it('refuses a download whose bytes do not match the registered sha256, leaving no file', async () => {
      const { platform, tamper } = await subject();
      const dir = tempDir('mlops-contract-');
      const file = writeBytes(dir, 'weights.bin', 'the real weights');
      const stored = await platform.artifacts.put('fraud', '2.0.0', file);
      const dest = join(dir, 'dl', 'weights.bin');
      if (tamper) {
        tamper();
        await assert.rejects(platform.artifacts.get('fraud', '2.0.0', 'weights.bin', dest, stored.sha256), /checksum/);
        assert.equal(existsSync(dest), false);
      }
      const wrong = sha256('something else');
      await assert.rejects(platform.artifacts.get('fraud', '2.0.0', 'weights.bin', dest, wrong), /checksum/);
      assert.equal(existsSync(dest), false);
    });

    it('creates a deployment and reports its status', async () => {
      const { platform } = await subject();
      const { id } = await platform.deployments.create('staging', 'refs/heads/main', 'canary of churn 1.2.0');
      assert.equal(typeof id, 'number');
      await platform.deployments.setStatus(id, 'in_progress', 'canary at 10%');
      await platform.deployments.setStatus(id, 'success', 'promoted', 'https://models.example.com/churn');
    });

    it('triggers the retraining workflow', async () => {
      const { platform } = await subject();
      const result = await platform.trigger({
        workflow: 'retrain.yml',
        ref: 'refs/heads/main',
        inputs: { reason: 'drift' },
      });
      assert.equal(typeof (result.url ?? ''), 'string');
    });

    it('caches paths by key (exact and prefix restore) or degrades to a miss without failing', async () => {
      const { platform, cacheRoundTrip } = await subject();
      const cwd = platform.context.workspace;
      const rel = `.mlops/contract-cache-${Date.now()}`;
      mkdirSync(join(cwd, rel), { recursive: true });
      writeFileSync(join(cwd, rel, 'features.bin'), 'cached features');
      const saved = await platform.cache.save([rel], `features-${rel}-abc`);
      if (!cacheRoundTrip) {
        assert.equal(saved, false);
        assert.equal(await platform.cache.restore([rel], `features-${rel}-abc`), undefined);
        return;
      }
      assert.equal(saved, true);
      writeFileSync(join(cwd, rel, 'features.bin'), 'overwritten');
      assert.equal(await platform.cache.restore([rel], `features-${rel}-abc`), `features-${rel}-abc`);
      assert.equal(readFileSync(join(cwd, rel, 'features.bin'), 'utf8'), 'cached features');
      const byPrefix = await platform.cache.restore([rel], `features-${rel}-zzz`, [`features-${rel}-`]);
      assert.ok(byPrefix?.startsWith(`features-`));
      assert.equal(await platform.cache.restore([rel], 'no-such-key'), undefined);
    });
  });
}
