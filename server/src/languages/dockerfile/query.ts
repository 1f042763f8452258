import { substitute, type ReadonlyVarScope, type VarScope } from './image';
import { perModel } from './per-instruction';
import type { DInstruction, DockerfileModel, Stage } from './model';
import { argsOf, subcommand, type ShellCommand, type ShellWord } from './shell';

/** Helpers rules share, so that each rule reads as its intent. */

export function finalStage(model: DockerfileModel): Stage | undefined {
  return model.stages[model.stages.length - 1];
}

/** The stage and the earlier stages it is built FROM, nearest first. */
export function stageChain(stage: Stage): Stage[] {
  const out: Stage[] = [stage];
  for (let s = parentOf(stage); s; s = parentOf(s)) out.push(s);
  return out;
}

/**
 * A stage's parent. It is always an earlier stage (buildModel looks it up among them); the index test keeps
 * every walk up a chain finite for a model built otherwise, without a set per walk (rules walk per stage).
 */
function parentOf(stage: Stage): Stage | null {
  return stage.parent && stage.parent.index < stage.index ? stage.parent : null;
}

/**
 * An answer about a stage and the stages it is built FROM, made from its parent's answer by `step` (`root`
 * above the first stage). Answers are kept per stage in `memo` and filled down from the nearest stage
 * already answered, so a chain of thousands of stages costs one step per stage, not one per ancestor.
 * Stages are built anew with each model, so answers live as long as one analysis.
 */
export function fromParent<T>(
  memo: WeakMap<Stage, T>,
  stage: Stage,
  root: T,
  step: (parent: T, stage: Stage) => T,
): T {
  const pending: Stage[] = [];
  let answer = root;
  for (let s: Stage | null = stage; s; s = parentOf(s)) {
    if (memo.has(s)) {
      answer = memo.get(s) as T;
      break;
    }
    pending.push(s);
  }
  for (let i = pending.length - 1; i >= 0; i--) {
    const s = pending[i] as Stage;
    answer = step(answer, s);
    memo.set(s, answer);
  }
  return answer;
}

/** Whether a stage the given one is built FROM (not the stage itself) has an instruction with this keyword. */
export function inheritsInstruction(stage: Stage, keyword: string): boolean {
  const parent = parentOf(stage);
  if (!parent) return false;
  let memo = chainHas.get(keyword);
  if (!memo) chainHas.set(keyword, (memo = new WeakMap()));
  return fromParent(
    memo,
    parent,
    false,
    (has, s) => has || s.instructions.some((i) => i.keyword === keyword),
  );
}

/** Per keyword, whether a stage or a stage it is built FROM has it. */
const chainHas = new Map<string, WeakMap<Stage, boolean>>();

/** Instructions of a stage with the given keyword, in order. */
export function instructionsOf(stage: Stage, keyword: string): DInstruction[] {
  return stage.instructions.filter((i) => i.keyword === keyword);
}

/** The last instruction with the keyword in the stage or, failing that, in the stages it builds on. */
export function lastInChain(stage: Stage, keyword: string): DInstruction | undefined {
  for (const s of stageChain(stage)) {
    const found = instructionsOf(s, keyword);
    if (found.length > 0) return found[found.length - 1];
  }
  return undefined;
}

export interface RunCommand {
  instruction: DInstruction;
  command: ShellCommand;
}

/** Every shell command of the RUN instructions of a stage. */
export function runCommands(stage: Stage): RunCommand[] {
  const out: RunCommand[] = [];
  for (const ins of stage.instructions)
    if (ins.keyword === 'RUN' && ins.shell)
      for (const command of ins.shell.commands) out.push({ instruction: ins, command });
  return out;
}

/** Every RUN command of the whole file. */
export function allRunCommands(model: DockerfileModel): RunCommand[] {
  return model.stages.flatMap(runCommands);
}

/** The ARGs declared before the first FROM, substituted in order: what FROM lines can use. */
export function globalScope(model: DockerfileModel): ReadonlyVarScope {
  let globals = globalCache.get(model);
  if (!globals) globalCache.set(model, (globals = readGlobalScope(model)));
  return globals;
}

/**
 * Per model: a dozen rules resolve variables, several per instruction, and each scope is built from every
 * instruction before it. The scopes are shared, hence read-only.
 */
const globalCache = new WeakMap<DockerfileModel, ReadonlyVarScope>();

function readGlobalScope(model: DockerfileModel): VarScope {
  const globals: VarScope = new Map();
  for (const g of model.globalArgs)
    for (const p of g.properties) globals.set(p.name, p.value === null ? null : substitute(p.value, globals));
  return globals;
}

/**
 * Variables visible to an instruction: global ARGs redeclared in the stage, the stage's ARG and ENV
 * lines before it, and ENV inherited from the stages it builds on. Values are substituted as they go.
 */
export const scopeAt: (model: DockerfileModel, ins: DInstruction) => ReadonlyVarScope = perModel(readScopeAt);

function readScopeAt(model: DockerfileModel, ins: DInstruction): ReadonlyVarScope {
  const globals = globalScope(model);
  const stage = model.stages[ins.stage];
  const scope: VarScope = new Map();
  if (!stage) return globals;
  const chain = stageChain(stage).reverse();
  for (const s of chain) {
    for (const i of s.instructions) {
      if (i === ins) return scope;
      if (i.keyword === 'ENV')
        for (const p of i.properties) scope.set(p.name, p.value === null ? null : substitute(p.value, scope));
      else if (i.keyword === 'ARG' && s === stage)
        for (const p of i.properties) {
          const value =
            p.value !== null
              ? substitute(p.value, scope)
              : globals.has(p.name)
                ? (globals.get(p.name) ?? null)
                : null;
          scope.set(p.name, value);
        }
    }
  }
  return scope;
}

/** Resolves a word against the variables visible to an instruction; null when something is unknown. */
export function resolveAt(model: DockerfileModel, ins: DInstruction, text: string): string | null {
  return text.includes('$') ? substitute(text, scopeAt(model, ins)) : text;
}

const INSTALLERS: Record<string, string[]> = {
  'apt-get': ['install'],
  apt: ['install'],
  apk: ['add'],
  yum: ['install'],
  dnf: ['install'],
  microdnf: ['install'],
  zypper: ['install', 'in'],
};

/** Package names a command installs with a system package manager, with their words. */
export function installedPackages(cmd: ShellCommand): ShellWord[] {
  const subs = INSTALLERS[cmd.name];
  if (!subs) return [];
  const sub = subcommand(cmd);
  if (!sub || !subs.includes(sub.value)) return [];
  const args = argsOf(cmd);
  const out: ShellWord[] = [];
  let after = false;
  for (let i = 0; i < args.length; i++) {
    const w = args[i] as ShellWord;
    if (w === sub) {
      after = true;
      continue;
    }
    if (!after || w.value.startsWith('-')) {
      // Flags that take a separate value.
      if (['-t', '--target-release', '-o', '--option', '--repository', '-X', '--virtual'].includes(w.value))
        i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

/** Package names installed anywhere in the stage chain, without version suffixes (`curl=7.88` → curl). */
export function packagesInChain(stage: Stage): Set<string> {
  const out = new Set<string>();
  for (const s of stageChain(stage))
    for (const { command } of runCommands(s))
      for (const w of installedPackages(command))
        out.add((w.value.split(/[=<>~]/, 1)[0] ?? '').toLowerCase());
  return out;
}

/** Ports the stage (or the stages it builds on) EXPOSEs, with variables resolved. */
export function exposedPorts(model: DockerfileModel, stage: Stage): { port: number; ins: DInstruction }[] {
  const out: { port: number; ins: DInstruction }[] = [];
  for (const s of stageChain(stage))
    for (const ins of instructionsOf(s, 'EXPOSE'))
      for (const a of ins.args) {
        const v = resolveAt(model, ins, a.value);
        const m = v ? /^(\d+)(?:-\d+)?(?:\/(tcp|udp|sctp))?$/i.exec(v) : null;
        if (m && (m[2] ?? 'tcp').toLowerCase() === 'tcp' && Number(m[1]) <= 65535)
          out.push({ port: Number(m[1]), ins });
      }
  return out;
}

/** The program a CMD or ENTRYPOINT runs: the first JSON string, or the first shell command. */
export function programWords(ins: DInstruction): string[] {
  if (ins.json) return ins.json.map((t) => t.value);
  const cmd = ins.shell?.commands[0];
  return cmd ? cmd.words.slice(cmd.nameIndex).map((w) => w.value) : [];
}

/**
 * The command the final image runs: ENTRYPOINT words followed by CMD words, from the stage chain. As in
 * the builder, an ENTRYPOINT set in a stage that sets no CMD of its own drops the CMD it inherited.
 */
export function startupWords(stage: Stage): string[] {
  let ep: DInstruction | undefined;
  let cmd: DInstruction | undefined;
  let epDepth = -1;
  let cmdDepth = -1;
  stageChain(stage).forEach((s, depth) => {
    const eps = instructionsOf(s, 'ENTRYPOINT');
    const cmds = instructionsOf(s, 'CMD');
    if (!ep && eps.length > 0) {
      ep = eps[eps.length - 1];
      epDepth = depth;
    }
    if (!cmd && cmds.length > 0) {
      cmd = cmds[cmds.length - 1];
      cmdDepth = depth;
    }
  });
  if (ep && cmd && cmdDepth > epDepth) cmd = undefined;
  return [...(ep ? programWords(ep) : []), ...(cmd ? programWords(cmd) : [])];
}

/** Inserting before the first CMD/ENTRYPOINT/HEALTHCHECK of a stage, or after its last instruction. */
export function insertionLineBeforeStartup(stage: Stage): { line: number; before: boolean } {
  const first = stage.instructions.find((i) => ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(i.keyword));
  if (first) return { line: first.range.start.line, before: true };
  const last = stage.instructions[stage.instructions.length - 1] as DInstruction;
  return { line: last.range.end.line, before: false };
}
