/**
 * Annotated tag messages carry the facts GTO tags cannot hold in their names, as "key: value" lines after a
 * one-line subject, so `git show <tag>` stays readable and the registry history needs nothing but git.
 */

export interface TagFacts {
  version?: string;
  requestedBy?: string;
  approvedBy: string[];
  pullRequest?: number;
  commit?: string;
  sha256?: string;
}

export function formatTagMessage(subject: string, facts: TagFacts): string {
  const lines = [subject, ''];
  if (facts.version) lines.push(`version: ${facts.version}`);
  if (facts.sha256) lines.push(`sha256: ${facts.sha256}`);
  if (facts.requestedBy) lines.push(`requested-by: ${facts.requestedBy}`);
  if (facts.approvedBy.length) lines.push(`approved-by: ${facts.approvedBy.join(', ')}`);
  if (facts.pullRequest !== undefined) lines.push(`pull-request: ${facts.pullRequest}`);
  if (facts.commit) lines.push(`commit: ${facts.commit}`);
  return `${lines.join('\n')}\n`;
}

export function parseTagMessage(message: string): TagFacts {
  const facts: TagFacts = { approvedBy: [] };
  for (const line of message.split('\n')) {
    const m = /^([a-z-]+):\s*(.*)$/.exec(line.trim());
    if (!m) continue;
    const value = m[2]!.trim();
    switch (m[1]) {
      case 'version':
        facts.version = value;
        break;
      case 'sha256':
        facts.sha256 = value;
        break;
      case 'requested-by':
        facts.requestedBy = value;
        break;
      case 'approved-by':
        facts.approvedBy = value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case 'pull-request':
        if (/^\d+$/.test(value)) facts.pullRequest = Number(value);
        break;
      case 'commit':
        facts.commit = value;
        break;
    }
  }
  return facts;
}
