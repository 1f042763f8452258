import { defineRule } from '../../core/rule';
import type { Token } from '../../languages/dockerfile';
import { argsOf, type DockerfileModel, type ShellCommand } from '../../languages/dockerfile';
import { runsOf, shippedStages } from '../../languages/dockerfile/runs';

/** Archives and compressed files, by their ending (hadolint's list, with zip and zstd). */
const ARCHIVE = /\.(?:tar|tgz|tbz2?|tb2|txz|tlz|tpz|tzst|tz|gz|bz2|xz|lz|lzma|zst|z|zip)$/i;
/** What ADD unpacks by itself: tar archives, plain or compressed with gzip, bzip2 or xz. */
const TAR = /\.(?:tar|tgz|tbz2?|tb2|txz|tar\.(?:gz|bz2|xz))$/i;
/** Programs that unpack or decompress their file arguments. */
const UNPACKERS = new Set([
  'unzip',
  'gunzip',
  'bunzip2',
  'unxz',
  'unlzma',
  'uncompress',
  'unzstd',
  'zcat',
  'gzcat',
]);
const COMPRESSORS = new Set(['gzip', 'bzip2', 'xz', 'zstd', 'lzma']);

function basename(path: string): string {
  let p = path.replace(/^["']|["']$/g, '');
  while (p.endsWith('/')) p = p.slice(0, -1);
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

/** Whether a command unpacks a file: `tar -x…`/`tar x…`, `unzip`, `gunzip`, `xz -d`, … */
function extracts(cmd: ShellCommand): boolean {
  const args = argsOf(cmd).map((w) => w.value);
  if (cmd.name === 'tar' || cmd.name === 'bsdtar') {
    const first = args[0] ?? '';
    // Old-style `tar xzf file` bundles the operation letters without a dash.
    if (/^[A-Za-z]+$/.test(first) && first.includes('x')) return true;
    return args.some((a) => a === '--extract' || a === '--get' || /^-[A-Za-z]*x/.test(a));
  }
  if (UNPACKERS.has(cmd.name)) return true;
  return COMPRESSORS.has(cmd.name) && args.some((a) => a === '--decompress' || /^-[A-Za-z]*d/.test(a));
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/copy-archive-then-extract',
  language: 'dockerfile',
  severity: 'info',
  recommended: false,
  aliases: ['hadolint:DL3010'],
  fix: null,
  messages: {
    tar: '`{archive}` is copied into a layer and unpacked by the RUN on line {line}, so the image keeps the archive too: `ADD {archive} <dir>/` unpacks it without keeping it.',
    other:
      '`{archive}` is copied into a layer and unpacked by the RUN on line {line}, so the image keeps the archive too: unpack it from a bind mount (`RUN --mount=type=bind,source={archive},target=/tmp/{archive} …`).',
  },
  docs: {
    summary: 'Do not COPY an archive only to unpack it in a later RUN: the image keeps both.',
    rationale:
      'Every instruction adds a layer, so an archive COPY puts in the image stays there even when the RUN ' +
      'that unpacks it deletes it afterwards: the image carries the archive and its contents. For a tar ' +
      'archive (plain, gzip, bzip2 or xz), `ADD archive.tar.gz /dest/` unpacks it in one layer; for any ' +
      'archive, `RUN --mount=type=bind,source=archive.zip,target=/tmp/archive.zip unzip …` reads it from the ' +
      'build context without a layer. The rule pairs a COPY from the build context of a file with an archive ' +
      'ending and a later RUN of the same stage that runs tar -x, unzip, gunzip, xz -d and the like on a ' +
      'file of that name (as hadolint’s DL3010). Only the stages that ship are checked, since builder stages ' +
      'are thrown away; COPY --from is left alone. No fix is offered: where the contents go is for the ' +
      'author to write.',
    bad: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n',
    good: 'FROM debian:12\nADD app.tar.gz /opt/\n',
  },
  check(ctx) {
    const { model } = ctx;
    for (const stage of shippedStages(model)) {
      const copied: { name: string; at: Token; line: number }[] = [];
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'COPY' || ins.heredocs.length > 0 || ins.flags.some((f) => f.name === 'from'))
          continue;
        const words = ins.json ?? ins.args;
        const target = words[words.length - 1];
        if (!target || words.length < 2) continue;
        // A file copied to an archive name is renamed; into a directory it keeps its own name.
        if (ARCHIVE.test(target.value) && !target.value.endsWith('/')) {
          const source = words[0] as Token;
          if (words.length === 2 && ARCHIVE.test(source.value))
            copied.push({ name: basename(target.value), at: source, line: ins.range.start.line });
        } else
          for (const w of words.slice(0, -1))
            if (ARCHIVE.test(w.value) && !/[*?[$]/.test(w.value))
              copied.push({ name: basename(w.value), at: w, line: ins.range.start.line });
      }
      if (copied.length === 0) continue;
      const reported = new Set<Token>();
      for (const run of runsOf(model, stage))
        for (const cmd of run.script.commands) {
          if (!extracts(cmd)) continue;
          const names = new Set(argsOf(cmd).map((w) => basename(w.value)));
          for (const c of copied) {
            if (reported.has(c.at) || c.line > run.ins.range.start.line || !names.has(c.name)) continue;
            reported.add(c.at);
            const archive = basename(c.at.value);
            ctx.report({
              at: c.at.range,
              messageId: TAR.test(c.name) ? 'tar' : 'other',
              data: { archive, line: run.ins.range.start.line + 1 },
            });
          }
        }
    }
  },
});
