import { defineRule } from '../../core/rule';
import type { DInstruction, DockerfileModel } from '../../languages/dockerfile';
import { runOf, type Run } from '../../languages/dockerfile/runs';
import { insertAt, replace } from '../../fixes/text';

/** Commands whose effect (directory, variables, options) would carry into the RUN merged after them. */
const STATEFUL = new Set(['cd', 'pushd', 'popd', 'export', 'set', 'source', '.', 'alias', 'umask', 'shopt', 'trap', 'ulimit', 'unset', 'exec']); // prettier-ignore

function flagsText(ins: DInstruction): string {
  return ins.flags.map((f) => `${f.name.toLowerCase()}=${f.value ?? ''}`).join(' ');
}

function mergeable(run: Run): boolean {
  const cmds = run.script.commands;
  const last = cmds[cmds.length - 1];
  return (
    !run.heredoc &&
    run.ins.heredocs.length === 0 &&
    !run.script.unterminated &&
    last !== undefined &&
    last.separatorAfter !== '&' &&
    cmds.every(
      (c) => !STATEFUL.has(c.name) && c.nameIndex < c.words.length && !c.words.some((w) => w.value === ')'),
    )
  );
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/consecutive-run',
  language: 'dockerfile',
  severity: 'info',
  recommended: false,
  defaultOff: true,
  aliases: ['hadolint:DL3059'],
  fix: 'safe',
  messages: {
    consecutive: 'This RUN follows another with the same options: joining short RUNs saves a layer each.',
  },
  docs: {
    summary: 'Short consecutive RUN instructions could be one (off by default).',
    rationale:
      'Every RUN adds a layer; two short RUNs in a row with the same flags usually belong together. Separate ' +
      'RUNs are also a deliberate way to cache a slow step, which is why the rule is off by default. As in ' +
      'hadolint, RUNs with more than two commands, with different flags (`--mount`, `--network`), or with ' +
      'another instruction between them are not reported; comments between them do not count. The fix joins ' +
      'the RUN to the one above with `&&` when that keeps behaviour: not for heredocs, exec form, or a first RUN ' +
      'that changes directory, variables or shell options (`cd`, `export`, `set`…), which would then apply to ' +
      'the second.',
    bad: 'FROM alpine:3.20\nRUN mkdir /app\nRUN chown 1000 /app\n',
    good: 'FROM alpine:3.20\nRUN mkdir /app && chown 1000 /app\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    for (const stage of model.stages) {
      let prev: Run | null = null;
      for (const ins of stage.instructions) {
        const run = ins.keyword === 'RUN' ? runOf(model, ins) : null;
        if (!run) {
          prev = null;
          continue;
        }
        const before: Run | null = prev;
        prev = run;
        if (!before || flagsText(before.ins) !== flagsText(ins)) continue;
        if (before.script.commands.length > 2 || run.script.commands.length > 2) continue;
        const first = run.script.commands[0];
        const last = before.script.commands[before.script.commands.length - 1];
        // Lines between the two stay (comments are allowed inside a continuation); blank ones would not.
        const between = doc.text.slice(doc.offsetAt(before.ins.range.end), doc.offsetAt(ins.range.start));
        const fixable =
          first &&
          last &&
          mergeable(before) &&
          !run.heredoc &&
          ins.heredocs.length === 0 &&
          !/\n[ \t]*\r?\n/.test(between);
        ctx.report({
          at: ins.keywordRange,
          messageId: 'consecutive',
          fix: fixable
            ? () => ({
                title: 'Join to the RUN above',
                edits: [
                  insertAt(doc.positionAt(last.end), ` && ${model.escapeChar}`),
                  replace(doc.rangeOf(doc.offsetAt(ins.range.start), first.start), '    '),
                ],
              })
            : undefined,
        });
      }
    }
  },
});
