import { defineRule, type FixSpec } from '../../core/rule';
import {
  dependsOn,
  entriesOf as entries,
  grantsOf,
  namesIn,
  rangeOf,
  strAt,
  volumesOf,
  hasVariables,
  projectSiblings,
  subRange,
  definedOutOfSight,
  activeByDefault,
  profilesOf,
  type ComposeModel,
  type ResourceKind,
} from '../../languages/compose';
import { appendToMap } from '../../fixes/yaml';
import { deref, isMap, isScalar, items, str, type Node, type Scalar } from '../../languages/yaml/model';
import { closest } from '../../schema/compose';
import { nest, yamlString } from '../../fixes/compose';

const OVERRIDES = [
  'compose.override.yaml',
  'compose.override.yml',
  'docker-compose.override.yaml',
  'docker-compose.override.yml',
];

type Kind = 'service' | ResourceKind | 'models';

const WHAT: Record<Kind, string> = {
  service: 'Service',
  networks: 'Network',
  volumes: 'Volume',
  secrets: 'Secret',
  configs: 'Config',
  models: 'Model',
};

export default defineRule<ComposeModel>({
  id: 'compose/undefined-reference',
  language: 'compose',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: 'unsafe',
  messages: {
    undefined: '{what} `{name}` is not defined in this file: `docker compose` rejects a project that {how}.',
    inactive:
      'Service `{name}` runs only with profile {profiles}, which `.env` does not enable: `docker compose` rejects the project ("depends on undefined service") unless the profile is enabled or the dependency says `required: false`.',
    notBuildable:
      'Service `{name}` has no `build`, so it cannot be an additional build context: `docker compose` rejects the project ("declares non-buildable service").',
  },
  docs: {
    summary: 'Services, networks, volumes, secrets and configs a service refers to must be defined.',
    rationale:
      '`docker compose config` and every other command stop with "service \\"api\\" depends on undefined service ' +
      '\\"db\\"" (or "refers to undefined network/volume/secret/config") when a name in `depends_on`, `links`, ' +
      '`extends`, `network_mode: service:…`, `volumes_from`, `networks`, a named volume, `secrets` or `configs` is ' +
      'not declared. The schema cannot see this; the rule checks each name against the file. It stays quiet where ' +
      'the definition may live elsewhere: in override files (`compose.override.yaml`, `compose.prod.yml`), in files ' +
      'with several YAML documents or an `include:` whose files cannot all be read, for `extends` from another file, for the implicit `default` network, and for names built ' +
      'from variables. Names defined in the files Compose merges with this one (the `compose.override.yaml` ' +
      'beside it, or the files `COMPOSE_FILE` in `.env` lists) count as defined. A dependency marked ' +
      '`required: false`, a reference from a service with `profiles:` (checked only when a profile enables it), or ' +
      'a file merged with one that cannot be read, gets a warning instead of an error. As compose-go does ' +
      '(loader/validate.go), it also checks `models` against the top-level `models:`, `build.additional_contexts` ' +
      'values `service:<name>` (the service must exist and have a `build`), and a required `depends_on` on a ' +
      'service whose `profiles:` the `COMPOSE_PROFILES` of `.env` does not enable: compose-go disables that ' +
      'service and rejects the dependency, unless it says `required: false` (an undefined service is an error ' +
      'even then). Fixes: the closest defined name, or a declaration of the missing ' +
      'network or volume; both change what the file does and say so.',
    bad: 'services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      - database\n  db:\n    image: postgres:16\n',
    good: 'services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      - db\n  db:\n    image: postgres:16\n',
  },
  check(ctx) {
    const m = ctx.model;
    if (m.partial) return;
    // Names may be defined where nothing can show them; what this file itself says is still checked.
    const outOfSight = definedOutOfSight(m, ctx.host);
    // What the files Compose merges with this one define counts as defined; when one of them cannot be
    // read, a name missing here may be there, so the finding is a warning.
    const project = projectSiblings(m, ctx.host);
    const uncertain =
      project.unknown || OVERRIDES.some((p) => ctx.host.exists(p) === true && !project.files.includes(p));
    const seen = new Set<string>();
    const models = entries(m.top.get('models')?.value).map((e) => e.key);
    const reportIn = (kind: Kind, name: string, node: Scalar, how: string, optional: boolean): void => {
      if (outOfSight || hasVariables(name)) return;
      const defined =
        kind === 'service'
          ? m.serviceByName.has(name) || project.services.has(name)
          : kind === 'models'
            ? models.includes(name)
            : m.declared[kind].has(name) || project.declared[kind].has(name);
      if (defined || (kind === 'networks' && name === 'default')) return;
      const key = `${node.range?.[0] ?? 0}|${name}`;
      if (seen.has(key)) return;
      seen.add(key);
      const names =
        kind === 'service'
          ? [...m.serviceByName.keys()]
          : kind === 'models'
            ? models
            : [...m.declared[kind].keys()];
      const suggestion = closest(name, names);
      // `service:name` values: the finding goes on the name.
      const value = typeof node.value === 'string' ? node.value : '';
      const at =
        value.length > name.length && value.endsWith(`:${name}`)
          ? (subRange(m, node, value.length - name.length, value.length) ?? rangeOf(m, node))
          : rangeOf(m, node);
      ctx.report({
        at,
        messageId: 'undefined',
        data: { what: WHAT[kind], name, how },
        ...(optional || uncertain || (kind === 'models' && project.files.length > 0)
          ? { severity: 'warning' as const }
          : {}),
        fix: () => {
          const fixes: FixSpec[] = [];
          if (suggestion && node.range) {
            const text = m.doc.text.slice(node.range[0], node.range[1]);
            const at = text.lastIndexOf(name);
            if (at >= 0)
              fixes.push({
                title: `Change to \`${suggestion}\` (changes behaviour)`,
                edits: [
                  {
                    range: m.doc.rangeOf(node.range[0] + at, node.range[0] + at + name.length),
                    newText: suggestion,
                  },
                ],
              });
          }
          if (kind === 'networks' || kind === 'volumes') {
            const declare = declareAtTop(m, kind, name);
            if (declare)
              fixes.push({
                title: `Declare ${WHAT[kind].toLowerCase()} \`${name}\` (changes behaviour)`,
                edits: [declare],
              });
          }
          return fixes;
        },
      });
    };

    for (const s of m.services) {
      // Compose checks only the services enabled by the active profiles, and none is active by default.
      const profiled = !activeByDefault(m, s);
      const report = (kind: Kind, name: string, node: Scalar, how: string, optional = false): void =>
        reportIn(kind, name, node, how, optional || profiled);
      for (const d of dependsOn(s)) {
        const required =
          d.entry && isMap(d.entry.value)
            ? entries(d.entry.value).find((e) => e.key === 'required')
            : undefined;
        const optional =
          isScalar(required?.value) && (required.value.value === false || required.value.value === 'false');
        report('service', d.name, d.node, 'depends on an undefined service');
        // compose-go disables a service its profiles leave out; a required dependency on it is rejected.
        const target = m.serviceByName.get(d.name);
        if (target && !profiled && !optional && !activeByDefault(m, target))
          ctx.report({
            at: rangeOf(m, d.node),
            messageId: 'inactive',
            data: {
              name: d.name,
              profiles: (profilesOf(m, target) ?? []).map((p) => `\`${p}\``).join(' or '),
            },
            ...(uncertain ? { severity: 'warning' as const } : {}),
          });
      }
      for (const n of namesIn(s.get('models')?.value))
        report('models', n.name, n.node, 'refers to an undefined model');
      for (const n of items(s.get('links')?.value))
        if (isScalar(n) && typeof n.value === 'string')
          report('service', n.value.split(':')[0] as string, n, 'links to an undefined service');
      if (s.extends && s.extends.file === undefined) {
        const v = s.extends.entry.value;
        const node = isScalar(v)
          ? v
          : isMap(v)
            ? (entries(v).find((e) => e.key === 'service')?.value ?? null)
            : null;
        if (isScalar(node)) report('service', s.extends.service, node, 'extends an undefined service');
      }
      const mode = s.get('network_mode')?.value;
      if (isScalar(mode) && typeof mode.value === 'string' && mode.value.startsWith('service:'))
        report(
          'service',
          mode.value.slice('service:'.length),
          mode,
          'uses the network of an undefined service',
        );
      for (const n of items(s.get('volumes_from')?.value)) {
        if (!isScalar(n) || typeof n.value !== 'string' || n.value.startsWith('container:')) continue;
        const name = n.value.replace(/^service:/, '').split(':')[0] as string;
        report('service', name, n, 'takes volumes from an undefined service');
      }
      // `network_mode` and `networks` together are a different error; only names are checked here.
      for (const n of namesIn(s.get('networks')?.value))
        report('networks', n.name, n.node, 'refers to an undefined network');
      for (const v of volumesOf(m, s)) {
        if (v.type !== 'volume' || !v.source) continue;
        const node = volumeSourceNode(v.node);
        if (node) report('volumes', v.source, node, 'refers to an undefined volume');
      }
      for (const kind of ['secrets', 'configs'] as const)
        for (const g of grantsOf(s, kind))
          report(kind, g.name, g.node, `refers to an undefined ${kind.slice(0, -1)}`);
      const build = s.get('build')?.value;
      if (isMap(build))
        for (const n of items(entries(build).find((e) => e.key === 'secrets')?.value)) {
          const name = isScalar(n) ? str(n) : strAt(n, 'source');
          const node = isScalar(n) ? n : entries(n).find((e) => e.key === 'source')?.value;
          if (name !== undefined && isScalar(node))
            report('secrets', name, node, 'builds with an undefined secret');
        }
      for (const c of serviceContexts(build)) {
        report('service', c.name, c.node, 'uses an undefined service as a build context');
        const target = m.serviceByName.get(c.name);
        if (
          target &&
          !target.get('build') &&
          !target.extends &&
          !project.unknown &&
          !project.services.has(c.name)
        )
          ctx.report({
            at: rangeOf(m, c.node),
            messageId: 'notBuildable',
            data: { name: c.name },
            ...(profiled ? { severity: 'warning' as const } : {}),
          });
      }
    }
  },
});

/** `additional_contexts` values `service:<name>`, as a map or a list of `name=value`. */
function serviceContexts(build: Node | null | undefined): { name: string; node: Scalar }[] {
  if (!isMap(build)) return [];
  const v = entries(build).find((e) => e.key === 'additional_contexts')?.value;
  const values = isMap(v) ? entries(v).map((e) => e.value) : items(v);
  const out: { name: string; node: Scalar }[] = [];
  for (const n of values) {
    if (!isScalar(n) || typeof n.value !== 'string') continue;
    const value = isMap(v) ? n.value : n.value.slice(n.value.indexOf('=') + 1);
    if (value.startsWith('service:')) out.push({ name: value.slice('service:'.length), node: n });
  }
  return out;
}

/** The scalar that names a volume: the short-syntax item, or `source:` in long syntax. */
function volumeSourceNode(node: Node): Scalar | null {
  if (isScalar(node)) return node;
  const v = entries(node).find((e) => e.key === 'source')?.value;
  return isScalar(v) ? v : null;
}

/** `name:` under the top-level `networks:`/`volumes:`, or a new top-level section for it. */
function declareAtTop(m: ComposeModel, kind: 'networks' | 'volumes', name: string) {
  const section = m.top.get(kind);
  const key = `${yamlString(name)}:`;
  if (section) {
    const v = deref(section.pair.value as Node | null);
    if (section.merged || !isMap(v) || v !== section.pair.value) return undefined;
    return appendToMap(m.doc, v, [key]);
  }
  if (!m.root) return undefined;
  return appendToMap(m.doc, m.root, [`${kind}:`, nest(m.doc, 1, key)]);
}
