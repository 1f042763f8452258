import { defineRule } from '../../core/rule';
import {
  instructionsOf,
  scopeAt,
  inheritsInstruction,
  substitute,
  unquote,
  type DockerfileModel,
} from '../../languages/dockerfile';
import { officialName, rootImage } from '../../languages/dockerfile/images';
import { replace } from '../../fixes/text';
import type { Range } from '../../core/text';

/** Official images that set no WORKDIR, so a relative one is relative to `/`. */
const ROOT_WORKDIR = new Set(['debian', 'ubuntu', 'alpine', 'busybox', 'python', 'node']);

/** Unix absolute paths, and Windows ones (`C:\app`, `\app`) for Windows images. */
const ABSOLUTE = /^([/\\]|[A-Za-z]:)/;

export default defineRule<DockerfileModel>({
  id: 'dockerfile/workdir-absolute',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['hadolint:DL3000', 'buildkit:WorkdirRelativePath', 'trivy:DS009', 'checkov:CKV_DOCKER_10'],
  fix: 'safe',
  messages: {
    relative:
      "WORKDIR {path} is relative to the base image's working directory, which can change upstream without notice: use an absolute path.",
  },
  docs: {
    summary: 'The first WORKDIR of a stage should be an absolute path.',
    rationale:
      'A relative WORKDIR is resolved against the working directory the base image happens to set: `WORKDIR app` on ' +
      'an image whose WORKDIR is `/usr/src` means `/usr/src/app`, and it silently moves if the image changes. Like ' +
      "BuildKit's WorkdirRelativePath check, only the first WORKDIR of a stage and the stages it is built FROM is " +
      'checked: once an absolute WORKDIR is set in this file, relative ones after it are well defined (and fixing ' +
      'the first relative one fixes the rest). Variables are resolved from ARG and ENV; a path that starts with a ' +
      'variable with no known value (`WORKDIR $HOME/app`) is left alone. The fix makes the path absolute on ' +
      'images known to start in `/` (debian, ubuntu, alpine, busybox, python, node), where that is what it meant.',
    bad: 'FROM node:20-slim\nWORKDIR app\nCOPY . .\nCMD ["node", "server.js"]\n',
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
  },
  check(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      const inherited = inheritsInstruction(stage, 'WORKDIR');
      const first = instructionsOf(stage, 'WORKDIR')[0];
      if (inherited || !first || !first.argsRange || first.args.length === 0) continue;
      const text = unquote(first.args.map((a) => a.value).join(' '), model.escapeChar);
      const path = text.includes('$') ? substitute(text, scopeAt(model, first)) : text;
      if (path === null || path === '' || ABSOLUTE.test(path)) continue;
      // Resolved against the base image's working directory when it is known to be `/`.
      const root = officialName(rootImage(stage));
      const literal = ctx.doc.getText(first.argsRange);
      const fixable =
        root !== null && ROOT_WORKDIR.has(root) && /^(?:\.\/)?[\w.-]/.test(literal) && !literal.includes('$');
      ctx.report({
        at: first.argsRange,
        messageId: 'relative',
        data: { path },
        fix: fixable
          ? () => ({
              title: `Use /${literal.replace(/^\.\//, '')}`,
              edits: [replace(first.argsRange as Range, `/${literal.replace(/^\.\//, '')}`)],
            })
          : undefined,
      });
    }
  },
});
