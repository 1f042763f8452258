import { defineRule } from '../../core/rule';
import {
  instructionsOf,
  stageChain,
  substitute,
  type DInstruction,
  type DockerfileModel,
  type VarScope,
} from '../../languages/dockerfile';

/** Removes Dockerfile quoting from a word (`"app"` → `app`), as the builder does. */
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
 * Variables visible to an instruction, like the model's `scopeAt`, but with quotes removed from values
 * and global ARGs substituted in order (`scopeAt` keeps `"…"` and leaves `ARG B=${A}` unexpanded).
 */
function scopeFor(model: DockerfileModel, ins: DInstruction): VarScope {
  const esc = model.escapeChar;
  const clean = (v: string, scope: VarScope): string | null => substitute(unquote(v, esc), scope);
  const globals: VarScope = new Map();
  for (const g of model.globalArgs)
    for (const p of g.properties) globals.set(p.name, p.value === null ? null : clean(p.value, globals));
  const stage = model.stages[ins.stage];
  if (!stage) return globals;
  const scope: VarScope = new Map();
  for (const s of stageChain(stage).reverse())
    for (const i of s.instructions) {
      if (i === ins) return scope;
      if (i.keyword === 'ENV')
        for (const p of i.properties) scope.set(p.name, p.value === null ? null : clean(p.value, scope));
      else if (i.keyword === 'ARG' && s === stage)
        for (const p of i.properties)
          scope.set(p.name, p.value !== null ? clean(p.value, scope) : (globals.get(p.name) ?? null));
    }
  return scope;
}

/** Unix absolute paths, and Windows ones (`C:\app`, `\app`) for Windows images. */
const ABSOLUTE = /^([/\\]|[A-Za-z]:)/;

export default defineRule<DockerfileModel>({
  id: 'dockerfile/workdir-absolute',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['hadolint:DL3000', 'buildkit:WorkdirRelativePath', 'trivy:DS009', 'checkov:CKV_DOCKER_10'],
  fix: null,
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
      'variable with no known value (`WORKDIR $HOME/app`) is left alone.',
    bad: 'FROM node:20-slim\nWORKDIR app\nCOPY . .\nCMD ["node", "server.js"]\n',
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
  },
  check(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      const inherited = stageChain(stage)
        .slice(1)
        .some((s) => instructionsOf(s, 'WORKDIR').length > 0);
      const first = instructionsOf(stage, 'WORKDIR')[0];
      if (inherited || !first || !first.argsRange || first.args.length === 0) continue;
      const text = unquote(first.args.map((a) => a.value).join(' '), model.escapeChar);
      const path = text.includes('$') ? substitute(text, scopeFor(model, first)) : text;
      if (path === null || path === '' || ABSOLUTE.test(path)) continue;
      ctx.report({ at: first.argsRange, messageId: 'relative', data: { path } });
    }
  },
});
