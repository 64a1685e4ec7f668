/**
 * An action is declared once, here in code: its inputs and outputs generate actions/<name>/action.yml
 * (scripts/generate-action-metadata.ts) and the CLI's flags, and the same run() serves both.
 */
import type { LoadedConfig } from '../core/config.js';
import { type ExitCode, MlopsError } from '../core/errors.js';
import type { Platform } from '../platform/types.js';

export interface InputSpec {
  description: string;
  /** Default applied when the input is unset; stated in action.yml and --help. */
  default?: string;
  /** Default written only into action.yml, e.g. `${{ github.token }}` (an expression the runner evaluates). */
  workflowDefault?: string;
  required?: boolean;
  type?: 'string' | 'boolean' | 'number' | 'choice';
  choices?: readonly string[];
}

export interface OutputSpec {
  description: string;
}

export interface ActionMeta<I extends string = string, O extends string = string> {
  name: string;
  title: string;
  description: string;
  icon: string;
  color: 'white' | 'yellow' | 'blue' | 'green' | 'orange' | 'red' | 'purple' | 'gray-dark';
  inputs: Record<I, InputSpec>;
  outputs: Record<O, OutputSpec>;
}

export interface ActionResult<O extends string = string> {
  /** 0: everything passed; 1: a check or gate failed. (2 is raised as an MlopsError.) */
  exitCode: ExitCode;
  outputs: Partial<Record<O, string>>;
  /** Markdown for the step summary / CLI output. */
  summary?: string;
  /** One line for the log / CLI. */
  headline?: string;
}

export class Inputs<I extends string> {
  constructor(
    private readonly meta: ActionMeta<I>,
    private readonly platform: Platform,
  ) {}

  /** The raw value, with the declared default applied; undefined when unset and without default. */
  optional(name: I): string | undefined {
    const value = this.platform.getInput(name)?.trim();
    if (value !== undefined && value !== '') return value;
    return this.meta.inputs[name].default;
  }

  string(name: I): string {
    const value = this.optional(name);
    if (value === undefined) {
      throw new MlopsError(`Input "${name}" is required.`, {
        kind: 'usage',
        hint: `Set \`${name}:\` under \`with:\` in the workflow (GitHub), MLOPS_INPUT_${envName(name)} (GitLab) or --${name} (CLI).`,
      });
    }
    return value;
  }

  boolean(name: I): boolean {
    const value = this.optional(name);
    if (value === undefined) return false;
    if (/^(true|yes|1|on)$/i.test(value)) return true;
    if (/^(false|no|0|off)$/i.test(value)) return false;
    throw new MlopsError(`Input "${name}" must be true or false.`, { kind: 'usage', found: JSON.stringify(value) });
  }

  number(name: I): number | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n)) {
      throw new MlopsError(`Input "${name}" must be a number.`, { kind: 'usage', found: JSON.stringify(value) });
    }
    return n;
  }

  choice<C extends string>(name: I): C {
    const value = this.string(name);
    const choices = this.meta.inputs[name].choices ?? [];
    if (!choices.includes(value)) {
      throw new MlopsError(`Input "${name}" must be one of ${choices.join(', ')}.`, {
        kind: 'usage',
        found: JSON.stringify(value),
      });
    }
    return value as C;
  }

  /** A list given one item per line or separated by commas. */
  list(name: I): string[] {
    const value = this.optional(name);
    if (!value) return [];
    return value
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter(Boolean);
  }
}

export function envName(input: string): string {
  return input.replace(/ /g, '_').toUpperCase();
}

export interface ActionContext<I extends string> {
  platform: Platform;
  inputs: Inputs<I>;
  /** Absolute working directory (the `working-directory` input resolved against the workspace). */
  cwd: string;
  /** Absolute directory where reports are written (.mlops/out under cwd by default). */
  outDir: string;
  config(): Promise<LoadedConfig>;
}

export interface ActionDefinition<I extends string = string, O extends string = string> extends ActionMeta<I, O> {
  run(ctx: ActionContext<I>): Promise<ActionResult<O>>;
}

/** Inputs every action has. */
export const commonInputs = {
  config: {
    description: 'Path to the mlops.yaml configuration, relative to working-directory.',
    default: 'mlops.yaml',
  },
  'working-directory': { description: 'Directory to run in, relative to the workspace.', default: '.' },
} as const satisfies Record<string, InputSpec>;

export const failOnInput = {
  description:
    'When to exit non-zero: `error` when a check of severity error fails, `warning` also on warnings, `never` to only report.',
  default: 'error',
  type: 'choice',
  choices: ['error', 'warning', 'never'],
} as const satisfies InputSpec;

export function defineAction<I extends string, O extends string>(
  definition: ActionDefinition<I | keyof typeof commonInputs, O>,
): ActionDefinition<I | keyof typeof commonInputs, O> {
  return definition;
}
