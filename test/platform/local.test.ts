import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalPlatform } from '../../src/platform/local.js';
import { git, tempDir } from '../helpers/tmp.js';
import { type ContractSubject, platformContract } from './contract.js';
import { CapturingLogger } from './helpers.js';

const root = tempDir('mlops-local-platform-');
process.env.MLOPS_CACHE_DIR = join(root, 'cache');
process.env.MLOPS_ARTIFACT_DIR = join(root, 'artifacts');
git(root, 'init', '-q', '-b', 'main', join(root, 'ws'));

platformContract('local', async (): Promise<ContractSubject> => {
  const platform = new LocalPlatform({ workspace: join(root, 'ws'), logger: new CapturingLogger() });
  return {
    platform,
    cacheRoundTrip: true,
    readPullRequest: async (number) => {
      const state = JSON.parse(readFileSync(join(root, 'ws', '.mlops', 'local', 'platform.json'), 'utf8'));
      const pull = state.pullRequests?.find((p: { number: number }) => p.number === number);
      return pull && { title: pull.title, body: pull.body, labels: pull.labels };
    },
    tamper: () => writeFileSync(join(platform.artifacts.root, 'fraud', '2.0.0', 'weights.bin'), 'tampered'),
  };
});
