import { defineRule } from '../../core/rule';
import {
  finalStage,
  resolveAt,
  stageChain,
  unquote,
  type DInstruction,
  type DockerfileModel,
} from '../../languages/dockerfile';

/** A path inside root's home directory, which is mode 700 on Debian, Ubuntu and Alpine images. */
const UNDER_ROOT_HOME = /^\/root(\/|$)/;

function isRoot(user: string): boolean {
  const name = user.split(':')[0]?.trim() ?? '';
  return name === 'root' || name === '0';
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/root-home-for-non-root-user',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    copied:
      '{path} is inside /root, which only root can read, but the container runs as {user}: the application will not find what was copied there.',
    path: 'PATH points into /root, which only root can read, but the container runs as {user}: programs installed there will not run.',
  },
  docs: {
    summary: 'Files the application needs must not live in /root when the container runs as another user.',
    rationale:
      'The home directory of root is mode 700 in the usual base images, so a non-root user cannot read anything ' +
      'under it. A common multi-stage pattern installs Python packages with `pip install --user` in a builder and ' +
      'copies `/root/.local` into the runtime stage, then switches to a non-root user: the packages are there but ' +
      'unreadable, and the application fails at start. Install into a virtual environment in /opt (or the ' +
      "user's own home) instead. The rule only looks at the final stage and only when its last USER is not root; " +
      'users whose name or number is not known statically are not reported.',
    bad:
      'FROM python:3.12-slim AS builder\nRUN pip install --no-cache-dir --user gunicorn\n\n' +
      'FROM python:3.12-slim\nCOPY --from=builder /root/.local /root/.local\nENV PATH=/root/.local/bin:$PATH\n' +
      'RUN useradd -m app\nUSER app\nCMD ["gunicorn", "app:app"]\n',
    good:
      'FROM python:3.12-slim AS builder\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir gunicorn\n\n' +
      'FROM python:3.12-slim\nCOPY --from=builder /opt/venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\n' +
      'RUN useradd -m app\nUSER app\nCMD ["gunicorn", "app:app"]\n',
  },
  check(ctx) {
    const { model } = ctx;
    const stage = finalStage(model);
    if (!stage) return;
    let lastUser: DInstruction | undefined;
    for (const s of stageChain(stage)) {
      const users = s.instructions.filter((i) => i.keyword === 'USER');
      if (users.length > 0) {
        lastUser = users[users.length - 1];
        break;
      }
    }
    const userTok = lastUser?.args[0];
    if (!lastUser || !userTok) return;
    const user = resolveAt(model, lastUser, userTok.value);
    if (user === null || isRoot(user)) return;
    const name = user.split(':')[0] ?? user;
    for (const s of stageChain(stage))
      for (const ins of s.instructions) {
        if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
          const dest = ins.json ? ins.json[ins.json.length - 1] : ins.args[ins.args.length - 1];
          if (!dest || ins.heredocs.length > 0) continue;
          const path = resolveAt(model, ins, ins.json ? dest.value : unquote(dest.value, model.escapeChar));
          if (path !== null && UNDER_ROOT_HOME.test(path))
            ctx.report({ at: dest.range, messageId: 'copied', data: { path, user: name } });
        } else if (ins.keyword === 'ENV') {
          for (const p of ins.properties)
            if (
              p.name === 'PATH' &&
              p.value &&
              p.valueRange &&
              p.value.split(':').some((d) => UNDER_ROOT_HOME.test(d))
            )
              ctx.report({ at: p.valueRange, messageId: 'path', data: { user: name } });
        }
      }
  },
});
