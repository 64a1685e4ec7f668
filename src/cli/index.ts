/** The `mlops` command: one subcommand per action (same code path as the actions) plus demo and helpers. */
import { Command } from 'commander';
import { runCli } from './program.js';

await runCli(process.argv, new Command());
