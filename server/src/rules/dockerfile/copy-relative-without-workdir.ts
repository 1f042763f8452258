import { defineRule } from '../../core/rule';
import { inheritsInstruction, resolveAt, type DockerfileModel } from '../../languages/dockerfile';

const ABSOLUTE = /^(?:[/\\]|[A-Za-z]:)/;

export default defineRule<DockerfileModel>({
  id: 'dockerfile/copy-relative-without-workdir',
  language: 'dockerfile',
  severity: 'info',
  recommended: true,
  aliases: ['hadolint:DL3045'],
  fix: null,
  messages: {
    relative:
      '{keyword} to `{dest}` lands in the base image’s working directory, which this file never sets (`/` on most images): set a WORKDIR first or use an absolute path.',
  },
  docs: {
    summary: 'COPY and ADD to a relative destination should follow a WORKDIR.',
    rationale:
      'A relative destination is resolved against the working directory, and before any WORKDIR in the file that ' +
      'is whatever the base image chose: `/` for most, `/go` for golang. `COPY . .` then scatters the build ' +
      'context over the root file system, and the result moves when the base image changes. A WORKDIR in the ' +
      'stage or in the stages it is built FROM counts. Destinations that start with a variable of unknown value ' +
      'are left alone; variables are resolved from ARG and ENV. The severity is info, since the base image may ' +
      'set the directory on purpose.',
    bad: 'FROM node:20-slim\nCOPY package.json .\n',
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json .\n',
  },
  check(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      if (inheritsInstruction(stage, 'WORKDIR')) continue;
      for (const ins of stage.instructions) {
        if (ins.keyword === 'WORKDIR') break;
        if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
        const words = ins.json ?? ins.args;
        const last = words[words.length - 1];
        if (words.length < 2 || !last || ins.heredocs.length > 0) continue;
        const raw = ins.json ? last.value.replace(/^"|"$/g, '') : last.value;
        const dest = resolveAt(model, ins, raw);
        if (dest === null || dest === '' || ABSOLUTE.test(dest)) continue;
        ctx.report({ at: last.range, messageId: 'relative', data: { keyword: ins.keyword, dest: raw } });
      }
    }
  },
});
