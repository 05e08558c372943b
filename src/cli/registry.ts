/** Every CLI command, in the order `help` lists them. Later features add theirs here. */
import type { Command } from './command.ts';
import { convertCommand } from './commands/convertCommand.ts';
import { evalCommand } from './commands/evalCommand.ts';
import { metricsCommand } from './commands/metricsCommand.ts';
import { compileCommand } from './commands/compileCommand.ts';
import { decompileCommand } from './commands/decompileCommand.ts';
import { verifyCommand } from './commands/verifyCommand.ts';
import { fitCommand } from './commands/fitCommand.ts';
import { searchCommand } from './commands/searchCommand.ts';

export const commands: readonly Command[] = [
  evalCommand,
  metricsCommand,
  convertCommand,
  compileCommand,
  decompileCommand,
  verifyCommand,
  fitCommand,
  searchCommand,
];
