import { defineRule } from '../../core/rule';
import type { TextDoc } from '../../core/text';
import { replace } from '../../fixes/text';
import {
  scopeAt,
  substitute,
  unquote,
  type DInstruction,
  type DockerfileModel,
  type ReadonlyVarScope,
} from '../../languages/dockerfile';

/** Extensions of the archives ADD unpacks (tar, optionally compressed), as hadolint lists them plus zstd. */
const ARCHIVE = /\.(tar|gz|tgz|bz2|tbz2?|tb2|xz|txz|lz|tlz|lzma|z|tz|taz|tpz|zst|tzst)$/i;
/** URLs and git sources: ADD fetches them, COPY cannot. */
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|[\w.-]+@[\w.-]+:|github\.com\/)/i;
/** ADD flags that only make sense for remote sources or unpacking: the author meant ADD. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

/**
 * The strings of an exec-form (JSON) instruction. Read from the document because the model's `json`
 * tokens keep their quotes and lose inner spaces. Null when the text is not plain JSON.
 */
function jsonWords(doc: TextDoc, ins: DInstruction): string[] | null {
  const first = ins.json?.[0];
  const last = ins.json?.[ins.json.length - 1];
  if (!first || !last) return null;
  try {
    const v: unknown = JSON.parse(`[${doc.getText({ start: first.range.start, end: last.range.end })}]`);
    return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : null;
  } catch {
    return null;
  }
}

function copyKeyword(written: string): string {
  if (written === written.toLowerCase()) return 'copy';
  if (written === written.toUpperCase()) return 'COPY';
  return 'Copy';
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/add-instead-of-copy',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: ['hadolint:DL3020', 'trivy:DS005', 'checkov:CKV_DOCKER_4'],
  fix: 'safe',
  messages: {
    useCopy:
      'ADD only copies local files here, like COPY, but it would also unpack archives and fetch URLs without saying so: use COPY.',
  },
  docs: {
    summary: 'Use COPY, not ADD, to copy local files and directories.',
    rationale:
      'ADD has two hidden behaviours: it unpacks local tar archives and downloads URLs. For plain files it does what ' +
      'COPY does, but a reader cannot tell which behaviour was intended, and a file that later turns into an archive ' +
      'gets unpacked by surprise. COPY says exactly what happens. The rule stays quiet when ADD is used for what only ' +
      'ADD can do: URLs, git sources, local archives it unpacks (`.tar`, `.tar.gz`, `.tgz`, `.tar.xz`, `.txz`, …), ' +
      'ADD with `--checksum`, `--keep-git-dir` or `--unpack`, heredocs, and sources held in variables with no known ' +
      'value. The fix renames the instruction; when a source is a wildcard that could match an archive the fix is ' +
      'marked as changing behaviour.',
    bad: 'FROM node:20-slim\nWORKDIR /app\nADD package.json package-lock.json ./\nRUN npm ci\n',
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    for (const stage of model.stages)
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'ADD' || ins.heredocs.length > 0) continue;
        if (ins.flags.some((f) => ADD_ONLY_FLAGS.has(f.name.toLowerCase()))) continue;
        const words = ins.json ? jsonWords(doc, ins) : ins.args.map((a) => a.value);
        if (!words || words.length < 2) continue;
        let scope: ReadonlyVarScope | undefined;
        const sources: string[] = [];
        let known = true;
        for (const w of words.slice(0, -1)) {
          const text = ins.json ? w : unquote(w, model.escapeChar);
          const value = text.includes('$') ? substitute(text, (scope ??= scopeAt(model, ins))) : text;
          if (value === null) known = false;
          else sources.push(value);
        }
        if (!known || sources.some((s) => REMOTE.test(s) || ARCHIVE.test(s))) continue;
        const glob = sources.some((s) => /[*?[]/.test(s));
        const at = ins.keywordRange;
        const keyword = copyKeyword(doc.getText(at));
        ctx.report({
          at,
          messageId: 'useCopy',
          fix: () =>
            glob
              ? {
                  title: `Replace ADD with ${keyword} (changes behaviour if the wildcard matches a tar archive)`,
                  kind: 'unsafe',
                  edits: [replace(at, keyword)],
                }
              : { title: `Replace ADD with ${keyword}`, edits: [replace(at, keyword)] },
        });
      }
  },
});
