/** Small, safe building blocks for GitHub-flavoured Markdown that also renders on GitLab. */

/** Escape text for a table cell or inline position: pipes, newlines and HTML-ish characters. */
export function escapeCell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, '<br>');
}

export type Align = 'left' | 'right' | 'center';

export function table(headers: string[], rows: unknown[][], align?: Align[]): string {
  if (rows.length === 0) return '';
  const sep = headers.map((_, i) => {
    const a = align?.[i] ?? 'left';
    return a === 'right' ? '---:' : a === 'center' ? ':---:' : '---';
  });
  const line = (cells: unknown[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(headers), `| ${sep.join(' | ')} |`, ...rows.map(line)].join('\n');
}

export function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${escapeCell(summary)}</summary>\n\n${body}\n\n</details>`;
}

export function heading(level: number, text: string): string {
  return `${'#'.repeat(Math.min(Math.max(level, 1), 6))} ${text}`;
}

export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text.replace(/\r?\n/g, ' ')}${fence}`;
}

export function codeBlock(text: string, lang = ''): string {
  const fence = text.includes('```') ? '````' : '```';
  return `${fence}${lang}\n${text}\n${fence}`;
}

export const statusIcon: Record<string, string> = {
  pass: '✅',
  fail: '❌',
  warn: '⚠️',
  skip: '⏭️',
};

/** Number formatting for tables: fixed significant digits, no "NaN" ever reaches a reader. */
export function fmt(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'not computable' : value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e9)) return value.toExponential(2);
  return Number(value.toPrecision(digits)).toString();
}

export function signed(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return fmt(value, digits);
  return value > 0 ? `+${fmt(value, digits)}` : fmt(value, digits);
}

export function percent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return fmt(value);
  return `${(value * 100).toFixed(digits)}%`;
}

function mermaidLabel(text: string): string {
  return `"${text.replace(/"/g, "'").slice(0, 40)}"`;
}

/** A Mermaid xychart bar chart (renders on GitHub and GitLab). */
export function barChart(title: string, labels: string[], values: number[], yLabel = ''): string {
  if (labels.length === 0) return '';
  const finite = values.map((v) => (Number.isFinite(v) ? v : 0));
  const max = Math.max(...finite, 0);
  const min = Math.min(...finite, 0);
  return [
    '```mermaid',
    'xychart-beta',
    `  title ${mermaidLabel(title)}`,
    `  x-axis [${labels.map(mermaidLabel).join(', ')}]`,
    `  y-axis ${mermaidLabel(yLabel || ' ')} ${fmtAxis(min)} --> ${fmtAxis(max === min ? max + 1 : max)}`,
    `  bar [${finite.map((v) => fmtAxis(v)).join(', ')}]`,
    '```',
  ].join('\n');
}

function fmtAxis(v: number): string {
  return Number(v.toPrecision(6)).toString();
}

/**
 * Truncate Markdown to a byte budget (comment/summary limits), closing with a visible note. The result, closers
 * and note included, never exceeds maxBytes; it is cut at a line end, and code fences and <details> left open by
 * the cut are closed so the rest of the page renders normally.
 */
export function limitBytes(
  markdown: string,
  maxBytes: number,
  note = '\n\n_… truncated to fit the size limit; the full report is in the JSON artifact._',
): string {
  if (Buffer.byteLength(markdown, 'utf8') <= maxBytes) return markdown;
  const buf = Buffer.from(markdown, 'utf8');
  let budget = maxBytes - Buffer.byteLength(note, 'utf8');
  for (;;) {
    let cut = buf
      .subarray(0, Math.max(0, budget))
      .toString('utf8')
      .replace(/\uFFFD+$/, '');
    const lineEnd = cut.lastIndexOf('\n');
    if (lineEnd > 0) cut = cut.slice(0, lineEnd);
    const closers: string[] = [];
    const fence = openFence(cut);
    if (fence) closers.push(`\n${fence}`);
    const openDetails = (cut.match(/<details[\s>]/g) ?? []).length - (cut.match(/<\/details>/g) ?? []).length;
    for (let i = 0; i < openDetails; i++) closers.push('\n\n</details>');
    const result = cut + closers.join('') + note;
    if (Buffer.byteLength(result, 'utf8') <= maxBytes || budget <= 0) return result;
    budget -= Buffer.byteLength(result, 'utf8') - maxBytes;
  }
}

/** The fence (``` or ````) of a code block left open at the end of text, if any. */
function openFence(text: string): string | undefined {
  let open: string | undefined;
  for (const match of text.matchAll(/^(`{3,})/gm)) {
    const fence = match[1]!;
    if (open === undefined) open = fence;
    else if (fence.length >= open.length) open = undefined;
  }
  return open;
}
