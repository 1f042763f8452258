import { defineRule } from '../../core/rule';
import type { DockerfileModel, Token } from '../../languages/dockerfile';
import {
  cleanPath,
  ignoresRoot,
  readIgnoreFile,
  type IgnoreMatcher,
} from '../../languages/dockerfile/dockerignore';
import type { Host } from '../../core/rule';

/** BuildKit reads `<Dockerfile name>.dockerignore` first, then `.dockerignore` (dockerui/config.go). */
function ignoreFile(host: Host): { name: string; matcher: IgnoreMatcher } | null {
  const names = host.fileName ? [`${host.fileName}.dockerignore`, '.dockerignore'] : ['.dockerignore'];
  for (const name of names) {
    const text = host.read?.(name);
    if (text === undefined) continue;
    const matcher = readIgnoreFile(text);
    return matcher ? { name, matcher } : null;
  }
  return null;
}

/** The sources of a COPY or ADD from the build context, as written. */
function sources(words: Token[]): Token[] {
  return words.slice(0, -1).filter((w) => !w.value.startsWith('<<'));
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/copy-ignored-file',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['buildkit:CopyIgnoredFile'],
  fix: null,
  messages: {
    ignored:
      'Attempting to {keyword} file "{file}" that is excluded by {ignoreFile}: the build will not find it.',
  },
  docs: {
    summary: 'COPY and ADD must not name a file the .dockerignore excludes.',
    rationale:
      'Files a `.dockerignore` excludes are never sent to the builder, so `COPY` of one fails with "not ' +
      'found" (or, with a wildcard, silently copies nothing). BuildKit warns (`CopyIgnoredFile`). The rule ' +
      'reads `<Dockerfile name>.dockerignore`, else `.dockerignore`, beside the Dockerfile (the usual build ' +
      'context), and matches sources as BuildKit does, a directory pattern covering what is under it. As in ' +
      'BuildKit it stays quiet when the ignore file has `!` exceptions (a file may be brought back), and for ' +
      'copies from other stages or images, URLs, heredocs and sources with variables; it also stays quiet ' +
      'when the ignore file cannot be read or uses character classes. No fix: either the copy or the ' +
      'ignore file is wrong.',
    bad: 'FROM node:20-alpine\nCOPY .env /app/.env\n',
    good: 'FROM node:20-alpine\nCOPY package.json /app/\n',
  },
  check(ctx) {
    const { model, host } = ctx;
    const file = ignoreFile(host);
    if (!file || file.matcher.exclusions) return;
    for (const ins of model.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      if (ins.flags.some((f) => f.name === 'from')) continue;
      const keyword = ins.keyword === 'COPY' ? 'Copy' : 'Add';
      for (const w of sources(ins.json ?? ins.args)) {
        if (w.value.includes('$') || /^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(w.value)) continue;
        const src = cleanPath(w.value.replace(/^["']|["']$/g, ''));
        if ((src === '.' || src === '/') && !ignoresRoot(file.matcher)) continue;
        if (!file.matcher.matches(src)) continue;
        ctx.report({
          at: w.range,
          messageId: 'ignored',
          data: { keyword, file: src, ignoreFile: file.name },
        });
      }
    }
  },
});
