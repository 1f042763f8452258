import { defineRule } from '../../core/rule';
import {
  dirOf,
  fileState,
  joinPath,
  parseCompose,
  rangeOf,
  pathOf,
  type ComposeModel,
  type ComposeService,
} from '../../languages/compose';
import { entries, isMap, isScalar, type Node } from '../../languages/yaml/model';

/** How many `extends` steps are followed before giving up (compose-go has no limit but its cycle check). */
const MAX_DEPTH = 16;

export default defineRule<ComposeModel>({
  id: 'compose/extends-unresolved',
  language: 'compose',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    noFile:
      'Service `{name}` extends a file that does not exist (`{path}`): `docker compose` stops with "cannot read {path}".',
    noService:
      'Service `{name}` extends `{service}`, which `{path}` does not define: `docker compose` stops ("service \\"{service}\\" not found").',
    cycle:
      'Service `{name}` extends itself through {chain}: `docker compose` stops with "Circular reference".',
    outside:
      '`{path}` was not read: it is outside the workspace, so Shipshape cannot check the service it extends.',
  },
  docs: {
    summary: '`extends` must name a file that exists, a service it defines, and must not loop.',
    rationale:
      'compose-go resolves `extends` before it validates anything (loader/extends.go, `ApplyExtends`): a `file:` ' +
      'that cannot be read stops it with "cannot read …", a service the file does not define with "cannot ' +
      'extend service … not found", and a chain that comes back to a service it started from with "Circular ' +
      'reference" (loader/loader.go, `cycleTracker`). The rule follows the chain through the files it names, ' +
      'relative to each file, as Compose does. An undefined service in this same file is ' +
      '`compose/undefined-reference`’s finding. Paths built from variables `.env` does not set, files the ' +
      'workspace host cannot read, and files outside the workspace (an info finding says they were not read) ' +
      'are left alone.',
    bad: 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: base\n',
    good: 'services:\n  web:\n    image: nginx:1.27\n',
  },
  check(ctx) {
    const m = ctx.model;
    const texts = new Map<string, ComposeModel | null>();
    /** Another file of the chain, parsed once per check; null when it cannot be read. */
    const load = (path: string): ComposeModel | null => {
      if (!texts.has(path)) {
        const text = ctx.host.read?.(path);
        texts.set(path, text === undefined ? null : parseCompose(text, undefined, { name: path }));
      }
      return texts.get(path) ?? null;
    };
    for (const s of m.services) {
      if (!s.extends) continue;
      const at = target(s);
      if (s.extends.file !== undefined) {
        const fileNode = fileNodeOf(s);
        const path = pathOf(m, fileNode);
        if (path === null || !fileNode) continue;
        const state = fileState(ctx.host, path);
        if (state === 'missing') {
          ctx.report({ at: rangeOf(m, fileNode), messageId: 'noFile', data: { name: s.name, path } });
          continue;
        }
        if (state === 'outside') {
          ctx.report({ at: rangeOf(m, fileNode), messageId: 'outside', severity: 'info', data: { path } });
          continue;
        }
        const other = state === 'present' ? load(path) : null;
        if (other && at && !other.serviceByName.has(s.extends.service) && !other.definedElsewhere)
          ctx.report({
            at: rangeOf(m, at),
            messageId: 'noService',
            data: { name: s.name, service: s.extends.service, path },
          });
      }
      const chain = cycleFrom(m, s, load);
      if (chain && at) ctx.report({ at: rangeOf(m, at), messageId: 'cycle', data: { name: s.name, chain } });
    }
  },
});

/** The chain back to `start` as "`a` → `b` → `a`", or null when the chain ends or leaves what can be read. */
function cycleFrom(
  m: ComposeModel,
  start: ComposeService,
  load: (path: string) => ComposeModel | null,
): string | null {
  const seen: string[] = [];
  const self = m.fileName;
  let file = self;
  let model: ComposeModel | null = m;
  let s: ComposeService | undefined = start;
  for (let depth = 0; model && s?.extends && depth < MAX_DEPTH; depth++) {
    const key = `${file}#${s.name}`;
    if (seen.includes(key)) return seen[0] === key ? labels([...seen, key], self).join(' → ') : null;
    seen.push(key);
    if (s.extends.file !== undefined) {
      const path = pathOf(model, fileNodeOf(s));
      if (path === null) return null;
      file = joinPath(dirOf(file), path);
      model = file === self ? m : load(file);
    }
    s = model?.serviceByName.get(s.extends.service);
  }
  return null;
}

function labels(keys: string[], self: string): string[] {
  return keys.map((k) => {
    const [file, name] = k.split('#');
    return file === self ? `\`${name}\`` : `\`${name}\` (${file})`;
  });
}

function fileNodeOf(s: ComposeService): Node | null {
  const v = s.extends?.entry.value;
  return isMap(v) ? (entries(v).find((e) => e.key === 'file')?.value ?? null) : null;
}

/** The scalar naming the extended service (`extends: base` or `service: base`). */
function target(s: ComposeService): Node | null {
  const v = s.extends?.entry.value;
  if (isScalar(v)) return v;
  return isMap(v) ? (entries(v).find((e) => e.key === 'service')?.value ?? null) : null;
}
