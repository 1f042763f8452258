import { defineRule } from '../../core/rule';
import { resolveAt, type DockerfileModel } from '../../languages/dockerfile';
import { insertAt } from '../../fixes/text';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/copy-multiple-sources-dir',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['hadolint:DL3021'],
  fix: 'safe',
  messages: {
    notDir:
      '{keyword} with {count} sources copies them into a directory: end the destination with `/` ({dest}/), as the classic builder and Podman require.',
  },
  docs: {
    summary: 'COPY and ADD with several sources should name a directory ending in `/`.',
    rationale:
      'With more than one source the destination can only be a directory. BuildKit creates it either way, but ' +
      'the classic builder stops with "When using COPY with more than one source file, the destination must be a ' +
      'directory and end with a /", and a reader cannot tell whether `COPY a b app` meant a file. The severity is ' +
      'a warning because BuildKit accepts it. Sources are counted as written (a wildcard counts once, since what ' +
      'it matches is not known here); heredoc sources and destinations with a variable of unknown value are left ' +
      'alone. The fix appends `/`.',
    bad: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json app\n',
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json app/\n',
  },
  check(ctx) {
    const { model } = ctx;
    for (const ins of model.instructions) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.heredocs.length > 0) continue;
      const words = ins.json ?? ins.args;
      if (words.length < 3) continue;
      const destTok = words[words.length - 1] as (typeof words)[number];
      const raw = ins.json ? destTok.value.replace(/^"|"$/g, '') : destTok.value;
      const dest = resolveAt(model, ins, raw);
      if (dest === null || dest.endsWith('/') || dest.endsWith('\\')) continue;
      // `COPY a b .` and `COPY a b ..` name directories already.
      if (dest === '.' || dest === '..' || dest.endsWith('/.')) continue;
      const end = ins.json
        ? { ...destTok.range.end, character: destTok.range.end.character - 1 }
        : destTok.range.end;
      ctx.report({
        at: destTok.range,
        messageId: 'notDir',
        data: { keyword: ins.keyword, count: words.length - 1, dest: raw },
        fix: () => ({ title: 'End the destination with /', edits: [insertAt(end, '/')] }),
      });
    }
  },
});
