import { defineRule } from '../../core/rule';
import type { DockerfileModel, ShellCommand } from '../../languages/dockerfile';
import {
  aptCall,
  aptQuietLevel,
  callRange,
  expandedArgs,
  flagIn,
  runsOf,
  configuredBefore,
} from '../../languages/dockerfile/runs';
import { insertAfterWord } from '../../fixes/packages';

/** An APT configuration that answers yes to every prompt, in apt.conf or `-o` syntax. */
const ASSUME_YES_CONFIG = /APT::Get::Assume-Yes[\\"'\s=]*(?:true|1|yes|on)\b/i;

/** `yes`, or `echo y`, piped into the command. */
function answersYes(cmd: ShellCommand | undefined): boolean {
  if (!cmd) return false;
  if (cmd.name === 'yes') return true;
  const arg = cmd.words[cmd.nameIndex + 1]?.value ?? '';
  return (cmd.name === 'echo' || cmd.name === 'printf') && /^y(es)?(\\n)?$/i.test(arg);
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/apt-get-yes',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: ['hadolint:DL3014', 'trivy:DS021'],
  fix: 'safe',
  messages: {
    missingYes:
      '`{tool} install` without `-y` asks for confirmation whenever it needs extra packages, and with no terminal to answer it the build aborts.',
  },
  docs: {
    summary: '`apt-get install` should answer its prompt with `-y`.',
    rationale:
      '`docker build` runs commands without a terminal. When an install pulls in dependencies, apt-get asks ' +
      '"Do you want to continue? [Y/n]", reads end-of-file and aborts, so the build fails as soon as a package ' +
      'gains a dependency. The rule also checks `apt install`. It stays quiet when the command has `-y`, ' +
      '`--yes` or `--assume-yes` (also grouped, as in `-qy`), simulates (`-s`), has quiet level 2 (`-qq`, which apt-get documents as ' +
      'implying `-y`), when `yes |` or `echo y |` feeds the command, and when `APT::Get::Assume-Yes` is set, with `-o` or in an ' +
      'apt.conf file written earlier. Exec-form (JSON) RUN instructions are not checked.',
    bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install curl\n',
    good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    for (const stage of model.stages)
      for (const run of runsOf(model, stage)) {
        const cmds = run.script.commands;
        cmds.forEach((cmd, i) => {
          const call = aptCall(cmd);
          if (!call || call.subcommand.value !== 'install') return;
          const args = expandedArgs(model, run.ins, call.args);
          if (!args || flagIn(args, '-y', '--yes', '--assume-yes') || aptQuietLevel(args) >= 2) return;
          // Simulations do not prompt.
          if (flagIn(args, '-s', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act')) return;
          if (cmd.separatorBefore === '|' && answersYes(cmds[i - 1])) return;
          if (configuredBefore(model, run.ins, cmd.end, ASSUME_YES_CONFIG)) return;
          const sub = call.subcommand;
          ctx.report({
            at: callRange(doc, call),
            messageId: 'missingYes',
            data: { tool: call.label },
            fix: () => ({ title: 'Add -y', edits: [insertAfterWord(doc, sub, ' -y')] }),
          });
        });
      }
  },
});
