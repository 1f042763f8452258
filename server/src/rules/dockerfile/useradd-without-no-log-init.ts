import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { expandedArgs, flagIn, runsOf } from '../../languages/dockerfile/runs';
import { insertAfterWord } from '../../fixes/packages';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/useradd-without-no-log-init',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: ['hadolint:DL3046'],
  fix: 'safe',
  messages: {
    sparse:
      '`useradd -u {uid}` without `-l` writes a record at offset {uid} of /var/log/lastlog and faillog, which Docker stores in full: add `-l` (`--no-log-init`).',
  },
  docs: {
    summary: '`useradd` with a high UID should use `-l` (`--no-log-init`).',
    rationale:
      'useradd reserves a lastlog and faillog entry at the position of the UID. The files are sparse on disk but ' +
      'image layers store them whole, so a UID such as 1000000 adds hundreds of megabytes (a known Docker issue, ' +
      'moby/moby#5419). `-l` skips those files. Like hadolint, the rule reports UIDs of six digits or more, where ' +
      'the waste is large; variables are resolved from ARG and ENV.',
    bad: 'FROM debian:12-slim\nRUN useradd -u 123456 app\nUSER app\n',
    good: 'FROM debian:12-slim\nRUN useradd -l -u 123456 app\nUSER app\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    for (const stage of model.stages)
      for (const run of runsOf(model, stage))
        for (const cmd of run.script.commands) {
          if (cmd.name !== 'useradd') continue;
          const args = expandedArgs(model, run.ins, cmd.words.slice(cmd.nameIndex + 1));
          if (!args || flagIn(args, '-l', '--no-log-init')) continue;
          let uid: string | undefined;
          args.forEach((w, i) => {
            if (w.value === '-u' || w.value === '--uid') uid = args[i + 1]?.value;
            else if (w.value.startsWith('--uid=')) uid = w.value.slice(6);
            else if (/^-u\d+$/.test(w.value)) uid = w.value.slice(2);
          });
          if (!uid || !/^\d{6,}$/.test(uid)) continue;
          const program = cmd.words[cmd.nameIndex];
          if (!program) continue;
          ctx.report({
            at: { start: program.range.start, end: cmd.range.end },
            messageId: 'sparse',
            data: { uid },
            fix: () => ({ title: 'Add -l', edits: [insertAfterWord(doc, program, ' -l')] }),
          });
        }
  },
});
