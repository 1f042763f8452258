import picomatch from 'picomatch';
import { defineRule } from '../../core/rule';
import type { DInstruction, DockerfileModel } from '../../languages/dockerfile';
import { contextCopy, execWords, isContextRoot, type Word } from '../../languages/dockerfile/images';

/** One line of the generated .dockerignore, and the commands that show the build needs what it excludes. */
interface Entry {
  pattern: string;
  /** Programs (or `program subcommand`) whose use in RUN, CMD or ENTRYPOINT means the path is needed. */
  usedBy?: RegExp;
}

const ENTRIES: Entry[] = [
  { pattern: '.git', usedBy: /^git\b/ },
  { pattern: '**/node_modules' },
  { pattern: '**/__pycache__' },
  { pattern: '**/*.pyc' },
  { pattern: '.venv' },
  { pattern: '.env' },
  { pattern: '.env.*' },
  { pattern: '**/*.log' },
  { pattern: 'Dockerfile*' },
  {
    pattern: 'tests/',
    usedBy:
      /^(pytest|py\.test|tox|nox|rspec|jest|vitest|mocha|phpunit|(python[\d.]*|py) -m (pytest|unittest)|(npm|yarn|pnpm) (run )?test|go test|make (test|check)|bundle exec rspec)\b/,
  },
  { pattern: 'docs/', usedBy: /^(mkdocs|sphinx-build|make (docs|html)|(npm|yarn|pnpm) (run )?docs)\b/ },
];

const HEADER =
  '# Kept out of the build context: VCS data, local secrets, dependencies and caches, logs, Dockerfiles, tests and docs.';

function clean(p: string): string {
  return p
    .replace(/^\.\//, '')
    .replace(/^\/+/, '')
    .replace(/(?<!\/)\/+$/, '');
}

function basename(v: string): string {
  return v.slice(v.lastIndexOf('/') + 1);
}

/** Every run of consecutive path segments of a word: `/app/tests/unit` gives `app`, `tests/unit`, `unit`… */
function segmentRuns(path: string, fromStartOnly: boolean): string[] {
  const segs = clean(path)
    .split('/')
    .filter((s) => s && s !== '.');
  const out: string[] = [];
  for (let s = 0; s < segs.length; s++) {
    if (fromStartOnly && s > 0) break;
    for (let e = s + 1; e <= segs.length; e++) out.push(segs.slice(s, e).join('/'));
  }
  return out;
}

/** Words of a RUN, CMD or ENTRYPOINT, each command as its program and arguments. */
function commandsOf(model: DockerfileModel, ins: DInstruction): string[][] {
  if (ins.shell) return ins.shell.commands.map((c) => c.words.slice(c.nameIndex).map((w) => w.value));
  const words = execWords(model, ins);
  return words ? [words.map((w) => w.value)] : [];
}

/** The .dockerignore lines that exclude nothing the Dockerfile copies or uses by name. */
function entriesFor(model: DockerfileModel): string[] {
  const copied: string[] = [];
  const commands: string[][] = [];
  for (const ins of model.instructions) {
    const copy = contextCopy(model, ins);
    if (copy) for (const s of copy.sources) if (!isContextRoot(s.value)) copied.push(s.value);
    if (ins.keyword === 'RUN' || ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT')
      commands.push(...commandsOf(model, ins));
  }
  return ENTRIES.filter((e) => {
    const glob = clean(e.pattern);
    const matches = picomatch(glob, { dot: true });
    const bare = glob.replace(/^\*\*\//, '');
    // A copied source may itself be a glob (`COPY docs* …`); words in commands are taken literally.
    const copiedNeeds = (path: string): boolean =>
      segmentRuns(path, true).some(
        (p) => matches(p) || (/[*?[]/.test(p) && picomatch(p, { dot: true })(bare)),
      );
    const needed = (path: string): boolean =>
      !/[*?[]/.test(path) && segmentRuns(path, false).some((p) => matches(p));
    if (copied.some(copiedNeeds)) return false;
    for (const words of commands) {
      const line = [basename(words[0] ?? ''), ...words.slice(1)].join(' ');
      if (e.usedBy?.test(line)) return false;
      // File-type patterns (`**/*.log`) are not worth keeping a path for: only named paths count here.
      if (glob.startsWith('**/*.')) continue;
      if (words.slice(1).some((w) => !w.startsWith('-') && !w.includes('://') && needed(w))) return false;
    }
    return true;
  }).map((e) => e.pattern);
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/dockerignore-missing',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: [],
  fix: 'safe',
  messages: {
    missing:
      '{keyword} {source} copies the whole build context and there is no .dockerignore beside the Dockerfile, so .git, local .env files and dependency folders end up in the image.',
  },
  docs: {
    summary: 'Copying the whole build context needs a .dockerignore.',
    rationale:
      '`COPY . /app` takes everything the build context holds: the `.git` history, `.env` files with real ' +
      'credentials, a host `node_modules` or `.venv` built for another platform, caches and logs. They are sent to ' +
      'the builder on every build, bust the layer cache whenever any of them changes, and end up in the image for ' +
      'anyone who pulls it. The rule assumes the build context is the directory of the Dockerfile (as with ' +
      "`docker build .` next to it) and looks for `.dockerignore` there, and for BuildKit's per-Dockerfile " +
      '`<name>.dockerignore` (e.g. `Dockerfile.prod.dockerignore`). It stays quiet when either exists, when the ' +
      'file system cannot be asked (unsaved or virtual documents), for `COPY --from` and for instructions that ' +
      'copy named paths. It reports the first whole-context copy only. The fix creates a `.dockerignore` ' +
      'with common entries, leaving out any entry that would exclude a path the Dockerfile copies by name or uses ' +
      'in RUN/CMD (`COPY tests/ …`, `RUN pytest`, `RUN git describe`); if you run tests inside the image from ' +
      'outside the Dockerfile, drop the `tests/` line.',
    bad: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n',
    good:
      'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n' +
      'COPY server.js ./\nCOPY src ./src\nCMD ["node", "server.js"]\n',
  },
  check(ctx) {
    const { model, host } = ctx;
    let first: { ins: DInstruction; source: Word } | undefined;
    for (const ins of model.instructions) {
      const copy = ins.stage >= 0 ? contextCopy(model, ins) : null;
      const source = copy?.sources.find((s) => isContextRoot(s.value));
      if (source) {
        first = { ins, source };
        break;
      }
    }
    if (!first || !host.fileName) return;
    // Unknown (undefined) counts as present: stay quiet rather than guess.
    if (host.exists('.dockerignore') !== false) return;
    if (host.exists(`${host.fileName}.dockerignore`) !== false) return;
    const eol = model.doc.eol;
    ctx.report({
      at: first.source.range,
      messageId: 'missing',
      data: { keyword: first.ins.keyword, source: first.source.value },
      fix: () => ({
        title: 'Create a .dockerignore next to the Dockerfile',
        edits: [],
        creates: [
          { path: '.dockerignore', text: [HEADER, ...entriesFor(model)].map((l) => l + eol).join('') },
        ],
      }),
    });
  },
});
