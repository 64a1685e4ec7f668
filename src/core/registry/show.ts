/** `mlops registry list|show` output, from git alone. */
import { code, table } from '../report/markdown.js';
import { listModels, readModel, workingTree } from './read.js';

export async function registryList(repoDir: string): Promise<string> {
  const names = await listModels(workingTree(repoDir));
  if (names.length === 0) return 'No models are registered in this repository (.mlops/registry/ is empty).';
  const rows: unknown[][] = [];
  for (const name of names) {
    const m = await readModel(repoDir, name);
    const latest = m.versions.at(-1);
    rows.push([
      name,
      m.versions.length,
      latest?.version ?? '—',
      Object.entries(m.stages.stages)
        .map(([s, v]) => `${s}: ${v}`)
        .join(', ') || '—',
    ]);
  }
  return table(['Model', 'Versions', 'Latest', 'Stages'], rows);
}

export async function registryShow(repoDir: string, name: string): Promise<string> {
  const m = await readModel(repoDir, name);
  if (m.versions.length === 0) return `Model ${name} has no registered versions.`;
  const out: string[] = [`## ${name}`];
  out.push(
    table(
      ['Version', 'Registered', 'By', 'Stages', 'Verdict', 'sha256', 'Tag'],
      [...m.versions]
        .reverse()
        .map((v) => [
          `${v.version}${v.deprecated ? ' (deprecated)' : ''}`,
          v.registeredAt.slice(0, 19).replace('T', ' '),
          v.registeredBy ?? '—',
          v.currentStages.join(', ') || '—',
          v.lineage.evaluation?.verdict ?? '—',
          code(v.artifact.sha256.slice(0, 12)),
          code(v.tag),
        ]),
    ),
  );
  out.push('### Stage history');
  out.push(
    m.history.length
      ? table(
          ['When', 'Change', 'Version', 'Requested by', 'Approved by', 'PR', 'Tag'],
          m.history.map((h) => [
            h.at.slice(0, 19).replace('T', ' '),
            `${h.action} ${h.stage}`,
            h.version,
            h.requestedBy ?? '—',
            h.approvedBy.join(', ') || '—',
            h.pullRequest ?? '—',
            code(h.tag ?? ''),
          ]),
        )
      : '_No stage has been assigned yet._',
  );
  const pending = Object.entries(m.stages.stages).filter(
    ([stage, version]) => !m.history.some((h) => h.stage === stage && h.version === version),
  );
  if (pending.length) {
    out.push(`Not yet tagged (run apply-stages): ${pending.map(([s, v]) => `${s} → ${v}`).join(', ')}`);
  }
  return out.join('\n\n');
}
