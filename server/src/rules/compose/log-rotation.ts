import { defineRule } from '../../core/rule';
import {
  entryAt,
  expectsComplete,
  lookup,
  oneShotServices,
  resolved,
  serviceRange,
  type ComposeModel,
} from '../../languages/compose';
import { addToService, addUnderEntry, ownEntry, type Block } from '../../fixes/compose';
import { isMap, type Node } from '../../languages/yaml/model';

const OPTIONS: Block = ['max-size: "10m"', 'max-file: "3"'];

export default defineRule<ComposeModel>({
  id: 'compose/log-rotation',
  language: 'compose',
  severity: 'info',
  recommended: false,
  aliases: [],
  fix: 'unsafe',
  messages: {
    missing:
      'Service `{name}` logs with `json-file` and no `max-size`: its log grows until the disk is full.',
  },
  docs: {
    summary:
      'Services logging with the default `json-file` driver should rotate their logs (`max-size`, `max-file`).',
    rationale:
      "Docker's default `json-file` driver keeps every line a container prints, in one file that is never " +
      'rotated: a chatty service fills the disk of a long-running host. Capping it takes ' +
      '`options: { max-size, max-file }`. Other drivers are not reported (`local` rotates by default; `syslog`, ' +
      '`journald`, `fluentd`… ship logs elsewhere), and neither is a daemon-wide default in `daemon.json`, which ' +
      'this file cannot show — hence an informational rule outside the recommended set. Quiet in override files, ' +
      'for one-shot services and for services extending one in another file. When the file already has an ' +
      'anchored logging block with `max-size` (`x-logging: &logging`), the fix reuses it (`logging: *logging`); ' +
      'otherwise it adds 10 MB × 3 files. Old log lines are then deleted, so it says it changes behaviour.',
    bad: 'services:\n  api:\n    image: nginx:1.27\n',
    good: 'services:\n  api:\n    image: nginx:1.27\n    logging:\n      driver: json-file\n      options:\n        max-size: "10m"\n        max-file: "3"\n',
  },
  check(ctx) {
    const m = ctx.model;
    const oneShot = oneShotServices(m);
    for (const s of m.services) {
      if (!expectsComplete(m, s) || oneShot.has(s.name)) continue;
      const logging = lookup(m, s, 'logging');
      const driverNode = entryAt(logging?.value, 'driver')?.value;
      const driver = driverNode ? resolved(m, driverNode) : { value: 'json-file', unresolved: false };
      if (!driver || driver.unresolved || driver.value !== 'json-file') continue;
      const options = entryAt(logging?.value, 'options');
      if (entryAt(options?.value, 'max-size')) continue;
      ctx.report({
        at: serviceRange(m, s),
        messageId: 'missing',
        data: { name: s.name },
        fix: () => {
          const title = 'Rotate its logs (changes behaviour: old log lines are deleted)';
          const own = ownEntry(s, 'logging');
          if (!logging) {
            const anchor = m.anchors.find((a) => rotates(a.node));
            const edit = addToService(
              m,
              s,
              anchor
                ? [`logging: *${anchor.name}`]
                : ['logging:', ['driver: json-file', 'options:', OPTIONS]],
            );
            return edit ? { title, edits: [edit] } : undefined;
          }
          if (!own) return undefined;
          const opts = entryAt(own.value, 'options');
          if (!opts) {
            const edit = addUnderEntry(m, own, ['options:', OPTIONS]);
            return edit ? { title, edits: [edit] } : undefined;
          }
          const block = entryAt(opts.value, 'max-file') ? [OPTIONS[0] as string] : OPTIONS;
          const edit = addUnderEntry(m, opts, block);
          return edit ? { title, edits: [edit] } : undefined;
        },
      });
    }
  },
});

/** An anchored logging block that rotates: json-file (or no driver) with `options.max-size`. */
function rotates(node: Node): boolean {
  if (!isMap(node)) return false;
  const keys = node.items.map((p) => String((p.key as { value?: unknown } | null)?.value));
  if (!keys.includes('options') || keys.some((k) => !['driver', 'options'].includes(k))) return false;
  const driver = entryAt(node, 'driver')?.value as { value?: unknown } | undefined;
  if (driver && driver.value !== 'json-file') return false;
  return !!entryAt(entryAt(node, 'options')?.value, 'max-size');
}
