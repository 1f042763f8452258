import { defineRule, type FixSpec } from '../../core/rule';
import type { TextDoc } from '../../core/text';
import {
  finalStage,
  imageFamily,
  instructionsOf,
  resolveAt,
  stageChain,
  type DInstruction,
  type DockerfileModel,
  type Stage,
} from '../../languages/dockerfile';
import { insertLinesBefore, insertLinesAfter } from '../../fixes/text';

/**
 * Base images that already switch to an unprivileged user, so a Dockerfile without USER is fine.
 * Matched on the image name (and tag for distroless).
 */
function baseRunsAsNonRoot(stage: Stage): boolean {
  const image = stage.image;
  if (!image?.resolved) return true; // Unknown image: stay quiet.
  const name = image.name.toLowerCase();
  const tag = (image.tag ?? '').toLowerCase();
  if (name.includes('distroless') && tag.includes('nonroot')) return true;
  // Windows images have no root; their users (ContainerUser, ContainerAdministrator) are another story.
  if (/(^|\/)windows\/|nanoserver|servercore/.test(name)) return true;
  if (name.includes('unprivileged') || name.startsWith('bitnami/') || name.includes('/bitnami/')) return true;
  if ((image.registry ?? '') === 'cgr.dev' && !tag.includes('-dev')) return true;
  return false;
}

function isRootUser(user: string): boolean {
  const name = user.split(':')[0]?.trim() ?? '';
  return name === 'root' || name === '0';
}

/** Where the user lines go: after the last build step, before EXPOSE/HEALTHCHECK/CMD/ENTRYPOINT. */
function insertionPoint(stage: Stage): { line: number; before: boolean; indentLine: number } {
  const ins = stage.instructions;
  let lastBuild = 0;
  ins.forEach((i, k) => {
    if (
      ['RUN', 'COPY', 'ADD', 'WORKDIR', 'USER', 'ENV', 'ARG', 'FROM', 'VOLUME', 'LABEL'].includes(i.keyword)
    )
      lastBuild = k;
  });
  const next = ins[lastBuild + 1];
  if (next) return { line: next.range.start.line, before: true, indentLine: next.range.start.line };
  const last = ins[lastBuild] as DInstruction;
  return { line: last.range.end.line, before: false, indentLine: last.range.start.line };
}

function userLines(model: DockerfileModel, stage: Stage): { lines: string[]; user: string } {
  const image = stage.image;
  const name = (image?.name ?? '').toLowerCase();
  const family = imageFamily(image);
  const workdirIns = stageChain(stage)
    .flatMap((s) => instructionsOf(s, 'WORKDIR'))
    .sort((a, b) => a.range.start.line - b.range.start.line)
    .pop();
  const workdir = workdirIns ? resolveAt(model, workdirIns, workdirIns.args[0]?.value ?? '') : null;
  const chown = (owner: string): string[] =>
    workdir && workdir.startsWith('/') && workdir !== '/' ? [`RUN chown -R ${owner} ${workdir}`] : [];
  // Images that ship an unprivileged user: use it rather than creating another.
  if (name === 'node' || name === 'library/node')
    return { user: 'node', lines: [...chown('node:node'), 'USER node'] };
  if (family === 'distroless') return { user: 'nonroot', lines: ['USER nonroot:nonroot'] };
  if (family === 'scratch') return { user: '65534', lines: ['USER 65534:65534'] };
  const owned =
    workdir && workdir.startsWith('/') && workdir !== '/' ? ` && chown -R app:app ${workdir}` : '';
  if (family === 'alpine')
    return {
      user: 'app',
      lines: [`RUN addgroup -S -g 1001 app && adduser -S -u 1001 -G app app${owned}`, 'USER app'],
    };
  if (family === 'debian')
    return {
      user: 'app',
      lines: [
        `RUN groupadd --system --gid 1001 app && useradd --system --uid 1001 --gid app --create-home app${owned}`,
        'USER app',
      ],
    };
  // Unknown distribution: a numeric user needs no tools in the image.
  return { user: '1001', lines: [...chown('1001:1001'), 'USER 1001:1001'] };
}

function addUserFix(doc: TextDoc, model: DockerfileModel, stage: Stage): FixSpec {
  const { lines, user } = userLines(model, stage);
  const at = insertionPoint(stage);
  const edit = at.before
    ? insertLinesBefore(doc, at.line, lines)
    : insertLinesAfter(doc, at.line, lines, at.indentLine);
  return {
    title: `Run as non-root user '${user}' (changes behaviour: the process no longer runs as root)`,
    edits: [edit],
  };
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/no-root-user',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['hadolint:DL3002', 'checkov:CKV_DOCKER_3', 'checkov:CKV_DOCKER_8', 'trivy:DS002'],
  fix: 'unsafe',
  messages: {
    noUser:
      'The final stage never sets USER, so the container runs as root; a compromised process then has root in the container.',
    rootUser: 'The last USER of the final stage is {user}, so the container runs as root.',
  },
  docs: {
    summary: 'The final image should run as a non-root user.',
    rationale:
      'A process running as root inside a container is one kernel bug or misconfigured mount away from root on the ' +
      'host, and can rewrite its own image at run time. Builder stages may run as root: only the final stage (and ' +
      'the stages it is built FROM) counts. Base images that already switch user (distroless `:nonroot`, ' +
      '`*-unprivileged`, Bitnami, Chainguard) and images whose name is not known statically are not reported. The ' +
      'fix adds a user that fits the base image: `USER node` on node images, `nonroot` on distroless, ' +
      '`addgroup -S`/`adduser -S` on Alpine, `groupadd`/`useradd` on Debian and Ubuntu, a numeric user elsewhere, ' +
      'and gives it the WORKDIR.',
    bad: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n',
    good:
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n' +
      'RUN groupadd --system --gid 1001 app && useradd --system --uid 1001 --gid app --create-home app\n' +
      'USER app\nCMD ["python", "app.py"]\n',
  },
  check(ctx) {
    const stage = finalStage(ctx.model);
    if (!stage) return;
    let lastUser: DInstruction | undefined;
    for (const s of stageChain(stage)) {
      const users = instructionsOf(s, 'USER');
      if (users.length > 0) {
        lastUser = users[users.length - 1];
        break;
      }
    }
    if (!lastUser) {
      // A stage built FROM an earlier stage inherits that stage's base image.
      const chain = stageChain(stage);
      const root = chain[chain.length - 1] as Stage;
      if (baseRunsAsNonRoot(root) || !stage.from.args[0]) return;
      ctx.report({
        at: stage.from.args[0].range,
        messageId: 'noUser',
        fix: () => addUserFix(ctx.doc, ctx.model, stage),
      });
      return;
    }
    const token = lastUser.args[0];
    if (!token) return;
    const user = resolveAt(ctx.model, lastUser, token.value);
    if (user === null || !isRootUser(user)) return;
    ctx.report({
      at: token.range,
      messageId: 'rootUser',
      data: { user: user.split(':')[0] ?? user },
      fix: () => addUserFix(ctx.doc, ctx.model, stage),
    });
  },
});
