/**
 * The human-written parts of the model card live in a Markdown file in the repository (default
 * .mlops/card-template.md), one `## Heading` per part. Unknown headings are kept as extra sections.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export interface CardTemplate {
  overview?: string;
  owners?: string;
  license?: string;
  references?: string;
  intendedUse?: string;
  users?: string;
  limitations?: string;
  tradeoffs?: string;
  ethicalConsiderations?: string;
  extra: { title: string; body: string }[];
  /** Where it came from, or undefined when no template exists. */
  file?: string;
}

const KEYS: [RegExp, keyof Omit<CardTemplate, 'extra' | 'file'>][] = [
  [/^(overview|description|summary)$/i, 'overview'],
  [/^owners?$/i, 'owners'],
  [/^licen[cs]es?$/i, 'license'],
  [/^references?$/i, 'references'],
  [/^(intended use|intended uses|use cases?)$/i, 'intendedUse'],
  [/^(users|intended users)$/i, 'users'],
  [/^(limitations?|known limitations)$/i, 'limitations'],
  [/^(trade-?offs)$/i, 'tradeoffs'],
  [/^(ethical considerations|ethics|risks)$/i, 'ethicalConsiderations'],
];

export function parseCardTemplate(text: string, file?: string): CardTemplate {
  const out: CardTemplate = { extra: [], file };
  const sections = text.split(/^##\s+/m).slice(1);
  for (const section of sections) {
    const newline = section.indexOf('\n');
    const title = (newline < 0 ? section : section.slice(0, newline)).trim();
    // HTML comments are instructions to the template's author, not card content.
    const body = (newline < 0 ? '' : section.slice(newline + 1)).replace(/<!--[\s\S]*?-->/g, '').trim();
    if (!body) continue;
    const key = KEYS.find(([re]) => re.test(title))?.[1];
    if (key) out[key] = body;
    else out.extra.push({ title, body });
  }
  return out;
}

export async function readCardTemplate(path: string): Promise<CardTemplate> {
  if (!existsSync(path)) return { extra: [] };
  return parseCardTemplate(await readFile(path, 'utf8'), path);
}

/** A starting template for `.mlops/card-template.md`. */
export const DEFAULT_CARD_TEMPLATE = `# Model card template
<!-- The human-written parts of the model card. Each "## " section is copied into every card of this model. -->

## Overview
<!-- One paragraph: what the model predicts and from what. -->

## Owners
<!-- Team or people, and how to reach them. -->

## License

## Intended use
<!-- What the model is for, and who should use it. -->

## Limitations
<!-- Data or situations where it should not be trusted. -->

## Ethical considerations
<!-- Risks, affected groups, mitigations. -->
`;
