import { defineRule, type FixSpec } from '../../core/rule';
import { TextDoc, type Range, type TextEdit } from '../../core/text';
import {
  argsOf,
  installedPackages,
  lastInChain,
  parseShell,
  stageChain,
  subcommand,
  type DInstruction,
  type DockerfileModel,
  type ShellCommand,
  type Stage,
} from '../../languages/dockerfile';
import {
  healthcheckExecWords,
  isHealthcheckNone,
  packageManagerOf,
  rootImage,
  toolPresence,
  type ProbeTool,
  type Word,
} from '../../languages/dockerfile/images';
import { insertBefore, lineAboveComments } from '../../fixes/healthcheck';
import { insertAt, replace } from '../../fixes/text';

/** A call of curl or wget inside a HEALTHCHECK, with the words after the program. */
interface ToolCall {
  tool: ProbeTool;
  at: Range;
  /** The program and its arguments, when their ranges are document ranges (not inside `sh -c "…"`). */
  words: Word[] | null;
  json: boolean;
}

function basename(v: string): string {
  return v.slice(v.lastIndexOf('/') + 1);
}

function asTool(name: string): ProbeTool | null {
  const b = basename(name);
  return b === 'curl' || b === 'wget' ? b : null;
}

function shellWords(cmd: ShellCommand): Word[] {
  return cmd.words
    .slice(cmd.nameIndex)
    .map((w) => ({ value: w.value, start: w.start, end: w.end, range: w.range }));
}

function toolCalls(model: DockerfileModel, ins: DInstruction): ToolCall[] {
  const out: ToolCall[] = [];
  if (ins.shell) {
    for (const cmd of ins.shell.commands) {
      const tool = asTool(cmd.name);
      const words = shellWords(cmd);
      if (tool && words[0]) out.push({ tool, at: words[0].range, words, json: false });
    }
    return out;
  }
  const json = healthcheckExecWords(model, ins);
  if (!json || json.length === 0) return out;
  const head = basename((json[0] as Word).value);
  const tool = asTool(head);
  if (tool) return [{ tool, at: (json[0] as Word).range, words: json, json: true }];
  const script = json[2];
  if (['sh', 'bash', 'ash', 'dash'].includes(head) && json[1]?.value === '-c' && script) {
    const doc = new TextDoc(script.value);
    for (const cmd of parseShell(doc, 0, script.value.length).commands) {
      const t = asTool(cmd.name);
      if (t) out.push({ tool: t, at: script.range, words: null, json: true });
    }
  }
  return out;
}

/** Stages built on their own: not the parent of another stage and not only a source of COPY --from. */
function targetStages(model: DockerfileModel): Stage[] {
  const used = new Set<number>();
  for (const s of model.stages) if (s.parent) used.add(s.parent.index);
  const byName = (ref: string): Stage | undefined =>
    /^\d+$/.test(ref) ? model.stages[Number(ref)] : model.stages.find((s) => s.name === ref.toLowerCase());
  for (const ins of model.instructions)
    for (const f of ins.flags) {
      const refs: string[] = [];
      if (f.name.toLowerCase() === 'from' && f.value) refs.push(f.value);
      if (f.name.toLowerCase() === 'mount' && f.value)
        for (const part of f.value.split(',')) if (part.startsWith('from=')) refs.push(part.slice(5));
      for (const r of refs) {
        const s = byName(r);
        if (s) used.add(s.index);
      }
    }
  const last = model.stages[model.stages.length - 1];
  return model.stages.filter((s) => s === last || !used.has(s.index));
}

const CURL_SWITCHES = new Set(['--fail', '--silent', '--show-error', '--location', '--fail-early']);

/** `curl -fsS URL` (and the like): the URL when the call can become `wget -qO- URL` with the same meaning. */
function simpleCurlUrl(words: Word[]): string | null {
  let url: string | null = null;
  let fails = false;
  const args = words.slice(1);
  for (let i = 0; i < args.length; i++) {
    const v = (args[i] as Word).value;
    if (/^-[fsSL]+$/.test(v)) fails ||= v.includes('f');
    else if (CURL_SWITCHES.has(v)) fails ||= v === '--fail';
    else if ((v === '-o' || v === '--output') && args[i + 1]?.value === '/dev/null') i++;
    else if (/^https?:\/\/\S+$/.test(v) && url === null) url = v;
    else return null;
  }
  return fails ? url : null;
}

function rewriteToWget(model: DockerfileModel, call: ToolCall): FixSpec | undefined {
  const words = call.words;
  if (!words || call.tool !== 'curl') return undefined;
  const url = simpleCurlUrl(words);
  if (!url) return undefined;
  const first = words[0] as Word;
  const last = words[words.length - 1] as Word;
  const text = call.json
    ? ['wget', '-qO-', url].map((w) => JSON.stringify(w)).join(', ')
    : /^[\w:/.\-?=&%~+@]+$/.test(url)
      ? `wget -qO- ${url}`
      : `wget -qO- '${url.replace(/'/g, `'\\''`)}'`;
  return {
    title: `Probe with wget, which the image has, instead of curl`,
    kind: 'safe',
    edits: [replace(model.doc.rangeOf(first.start, last.end), text)],
  };
}

const ROOT_USERS = /^(root|0)(:(root|0))?$/;

/** The user RUN instructions run as just before a line of a stage, from its USER lines and its parents'. */
function runsAsRootAt(model: DockerfileModel, stage: Stage, line: number): boolean {
  let user: string | undefined;
  for (const s of stageChain(stage).reverse())
    for (const ins of s.instructions) {
      if (s === stage && ins.range.start.line >= line) break;
      if (ins.keyword === 'USER') user = ins.args[0]?.value;
    }
  return user === undefined || ROOT_USERS.test(user);
}

function installFix(model: DockerfileModel, h: DInstruction, tool: ProbeTool): FixSpec | undefined {
  const stage = model.stages[h.stage];
  if (!stage) return undefined;
  const pm = packageManagerOf(stage);
  if (!pm) return undefined;
  const title = `Install ${tool} with ${pm} (changes behaviour: adds a package, and the health check starts to pass)`;
  // Prefer adding the tool to an install the stage already runs.
  const installs = stage.instructions
    .filter((i) => i.keyword === 'RUN' && i.shell)
    .flatMap((i) => i.shell?.commands ?? [])
    .filter((c) => {
      const sub = subcommand(c)?.value;
      if (pm === 'apk')
        return c.name === 'apk' && sub === 'add' && !argsOf(c).some((w) => /^(--virtual|-t)/.test(w.value));
      return (c.name === 'apt-get' || c.name === 'apt') && sub === 'install';
    });
  const existing = installs[installs.length - 1];
  const pkgs = existing ? installedPackages(existing) : [];
  const lastPkg = pkgs[pkgs.length - 1];
  // An install that already names the tool had it removed later: a new install is needed.
  if (lastPkg && !pkgs.some((p) => p.value.split(/[=<>~]/, 1)[0] === tool))
    return { title, edits: [insertAt(lastPkg.range.end, ` ${tool}`)] };
  // Otherwise a RUN of its own, before the stage drops root (or before the HEALTHCHECK).
  const user = stage.instructions.find((i) => i.keyword === 'USER');
  const before = user && user.range.start.line < h.range.start.line ? user : h;
  const line = lineAboveComments(model, before);
  if (!runsAsRootAt(model, stage, line)) return undefined;
  const run =
    pm === 'apk'
      ? `RUN apk add --no-cache ${tool}`
      : `RUN apt-get update && apt-get install -y --no-install-recommends ${tool} && rm -rf /var/lib/apt/lists/*`;
  const edit: TextEdit = insertBefore(model.doc, line, before.range.start.line, [run]);
  return { title, edits: [edit] };
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/healthcheck-tool-missing',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: [],
  fix: 'unsafe',
  messages: {
    missing:
      'The HEALTHCHECK runs {tool}, which {image} does not ship and no RUN installs, so the check always fails and the container is reported unhealthy.',
  },
  docs: {
    summary: 'A HEALTHCHECK must not call curl or wget when the image has neither.',
    rationale:
      '`python:3.12-slim`, `node:20-slim`, bare `debian` and `ubuntu` ship neither curl nor wget; Alpine and BusyBox ' +
      'have the BusyBox wget but no curl; distroless and scratch have no client at all. A HEALTHCHECK that calls a ' +
      'missing program exits with 127 on every run: the build succeeds, and the container is then marked unhealthy ' +
      '(and restarted or taken out of rotation by Swarm, ECS or `depends_on: service_healthy`), which is why this is ' +
      'a warning rather than an error. The check in effect for every image the file builds (the final stage and ' +
      'other stages that are not only used as parents or `COPY --from` sources) is compared with what its stage ' +
      'chain installs (apt-get, apk, yum, dnf…), removes, copies in or already runs, and with a table of official ' +
      'base images. The rule stays quiet when the base image is not in that table, when packages come from a ' +
      'variable, or when a file named like the tool is copied in. On Alpine, `curl -f URL` is rewritten to ' +
      "`wget -qO- URL` (same meaning, no new package); otherwise the fix adds the tool to the stage's existing " +
      'apt-get/apk install or adds an install before the stage switches to a non-root USER. Installing changes ' +
      'the image, so that fix is marked unsafe.',
    bad:
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\n' +
      'COPY src ./src\nEXPOSE 8000\nHEALTHCHECK CMD curl -fsS http://localhost:8000/health || exit 1\n' +
      'CMD ["uvicorn", "src.main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
    good:
      'FROM python:3.12-slim\nWORKDIR /app\n' +
      'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' +
      'COPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\n' +
      'COPY src ./src\nEXPOSE 8000\nHEALTHCHECK CMD curl -fsS http://localhost:8000/health || exit 1\n' +
      'CMD ["uvicorn", "src.main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
  },
  check(ctx) {
    const model = ctx.model;
    const seen = new Set<string>();
    for (const target of targetStages(model)) {
      const h = lastInChain(target, 'HEALTHCHECK');
      if (!h || isHealthcheckNone(h)) continue;
      const calls = toolCalls(model, h);
      // `curl … || wget …`: a fallback the image has makes the check work.
      if (calls.some((c) => toolPresence(model, target, c.tool) !== 'no')) continue;
      for (const call of calls) {
        const key = `${h.range.start.line}:${call.at.start.line}:${call.at.start.character}:${call.tool}`;
        if (seen.has(key) || toolPresence(model, target, call.tool) !== 'no') continue;
        seen.add(key);
        const image = rootImage(target);
        // Preferred: probe with the wget the image has; then: install the missing tool.
        const specs: FixSpec[] = [];
        const rewrite =
          toolPresence(model, target, 'wget') === 'yes' ? rewriteToWget(model, call) : undefined;
        if (rewrite) specs.push(rewrite);
        const install = installFix(model, h, call.tool);
        if (install) specs.push(install);
        ctx.report({
          at: call.at,
          messageId: 'missing',
          data: { tool: call.tool, image: image?.resolved ?? image?.raw ?? 'the base image' },
          fix: specs.length > 0 ? () => specs : undefined,
        });
      }
    }
  },
});
