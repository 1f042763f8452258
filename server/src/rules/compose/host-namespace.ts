import { defineRule, type Severity } from '../../core/rule';
import { rangeOf, resolved, type ComposeModel } from '../../languages/compose';
import { deletePair } from '../../fixes/yaml';
import { nodeRange } from '../../languages/yaml/model';

interface Namespace {
  key: string;
  what: string;
  severity: Severity;
  aliases: string[];
}

/**
 * The namespaces a service can share with the host, by how much they expose: the host's processes
 * (signals, /proc of every process), its shared memory and its network stack (every interface, services
 * bound to the host's 127.0.0.1) are reachable; the hostname and turning off user-namespace remapping
 * (which only matters where the daemon remaps) much less so.
 */
const NAMESPACES: Namespace[] = [
  { key: 'pid', what: "process namespace: it sees and can signal every process of the host", severity: 'warning', aliases: ['kics:host_namespace_is_shared'] },
  { key: 'ipc', what: "IPC namespace: it can read and write the host's shared memory", severity: 'warning', aliases: ['kics:shared_host_ipc_namespace'] },
  { key: 'network_mode', what: "network stack: it can bind any host port and reach services listening only on the host's 127.0.0.1", severity: 'warning', aliases: ['kics:shared_host_network_namespace'] },
  { key: 'uts', what: 'UTS namespace (hostname)', severity: 'info', aliases: [] },
  { key: 'userns_mode', what: "user namespace: the daemon's user remapping is turned off, so root in it is root on the host", severity: 'info', aliases: ['kics:shared_host_user_namespace'] },
]; // prettier-ignore

export default defineRule<ComposeModel>({
  id: 'compose/host-namespace',
  language: 'compose',
  severity: 'warning',
  recommended: true,
  aliases: [
    'kics:host_namespace_is_shared',
    'kics:shared_host_ipc_namespace',
    'kics:shared_host_network_namespace',
    'kics:shared_host_user_namespace',
  ],
  fix: 'unsafe',
  messages: {
    host: 'Service `{name}` shares the host {what}.',
  },
  docs: {
    summary:
      'Services should not share the host’s namespaces (`pid`, `ipc`, `network_mode`, `uts`, `userns_mode: host`).',
    rationale:
      'Namespaces are what keep a container apart from its host. `pid: host` lets it see and signal every host ' +
      "process, `ipc: host` share the host's memory segments, `network_mode: host` bind any host port and reach " +
      "services listening only on the host's loopback; those are warnings. `uts: host` (the hostname) and " +
      "`userns_mode: host` (which turns off the daemon's user remapping where one is configured) are informational. " +
      'Monitoring agents and some VPN or discovery tools do need them: silence the finding with a reason. Only the ' +
      'value `host` is reported (`service:…` and `container:…` share with another container). The fix removes ' +
      'the key, which changes how the service runs (a host-network service may then need `ports:`), so it says so.',
    bad: 'services:\n  agent:\n    image: busybox:1.36\n    pid: host\n',
    good: 'services:\n  agent:\n    image: busybox:1.36\n',
  },
  check(ctx) {
    const m = ctx.model;
    const seen = new Set<unknown>();
    for (const s of m.services)
      for (const ns of NAMESPACES) {
        const e = s.get(ns.key);
        if (!e?.value || seen.has(e.pair)) continue;
        seen.add(e.pair);
        const r = resolved(m, e.value);
        if (!r || r.unresolved || r.value !== 'host') continue;
        ctx.report({
          at: e.merged ? rangeOf(m, e.value) : nodeRange(m.doc, e.pair),
          messageId: 'host',
          data: { name: s.name, what: ns.what },
          severity: ns.severity,
          aliases: ns.aliases,
          fix: e.merged
            ? undefined
            : () => {
                const edit = deletePair(m.doc, e.pair);
                return edit
                  ? { title: `Remove \`${ns.key}: host\` (changes behaviour)`, edits: [edit] }
                  : undefined;
              },
        });
      }
  },
});
