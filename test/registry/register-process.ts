/**
 * One registration in its own process, as a CI job would run it: `node --import tsx register-process.ts <result.json>`
 * in a clone, inputs from MLOPS_INPUT_*. Writes { exitCode, outputs, log } to the result file.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { registerModelAction } from '../../src/actions/register-model.js';
import { executeAction } from '../../src/actions/runner.js';
import { LocalPlatform } from '../../src/platform/local.js';

const lines: string[] = [];
const record = (level: string) => (message: string) => lines.push(`${level}: ${message}`);
const platform = new LocalPlatform({
  workspace: process.cwd(),
  logger: {
    info: record('info'),
    warning: record('warning'),
    error: record('error'),
    debug: record('debug'),
    group: (_title, fn) => fn(),
  },
});
if (process.env.RACE_RELEASE_TAGS === '1') {
  // Like GitHub: creating the version's release creates a lightweight tag <model>@v<version> on the run's commit.
  const put = platform.artifacts.put.bind(platform.artifacts);
  platform.artifacts.put = async (namespace, version, file, name) => {
    const stored = await put(namespace, version, file, name);
    spawnSync('git', ['push', '-q', 'origin', `HEAD:refs/tags/${namespace}@v${version}`], { stdio: 'ignore' });
    return stored;
  };
}
const exitCode = await executeAction(registerModelAction, platform);
writeFileSync(process.argv[2]!, JSON.stringify({ exitCode, outputs: platform.outputs, log: lines }));
