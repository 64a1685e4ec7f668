import { type Command, Option } from 'commander';
import { actions } from '../actions/catalog.js';
import type { ActionDefinition } from '../actions/define.js';
import { executeAction } from '../actions/runner.js';
import { describeError, ExitCode, isVerbose, MlopsError } from '../core/errors.js';
import { TOOL_VERSION } from '../core/report/envelope.js';
import { detectPlatform } from '../platform/detect.js';
import { LocalPlatform } from '../platform/local.js';
import { extraCommands } from './commands/index.js';

/** camelCase key commander uses for --kebab-case options. */
function optionKey(input: string): string {
  return input.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export interface CliGlobals {
  verbose?: boolean;
}

function addActionCommand(program: Command, action: ActionDefinition): void {
  const cmd = program.command(action.name).description(action.description);
  for (const [name, spec] of Object.entries(action.inputs)) {
    const def = spec.default;
    if (spec.type === 'boolean') {
      cmd.addOption(new Option(`--${name}`, spec.description));
    } else {
      const option = new Option(`--${name} <value>`, spec.description);
      if (spec.choices) option.choices(spec.choices as string[]);
      if (def !== undefined) option.default(def);
      cmd.addOption(option);
    }
  }
  cmd.action(async (options: Record<string, unknown>) => {
    const verbose = Boolean(program.opts<CliGlobals>().verbose) || isVerbose();
    const inputs: Record<string, string | undefined> = {};
    for (const name of Object.keys(action.inputs)) {
      const value = options[optionKey(name)];
      // A commander default is not a flag: it must not hide MLOPS_INPUT_* in CI (define.ts applies defaults).
      if (value !== undefined && cmd.getOptionValueSource(optionKey(name)) !== 'default') inputs[name] = String(value);
    }
    const platform = await cliPlatform(inputs, verbose);
    const run = () => executeAction(action, platform, { verbose });
    process.exitCode =
      platform instanceof LocalPlatform ? await platform.withProgress(`mlops ${action.name}`, run) : await run();
  });
}

/** In CI the CLI acts as that platform (GitLab jobs run it); in a terminal it is local. CLI flags win over env. */
async function cliPlatform(inputs: Record<string, string | undefined>, verbose: boolean) {
  if (process.env.GITLAB_CI === 'true' || process.env.GITHUB_ACTIONS === 'true') {
    const platform = await detectPlatform();
    const getInput = platform.getInput.bind(platform);
    platform.getInput = (name: string) => inputs[name] ?? getInput(name);
    return platform;
  }
  const platform: LocalPlatform = new LocalPlatform({
    inputs,
    verbose,
    progress: true,
    // Through the logger, so a running spinner is erased before the summary is printed.
    onSummary: (markdown) => platform.log.info(`\n${markdown}`),
  });
  return platform;
}

export async function runCli(argv: string[], program: Command): Promise<void> {
  program
    .name('mlops')
    .description('CI, continuous training and delivery of ML models: the same steps as the GitHub/GitLab actions.')
    .version(TOOL_VERSION)
    .option('--verbose', 'show debug output and stack traces')
    .showHelpAfterError();
  for (const action of actions) addActionCommand(program, action);
  for (const register of extraCommands) register(program);
  program.exitOverride((err) => {
    if (err.exitCode === 0) process.exit(0);
    process.exit(ExitCode.Error);
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('commander.')) return;
    process.stderr.write(`error: ${describeError(error)}\n`);
    const verbose = program.opts<CliGlobals>().verbose || isVerbose();
    if (verbose && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    else if (!(error instanceof MlopsError)) process.stderr.write('Run again with --verbose to see the stack trace.\n');
    process.exitCode = ExitCode.Error;
  }
}
