import { defineRule } from '../../core/rule';
import { activeByDefault, dependsOn, rangeOf, type ComposeModel } from '../../languages/compose';
import { isScalar, items, type Scalar } from '../../languages/yaml/model';

export default defineRule<ComposeModel>({
  id: 'compose/depends-on-cycle',
  language: 'compose',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    cycle:
      'Dependency cycle {path}: Compose cannot decide which service to start first and rejects the project.',
    self: 'Service `{name}` depends on itself; Compose rejects the project.',
  },
  docs: {
    summary: 'Services must not depend on each other in a circle.',
    rationale:
      'Compose starts services in dependency order and, since compose-go added cycle detection, refuses a project ' +
      'whose `depends_on` graph has a cycle ("dependency cycle detected: a -> b -> a"), including a service that ' +
      'depends on itself. `links`, `network_mode: service:…` and `volumes_from` create the same dependencies and ' +
      'count too. Each cycle is reported once, on the dependency that closes it; a cycle through a service with ' +
      '`profiles:` is a warning, since Compose checks that service only when a profile enables it. There is no automatic fix: which ' +
      'edge to remove depends on which service really needs the other to be up.',
    bad: 'services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      - worker\n  worker:\n    image: busybox:1.36\n    depends_on:\n      - api\n',
    good: 'services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      - worker\n  worker:\n    image: busybox:1.36\n',
  },
  check(ctx) {
    const m = ctx.model;
    // Edges in file order, each with the node that names the dependency.
    const edges = new Map<string, { to: string; node: Scalar }[]>();
    for (const s of m.services) {
      const list: { to: string; node: Scalar }[] = [];
      for (const d of dependsOn(s)) list.push({ to: d.name, node: d.node });
      for (const n of items(s.get('links')?.value))
        if (isScalar(n) && typeof n.value === 'string')
          list.push({ to: n.value.split(':')[0] as string, node: n });
      const mode = s.get('network_mode')?.value;
      if (isScalar(mode) && typeof mode.value === 'string' && mode.value.startsWith('service:'))
        list.push({ to: mode.value.slice(8), node: mode });
      for (const n of items(s.get('volumes_from')?.value))
        if (isScalar(n) && typeof n.value === 'string' && !n.value.startsWith('container:'))
          list.push({ to: n.value.replace(/^service:/, '').split(':')[0] as string, node: n });
      if (!edges.has(s.name)) edges.set(s.name, list);
    }
    // Compose checks the graph of the services the active profiles enable, and none is active by default:
    // a cycle through a service with `profiles:` fails only when its profile is enabled.
    // `.env` may enable profiles (COMPOSE_PROFILES): a cycle through enabled services is an error.
    const profiledIn = (names: string[]) =>
      names.some((n) => {
        const s = m.serviceByName.get(n);
        return s !== undefined && !activeByDefault(m, s);
      })
        ? { severity: 'warning' as const }
        : {};
    // A depth-first search with its own stack: a chain of thousands of services would overflow the call
    // stack of a recursive one. Each frame remembers which of its edges it has followed so far.
    const state = new Map<string, 'active' | 'done'>();
    const path: string[] = [];
    const reported = new Set<string>();
    const visit = (start: string): void => {
      const frames: { name: string; next: number }[] = [{ name: start, next: 0 }];
      state.set(start, 'active');
      path.push(start);
      while (frames.length > 0) {
        const frame = frames[frames.length - 1] as { name: string; next: number };
        const name = frame.name;
        const e = (edges.get(name) ?? [])[frame.next++];
        if (!e) {
          frames.pop();
          path.pop();
          state.set(name, 'done');
          continue;
        }
        if (!edges.has(e.to)) continue;
        if (e.to === name) {
          ctx.report({ at: rangeOf(m, e.node), messageId: 'self', data: { name }, ...profiledIn([name]) });
          continue;
        }
        const st = state.get(e.to);
        if (st === 'active') {
          const cycle = [...path.slice(path.indexOf(e.to)), e.to];
          const key = [...cycle.slice(0, -1)].sort().join('\u0000');
          if (reported.has(key)) continue;
          reported.add(key);
          ctx.report({
            at: rangeOf(m, e.node),
            messageId: 'cycle',
            data: { path: cycle.map((c) => `\`${c}\``).join(' → ') },
            ...profiledIn(cycle),
          });
        } else if (st === undefined) {
          state.set(e.to, 'active');
          path.push(e.to);
          frames.push({ name: e.to, next: 0 });
        }
      }
    };
    for (const s of m.services) if (!state.has(s.name)) visit(s.name);
  },
});
