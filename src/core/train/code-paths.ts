import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** Lock files that pin a project's environment: a change to one can change the model. */
const LOCK_FILES = ['uv.lock', 'poetry.lock', 'Pipfile.lock', 'pdm.lock', 'pixi.lock', 'conda-lock.yml', 'renv.lock'];

const SOURCE_OR_CONFIG = /\.(py|r|jl|sh|ya?ml|toml|cfg|ini|conf)$/i;

/**
 * The default code paths of a command: files named on its command line that exist (train.py; as an option's
 * value only code or configuration, --config=conf.yaml), the package of a `-m package.module`, and the
 * environment lock files beside it.
 */
export function codePathsOf(command: string, cwd: string): string[] {
  const tokens = command.split(/\s+/).map((token) => token.replace(/^['"]|['"]$/g, ''));
  const candidates: string[] = [];
  tokens.forEach((token, i) => {
    if (token === '') return;
    const option = /^--?[A-Za-z0-9][\w-]*=(.+)$/.exec(token);
    // An option's file counts when it is code or configuration; --out=model.onnx or --metrics=m.json may be
    // what the run itself writes, and hashing those would make the key depend on the previous run.
    if (option) {
      const value = option[1]!.replace(/^['"]|['"]$/g, '');
      if (SOURCE_OR_CONFIG.test(value)) candidates.push(value);
    } else if (!token.startsWith('-') && !token.includes('=')) candidates.push(token);
    const module = tokens[i - 1] === '-m' ? /^([A-Za-z_]\w*)/.exec(token) : null;
    if (module) candidates.push(module[1]!, `${module[1]}.py`);
  });
  const named = candidates.filter((t) => /[./]/.test(t) || existsSync(join(cwd, t, '__init__.py')));
  return [...new Set([...named, ...LOCK_FILES])].filter((t) => !isAbsolute(t) && existsSync(join(cwd, t)));
}
