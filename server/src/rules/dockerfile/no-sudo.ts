import { defineRule } from '../../core/rule';
import {
  stageChain,
  type DInstruction,
  type DockerfileModel,
  type ShellCommand,
  type ShellWord,
} from '../../languages/dockerfile';

/**
 * Whether the instruction certainly runs as root: the nearest USER before it in the stage chain is root or
 * 0. With no USER at all the base image decides, and images that ship sudo often default to another user.
 */
function runsAsRoot(model: DockerfileModel, ins: DInstruction): boolean {
  const stage = model.stages[ins.stage];
  if (!stage) return false;
  let user: string | null = null;
  for (const s of stageChain(stage).reverse())
    for (const i of s.instructions) {
      if (i === ins) return user !== null && /^(root|0)(:.*)?$/.test(user);
      if (i.keyword === 'USER') user = i.args[0]?.value.replace(/^(["'])(.*)\1$/, '$2') ?? null;
    }
  return false;
}

/** The `sudo` words of a command, with the word after each (the program when sudo has no options). */
function sudoWords(cmd: ShellCommand): { sudo: ShellWord; next: ShellWord | undefined }[] {
  const out: { sudo: ShellWord; next: ShellWord | undefined }[] = [];
  cmd.words.forEach((w, i) => {
    if (i <= cmd.nameIndex && !w.quoted && /(^|\/)sudo$/.test(w.value))
      out.push({ sudo: w, next: cmd.words[i + 1] });
  });
  return out;
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/no-sudo',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: ['hadolint:DL3004', 'trivy:DS010', 'checkov:CKV2_DOCKER_1'],
  fix: 'safe',
  messages: {
    sudo: 'sudo in a RUN adds a setuid tool to the image and behaves unpredictably without a TTY: run the step as root with USER root instead.',
  },
  docs: {
    summary: 'Do not use sudo in RUN; switch users with USER.',
    rationale:
      'Build steps run as the current USER, so sudo is either unnecessary (already root) or a sign that the image ' +
      'ships sudo to a non-root user, which lets any process in the container become root. sudo also resets the ' +
      'environment and may prompt for a password or need a TTY. Switch to `USER root` for the steps that need it and ' +
      'back to the unprivileged user afterwards (use gosu or su-exec in entrypoints). A fix that removes `sudo ` is ' +
      'offered only when the step certainly runs as root (an explicit `USER root` or `USER 0` before it) and sudo ' +
      'has no options such as `-u`; without a USER line the base image decides who runs the step, so no fix is ' +
      'offered.',
    bad: 'FROM debian:12\nRUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl\n',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    for (const stage of model.stages)
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'RUN') continue;
        const first = ins.json?.[0];
        if (first) {
          // Exec form: the model's JSON tokens keep their quotes.
          if (/^["']?(\S*\/)?sudo["']?$/.test(first.value))
            ctx.report({ at: first.range, messageId: 'sudo' });
          continue;
        }
        if (!ins.shell) continue;
        let root: boolean | undefined;
        for (const cmd of ins.shell.commands)
          for (const { sudo, next } of sudoWords(cmd)) {
            const removable =
              next !== undefined &&
              !next.value.startsWith('-') &&
              next.range.start.line === sudo.range.start.line &&
              (root ??= runsAsRoot(model, ins));
            ctx.report({
              at: sudo.range,
              messageId: 'sudo',
              fix: removable
                ? () => ({
                    title: 'Remove sudo (the step already runs as root)',
                    edits: [{ range: doc.rangeOf(sudo.start, next.start), newText: '' }],
                  })
                : undefined,
            });
          }
      }
  },
});
