import { defineRule } from '../../core/rule';
import { splitReference, substitute, type DockerfileModel, type VarScope } from '../../languages/dockerfile';

/** Removes Dockerfile quoting from a word (`"20"` → `20`), as the builder does before using it. */
function unquote(v: string, esc: string): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i] as string;
    if (c === "'") {
      const e = v.indexOf("'", i + 1);
      out += e < 0 ? v.slice(i + 1) : v.slice(i + 1, e);
      i = e < 0 ? v.length : e;
    } else if (c === '"') {
      for (i++; i < v.length && v[i] !== '"'; i++) {
        const n = v[i + 1];
        if (v[i] === esc && n !== undefined && (n === '"' || n === '$' || n === esc)) i++;
        out += v[i];
      }
    } else if (c === esc && i + 1 < v.length) out += v[++i];
    else out += c;
  }
  return out;
}

/**
 * The ARGs a FROM line can use, with quotes removed and earlier ARGs substituted in order, as the builder
 * evaluates them (the model's own `image.resolved` keeps quotes and does not chain `ARG B=${A}`).
 */
function globalScope(model: DockerfileModel): VarScope {
  const scope: VarScope = new Map();
  for (const g of model.globalArgs)
    for (const p of g.properties)
      scope.set(p.name, p.value === null ? null : substitute(unquote(p.value, model.escapeChar), scope));
  return scope;
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/no-latest-tag',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['hadolint:DL3006', 'hadolint:DL3007', 'trivy:DS001', 'checkov:CKV_DOCKER_7'],
  fix: null,
  messages: {
    untagged:
      "The base image '{image}' has no tag, so every build pulls whatever :latest points to that day: pin a version tag or a digest.",
    latest:
      "The base image '{image}' uses the moving :latest tag, so rebuilding the same Dockerfile can give a different image: pin a version tag or a digest.",
  },
  docs: {
    summary: 'Base images should be pinned to a version tag or a digest, not left untagged or on :latest.',
    rationale:
      '`:latest` (which is also what an untagged image means) is whatever the publisher pushed last: a rebuild can ' +
      'silently pick up a new major version, a different distribution or a broken release, and two machines building ' +
      'the same commit can get different images. Pin a version tag (`node:20-alpine`) or a digest. ARG defaults are ' +
      'resolved, so `FROM node:${NODE_VERSION}` with `ARG NODE_VERSION=20` is pinned. The rule stays quiet for ' +
      '`scratch`, for references to earlier stages (`FROM build`), for digests (`image@sha256:…`) and when a ' +
      'variable in the reference has no default, because the real value is only known at build time.',
    bad: 'FROM python\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n',
    good: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n',
  },
  check(ctx) {
    const { model } = ctx;
    const globals = globalScope(model);
    for (const stage of model.stages) {
      const image = stage.image;
      if (!image) continue;
      const resolved = image.raw.includes('$') ? substitute(image.raw, globals) : image.raw;
      // A variable without a known value: the reference is decided at build time.
      if (resolved === null || resolved === '' || resolved.includes('$')) continue;
      const lower = resolved.toLowerCase();
      if (lower === 'scratch') continue;
      if (model.stages.some((s) => s.index < stage.index && s.name === lower)) continue;
      const ref = splitReference(resolved);
      if (ref.digest !== null) continue;
      if (ref.tag === null) ctx.report({ at: image.range, messageId: 'untagged', data: { image: resolved } });
      else if (ref.tag === 'latest')
        ctx.report({
          at: image.raw.includes('$') ? image.range : (image.tagRange ?? image.range),
          messageId: 'latest',
          data: { image: resolved },
        });
    }
  },
});
