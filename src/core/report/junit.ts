import type { CheckResult } from './envelope.js';

function xmlEscape(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
  );
}

/**
 * JUnit XML as GitLab's merge-request test widget and other CI UIs read it: one <testsuite> per check suite,
 * failures as <failure>, skips as <skipped/>, warnings as passing cases with the message in <system-out>.
 */
export function renderJUnit(reportName: string, checks: CheckResult[]): string {
  const suites = new Map<string, CheckResult[]>();
  for (const check of checks) {
    const list = suites.get(check.suite) ?? [];
    list.push(check);
    suites.set(check.suite, list);
  }
  const failures = checks.filter((c) => c.status === 'fail').length;
  const skipped = checks.filter((c) => c.status === 'skip').length;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites name="${xmlEscape(reportName)}" tests="${checks.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
  );
  for (const [suite, cases] of suites) {
    const f = cases.filter((c) => c.status === 'fail').length;
    const s = cases.filter((c) => c.status === 'skip').length;
    out.push(
      `  <testsuite name="${xmlEscape(suite)}" tests="${cases.length}" failures="${f}" errors="0" skipped="${s}">`,
    );
    for (const c of cases) {
      const file = c.file ? ` file="${xmlEscape(c.file)}"${c.line ? ` line="${c.line}"` : ''}` : '';
      out.push(`    <testcase classname="${xmlEscape(`${reportName}.${suite}`)}" name="${xmlEscape(c.name)}"${file}>`);
      if (c.status === 'fail') {
        out.push(`      <failure message="${xmlEscape(c.message)}">${xmlEscape(c.details ?? c.message)}</failure>`);
      } else if (c.status === 'skip') {
        out.push(`      <skipped message="${xmlEscape(c.message)}"/>`);
      } else if (c.status === 'warn' || c.details) {
        out.push(
          `      <system-out>${xmlEscape(`${c.status === 'warn' ? 'WARNING: ' : ''}${c.message}${c.details ? `\n${c.details}` : ''}`)}</system-out>`,
        );
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
