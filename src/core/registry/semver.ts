/** Semantic versions as the registry uses them: MAJOR.MINOR.PATCH, optional pre-release, compared by precedence. */
import { MlopsError } from '../errors.js';

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

const SEMVER_RE =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

export function isSemver(text: string): boolean {
  return SEMVER_RE.test(text);
}

export function parseSemver(text: string): SemVer {
  const m = SEMVER_RE.exec(text.replace(/^v/, ''));
  if (!m) {
    throw new MlopsError(`"${text}" is not a semantic version.`, {
      kind: 'usage',
      expected: 'MAJOR.MINOR.PATCH, e.g. 1.4.0 (a leading "v" is allowed)',
      found: JSON.stringify(text),
    });
  }
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease: m[4] ? m[4].split('.') : [],
  };
}

export function formatSemver(v: SemVer): string {
  return `${v.major}.${v.minor}.${v.patch}${v.prerelease.length ? `-${v.prerelease.join('.')}` : ''}`;
}

/** Negative when a < b, by semver precedence (build metadata ignored). */
export function compareSemver(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (x[key] !== y[key]) return x[key] - y[key];
  }
  if (x.prerelease.length === 0 || y.prerelease.length === 0) return y.prerelease.length - x.prerelease.length;
  for (let i = 0; i < Math.max(x.prerelease.length, y.prerelease.length); i++) {
    const p = x.prerelease[i];
    const q = y.prerelease[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) return Number(p) - Number(q);
    if (pn !== qn) return pn ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

export type Bump = 'major' | 'minor' | 'patch';

export function bumpSemver(version: string, bump: Bump): string {
  const v = parseSemver(version);
  if (bump === 'major') return formatSemver({ major: v.major + 1, minor: 0, patch: 0, prerelease: [] });
  if (bump === 'minor') return formatSemver({ major: v.major, minor: v.minor + 1, patch: 0, prerelease: [] });
  return formatSemver({ major: v.major, minor: v.minor, patch: v.patch + 1, prerelease: [] });
}
