import type { Range, TextDoc } from '../../core/text';
import { imageFamily } from './image';
import type { DInstruction, DockerfileModel, ImageRef, Stage } from './model';
import { perModel } from './per-instruction';
import { installedPackages, stageChain } from './query';
import { argsOf, subcommand, type ShellCommand } from './shell';

/**
 * What the health-check and context-copy rules need to know about images and instructions: which
 * HTTP clients a base image ships, whether a stage chain installs or removes one, and the words of
 * JSON-form instructions with their document ranges.
 */

// ---------------------------------------------------------------------------------------------------
// Words of JSON (exec) form instructions
// ---------------------------------------------------------------------------------------------------

export interface Word {
  value: string;
  start: number;
  end: number;
  range: Range;
}

/**
 * Reads a JSON array of strings starting at `from` (blanks and escaped line breaks may come first).
 * Returns null when the text there is not a JSON string array. `DInstruction.json` cannot be used for
 * values: its tokens keep their quotes and lose their inner white space, so this reads the text itself.
 */
export function readJsonArray(doc: TextDoc, from: number, escape = '\\'): Word[] | null {
  const t = doc.text;
  let i = from;
  const skip = (): void => {
    for (;;) {
      while (i < t.length && (t[i] === ' ' || t[i] === '\t')) i++;
      if (t[i] === escape) {
        let j = i + 1;
        while (t[j] === ' ' || t[j] === '\t') j++;
        if (t[j] === '\r') j++;
        if (t[j] === '\n') {
          i = j + 1;
          continue;
        }
      }
      return;
    }
  };
  skip();
  if (t[i] !== '[') return null;
  i++;
  const out: Word[] = [];
  skip();
  if (t[i] === ']') return out;
  for (;;) {
    skip();
    if (t[i] !== '"') return null;
    const s = i;
    i++;
    while (i < t.length && t[i] !== '"' && t[i] !== '\n') i += t[i] === '\\' ? 2 : 1;
    if (t[i] !== '"') return null;
    i++;
    let value: unknown;
    try {
      value = JSON.parse(t.slice(s, i));
    } catch {
      return null;
    }
    if (typeof value !== 'string') return null;
    out.push({ value, start: s, end: i, range: doc.rangeOf(s, i) });
    skip();
    if (t[i] === ',') {
      i++;
      continue;
    }
    return t[i] === ']' ? out : null;
  }
}

/** The JSON words of a CMD, ENTRYPOINT, RUN, COPY or ADD in exec form (after its flags); null in shell form. */
export function execWords(model: DockerfileModel, ins: DInstruction): Word[] | null {
  if (!ins.json) return null;
  const first = ins.args[0];
  if (!first) return null;
  return readJsonArray(model.doc, model.doc.offsetAt(first.range.start), model.escapeChar);
}

/** The program words of `HEALTHCHECK [flags] CMD ["…"]`; null for shell form, NONE or no CMD. */
export function healthcheckExecWords(model: DockerfileModel, ins: DInstruction): Word[] | null {
  const sub = ins.args[0];
  const next = ins.args[1];
  if (!sub || sub.value.toUpperCase() !== 'CMD' || !next || !next.value.startsWith('[')) return null;
  return readJsonArray(model.doc, model.doc.offsetAt(next.range.start), model.escapeChar);
}

export function isHealthcheckNone(ins: DInstruction): boolean {
  return ins.keyword === 'HEALTHCHECK' && (ins.args[0]?.value.toUpperCase() ?? '') === 'NONE';
}

// ---------------------------------------------------------------------------------------------------
// COPY and ADD from the build context
// ---------------------------------------------------------------------------------------------------

export interface ContextCopy {
  ins: DInstruction;
  sources: Word[];
  dest: Word;
}

/** COPY/ADD instructions that read from the build context (no `--from`, no heredoc), with their paths. */
export function contextCopy(model: DockerfileModel, ins: DInstruction): ContextCopy | null {
  return ins.keyword === 'COPY' || ins.keyword === 'ADD' ? contextCopyOf(model, ins) : null;
}

/** Per model (its words carry document offsets): rules ask about the same COPY once per later RUN. */
const contextCopyOf = perModel(readContextCopy);

function readContextCopy(model: DockerfileModel, ins: DInstruction): ContextCopy | null {
  if (ins.heredocs.length > 0) return null;
  if (ins.flags.some((f) => f.name.toLowerCase() === 'from')) return null;
  let words: Word[] | null;
  if (ins.json) words = execWords(model, ins);
  else
    words = ins.args.map((a) => ({
      value: a.value,
      start: model.doc.offsetAt(a.range.start),
      end: model.doc.offsetAt(a.range.end),
      range: a.range,
    }));
  if (!words || words.length < 2) return null;
  const dest = words[words.length - 1] as Word;
  return { ins, sources: words.slice(0, -1), dest };
}

/** `.` or `./`: the whole build context. */
export function isContextRoot(path: string): boolean {
  return path === '.' || path === './';
}

// ---------------------------------------------------------------------------------------------------
// HTTP clients in base images and stage chains
// ---------------------------------------------------------------------------------------------------

export type ProbeTool = 'curl' | 'wget';
export type Presence = 'yes' | 'no' | 'unknown';
export type ToolTable = Record<ProbeTool, Presence>;

const UNKNOWN: ToolTable = { curl: 'unknown', wget: 'unknown' };
const NEITHER: ToolTable = { curl: 'no', wget: 'no' };
const BOTH: ToolTable = { curl: 'yes', wget: 'yes' };
/** Alpine and BusyBox: the busybox `wget` applet, no curl. */
const BUSYBOX: ToolTable = { curl: 'no', wget: 'yes' };

/**
 * Official images built on buildpack-deps in their default variant (which ships curl and wget), whose
 * `-slim` variants ship neither and whose `-alpine` variants add no curl to Alpine.
 */
const BUILDPACK_LANGUAGES = new Set(['python', 'node', 'golang', 'ruby', 'rust', 'perl', 'buildpack-deps']);

/** The Docker Hub library name of an image (`node`, `library/node`, `docker.io/library/node`), or null. */
export function officialName(image: ImageRef | null): string | null {
  if (!image?.resolved) return null;
  const reg = (image.registry ?? '').toLowerCase();
  if (reg && reg !== 'docker.io' && reg !== 'index.docker.io' && reg !== 'registry-1.docker.io') return null;
  const name = image.name.toLowerCase().replace(/^library\//, '');
  return name.includes('/') ? null : name;
}

/** The image at the root of a stage chain: the external image the stage is ultimately built FROM. */
export function rootImage(stage: Stage): ImageRef | null {
  const chain = stageChain(stage);
  return chain[chain.length - 1]?.image ?? null;
}

/**
 * Whether a base image ships curl and wget. Only what is known for certain is answered: the official
 * language images (default, `-slim` and `-alpine` variants), bare Debian, Ubuntu, Alpine and BusyBox,
 * distroless and scratch, nginx and php. Everything else is `unknown`.
 */
export function baseImageTools(image: ImageRef | null): ToolTable {
  if (!image?.resolved) return UNKNOWN;
  const family = imageFamily(image);
  const tag = (image.tag ?? '').toLowerCase();
  if (family === 'scratch') return NEITHER;
  // The :debug variants of distroless carry a BusyBox shell.
  if (family === 'distroless') return tag.includes('debug') ? { curl: 'no', wget: 'unknown' } : NEITHER;
  const name = officialName(image);
  if (!name) return family === 'alpine' ? { curl: 'unknown', wget: 'yes' } : UNKNOWN;
  if (/windows|nanoserver|servercore/.test(tag)) return UNKNOWN;
  if (name === 'alpine' || name === 'busybox') return BUSYBOX;
  if (name === 'debian' || name === 'ubuntu') return NEITHER;
  if (BUILDPACK_LANGUAGES.has(name)) {
    if (family === 'alpine') return BUSYBOX;
    if (/(^|-)slim(-|$)/.test(tag)) return NEITHER;
    return BOTH;
  }
  // php installs curl in every variant (it needs it to fetch sources); the Debian ones have no wget.
  if (name === 'php')
    return family === 'alpine' ? { curl: 'yes', wget: 'yes' } : { curl: 'yes', wget: 'unknown' };
  if (name === 'nginx') {
    if (family !== 'alpine') return { curl: 'yes', wget: 'unknown' };
    return tag.includes('slim') ? BUSYBOX : { curl: 'unknown', wget: 'yes' };
  }
  return family === 'alpine' ? { curl: 'unknown', wget: 'yes' } : UNKNOWN;
}

const REMOVERS: Record<string, string[]> = {
  'apt-get': ['remove', 'purge'],
  apt: ['remove', 'purge'],
  apk: ['del'],
  yum: ['remove', 'erase'],
  dnf: ['remove', 'erase'],
  microdnf: ['remove'],
  zypper: ['remove', 'rm'],
};

function packageName(word: string): string {
  return (word.split(/[=<>~]/, 1)[0] ?? '').toLowerCase();
}

/** The `--virtual NAME` / `-t NAME` group of an `apk add`, if any. */
function apkVirtualGroup(cmd: ShellCommand): string | undefined {
  const args = argsOf(cmd);
  for (let i = 0; i < args.length; i++) {
    const v = (args[i] as { value: string }).value;
    if (v === '--virtual' || v === '-t') return args[i + 1]?.value;
    if (v.startsWith('--virtual=')) return v.slice('--virtual='.length);
  }
  return undefined;
}

/**
 * Whether a tool is present in the image a stage produces: installed, used or removed by the RUN
 * commands of its stage chain (in order), or else shipped by the root base image. A tool copied in, or
 * installed from a list the file does not spell out, makes the answer `unknown`.
 */
export function toolPresence(model: DockerfileModel, stage: Stage, tool: ProbeTool): Presence {
  // Stages are built anew with each model: kept for one analysis, where a rule asks several times a stage.
  let byTool = presenceCache.get(stage);
  if (!byTool) presenceCache.set(stage, (byTool = new Map()));
  let presence = byTool.get(tool);
  if (!presence) byTool.set(tool, (presence = readToolPresence(model, stage, tool)));
  return presence;
}

const presenceCache = new WeakMap<Stage, Map<ProbeTool, Presence>>();

function readToolPresence(model: DockerfileModel, stage: Stage, tool: ProbeTool): Presence {
  let state: Presence | 'base' = 'base';
  const groups = new Map<string, boolean>();
  const mentions = new RegExp(`(^|[/=:\\s])${tool}($|[/:.\\s-])`);
  for (const s of stageChain(stage).reverse())
    for (const ins of s.instructions) {
      if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        const words = [...ins.args.map((a) => a.value), ...ins.flags.map((f) => f.value ?? '')];
        if (words.some((w) => mentions.test(w))) state = 'unknown';
        continue;
      }
      if (ins.keyword !== 'RUN') continue;
      if (!ins.shell) {
        if (mentions.test(model.doc.getText(ins.range))) state = 'unknown';
        continue;
      }
      for (const cmd of ins.shell.commands) {
        if (cmd.name === tool) {
          state = 'yes';
          continue;
        }
        const pkgs = installedPackages(cmd).map((w) => w.value);
        if (pkgs.length > 0) {
          const names = pkgs.map(packageName);
          if (names.includes(tool)) {
            state = 'yes';
            if (cmd.name === 'apk') {
              const group = apkVirtualGroup(cmd);
              if (group) groups.set(group, true);
            }
          } else if (state !== 'yes' && pkgs.some((p) => /[$`]/.test(p))) state = 'unknown';
          continue;
        }
        const removes = REMOVERS[cmd.name];
        const sub = subcommand(cmd);
        if (removes && sub && removes.includes(sub.value)) {
          const names = argsOf(cmd)
            .filter((w) => w !== sub && !w.value.startsWith('-'))
            .map((w) => packageName(w.value));
          if (names.includes(tool) || names.some((n) => groups.get(n))) state = 'no';
        }
      }
    }
  if (state !== 'base') return state;
  return baseImageTools(rootImage(stage))[tool];
}

/** The package manager that installs into images of a stage's root image, when the family says so. */
export function packageManagerOf(stage: Stage): 'apt-get' | 'apk' | null {
  const family = imageFamily(rootImage(stage));
  return family === 'debian' ? 'apt-get' : family === 'alpine' ? 'apk' : null;
}
