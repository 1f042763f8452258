import type { Host } from '../../core/rule';
import { RESOURCE_KINDS, type ComposeModel, type ComposeService, type ResourceKind } from './model';
import { joinPath } from './query';
import { dirOf, includesOf } from './files';
import { parseCompose } from './parse';

/**
 * The other files of the project Compose would read together with this one, as far as the folder shows
 * them. With `COMPOSE_FILE` in the `.env` beside the file, Compose reads the files it lists (separated by
 * `COMPOSE_PATH_SEPARATOR`, `:` by default) and no others; without it, the main file and the override
 * file beside it (`compose.override.yaml`…). A command line's `-f` cannot be known and is not guessed.
 */

export interface ServiceSummary {
  /** `image:` or `build:` is written for it (or it `extends` another service, which may supply them). */
  runnable: boolean;
  /** The keys the sibling files write for it. */
  keys: ReadonlySet<string>;
}

export interface ProjectSiblings {
  /** Services the sibling files define, by name. */
  services: ReadonlyMap<string, ServiceSummary>;
  /** Names the sibling files declare at the top, by kind. */
  declared: Record<ResourceKind, ReadonlySet<string>>;
  /**
   * True when a sibling Compose would read could not be read or understood (too large, unreadable, built
   * from variables, pulls in further files): what it defines is unknown, so nothing may be called missing.
   */
  unknown: boolean;
  /** The sibling files that were read, relative to this file's folder (included files too). */
  files: readonly string[];
  /**
   * True when every file `include:` names was read and understood, so what they declare is in
   * `services` and `declared` (always true without `include:`).
   */
  includesRead: boolean;
}

const MAIN_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDE_NAMES = [
  'compose.override.yaml',
  'compose.override.yml',
  'docker-compose.override.yaml',
  'docker-compose.override.yml',
];

const byModel = new WeakMap<ComposeModel, ProjectSiblings>();

export function projectSiblings(model: ComposeModel, host: Host): ProjectSiblings {
  const hit = byModel.get(model);
  if (hit) return hit;
  const result = readSiblings(model, host);
  byModel.set(model, result);
  return result;
}

function readSiblings(model: ComposeModel, host: Host): ProjectSiblings {
  const out = {
    services: new Map<string, ServiceSummary>(),
    declared: Object.fromEntries(RESOURCE_KINDS.map((k) => [k, new Set<string>()])) as Record<
      ResourceKind,
      Set<string>
    >,
    unknown: false,
    files: [] as string[],
    includesRead: true,
  };
  const self = model.fileName.toLowerCase();
  let candidates: string[];
  const listed = model.env.get('COMPOSE_FILE');
  if (listed !== undefined && listed.trim() !== '') {
    const separator = model.env.get('COMPOSE_PATH_SEPARATOR') || ':';
    candidates = listed
      .split(separator)
      .map((p) => p.trim().replace(/\\/g, '/').replace(/^\.\//, ''))
      .filter((p) => p !== '' && p.toLowerCase() !== self);
  } else if (MAIN_NAMES.includes(self)) candidates = OVERRIDE_NAMES;
  else candidates = [];
  const add = (path: string, summary: Summary): void => {
    out.files.push(path);
    for (const [name, s] of summary.services) {
      const prev = out.services.get(name);
      out.services.set(name, {
        runnable: s.runnable || (prev?.runnable ?? false),
        keys: new Set([...(prev?.keys ?? []), ...s.keys]),
      });
    }
    for (const kind of RESOURCE_KINDS) for (const n of summary.declared[kind]) out.declared[kind].add(n);
  };
  // Included files bring their services and declarations into the project (loader/include.go); they
  // cannot change this file's services, so one that cannot be read leaves only names unknown.
  for (const inc of includesOf(model)) {
    if (!inc.complete) out.includesRead = false;
    for (const ref of inc.files) {
      const text = host.read?.(ref.path);
      const summary = text === undefined ? undefined : summarize(text);
      if (!summary || summary.unknown) out.includesRead = false;
      if (summary) add(ref.path, summary);
    }
  }
  for (const path of candidates) {
    if (path.includes('$') || path.startsWith('/') || /^[A-Za-z]:/.test(path)) {
      out.unknown = true;
      continue;
    }
    const exists = host.exists(path);
    if (exists === false) continue;
    const text = exists === true ? host.read?.(path) : undefined;
    if (text === undefined) {
      // A listed file that may exist but cannot be read (or a host that cannot tell) is unknown.
      if (exists === true || listed !== undefined) out.unknown = true;
      continue;
    }
    const summary = summarize(text);
    if (summary.unknown) out.unknown = true;
    add(path, summary);
  }
  return out;
}

/**
 * Whether names this file refers to may be defined where nothing can show them: further YAML documents
 * in the file, or an `include:` whose files could not all be read.
 */
export function definedOutOfSight(model: ComposeModel, host: Host): boolean {
  if (!model.definedElsewhere) return false;
  return model.moreDocuments || !projectSiblings(model, host).includesRead;
}

/**
 * Whether the files Compose merges with this one may set one of `keys` on the service (they do, or one
 * of them cannot be read): rules about keys a service leaves out stay quiet then.
 */
export function setElsewhere(
  model: ComposeModel,
  host: Host,
  service: string,
  keys: readonly string[],
): boolean {
  const p = projectSiblings(model, host);
  const summary = p.services.get(service);
  return p.unknown || (summary !== undefined && keys.some((k) => summary.keys.has(k)));
}

interface Summary {
  services: Map<string, ServiceSummary>;
  declared: Record<ResourceKind, Set<string>>;
  unknown: boolean;
}

/** Sibling files are parsed once per text: an edit in the open file does not parse them again. */
const summaries = new Map<string, Summary>();
const MAX_SUMMARIES = 32;

function summarize(text: string): Summary {
  const hit = summaries.get(text);
  if (hit) return hit;
  const m = parseCompose(text);
  const services = new Map<string, ServiceSummary>();
  for (const s of m.services)
    services.set(s.name, {
      runnable: !!(s.get('image') || s.get('build') || s.get('extends')),
      keys: new Set(s.entries.map((e) => e.key)),
    });
  const declared = Object.fromEntries(
    RESOURCE_KINDS.map((k) => [k, new Set(m.declared[k].keys())]),
  ) as Record<ResourceKind, Set<string>>;
  // A file YAML cannot read, or one that pulls in further files, may define anything.
  const unknown = m.definedElsewhere || m.problems.some((p) => p.severity === 'error');
  const summary: Summary = { services, declared, unknown };
  if (summaries.size >= MAX_SUMMARIES) summaries.delete(summaries.keys().next().value as string);
  summaries.set(text, summary);
  return summary;
}

/**
 * The keys a service gets through `extends`, followed through this file and the files it names (read
 * through the host, relative to each file), or null when part of the chain cannot be read or loops.
 */
export function extendedKeys(model: ComposeModel, host: Host, service: ComposeService): Set<string> | null {
  const keys = new Set<string>();
  let current: ComposeModel = model;
  let dir = '.';
  let s: ComposeService | undefined = service;
  for (let depth = 0; s?.extends; depth++) {
    if (depth >= 16) return null;
    const ext: NonNullable<ComposeService['extends']> = s.extends;
    if (ext.file !== undefined) {
      const path = ext.file.includes('$') ? null : joinPath(dir, ext.file);
      const text = path === null ? undefined : host.read?.(path);
      if (path === null || text === undefined) return null;
      current = parsedOnce(text);
      if (current.definedElsewhere) return null;
      dir = dirOf(path);
    }
    s = current.serviceByName.get(ext.service);
    if (!s) return null;
    for (const e of s.entries) keys.add(e.key);
  }
  return keys;
}

const parsed = new Map<string, ComposeModel>();

function parsedOnce(text: string): ComposeModel {
  let m = parsed.get(text);
  if (!m) {
    m = parseCompose(text);
    if (parsed.size >= MAX_SUMMARIES) parsed.delete(parsed.keys().next().value as string);
    parsed.set(text, m);
  }
  return m;
}
