import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** Files named in the command line that exist (e.g. train.py): the default code paths of a command. */
export function codePathsOf(command: string, cwd: string): string[] {
  const tokens = command.split(/\s+/).map((token) => token.replace(/^['"]|['"]$/g, ''));
  return [...new Set(tokens)].filter(
    (t) =>
      t !== '' &&
      !t.startsWith('-') &&
      !t.includes('=') &&
      /[./]/.test(t) &&
      !isAbsolute(t) &&
      existsSync(join(cwd, t)),
  );
}
