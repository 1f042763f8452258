import { defineRule } from '../../core/rule';
import { entryAt, rangeOf, volumesOf, type ComposeModel } from '../../languages/compose';
import { str } from '../../languages/yaml/model';

const SHARED = new Set(['shared', 'rshared']);

export default defineRule<ComposeModel>({
  id: 'compose/mount-propagation',
  language: 'compose',
  severity: 'warning',
  recommended: true,
  aliases: ['kics:volume_mounted_in_multiple_containers'],
  fix: null,
  messages: {
    shared:
      'Service `{name}` mounts `{source}` with `{mode}` propagation: mounts made inside the container appear on the host.',
  },
  docs: {
    summary: 'Bind mounts should not use `shared` or `rshared` propagation.',
    rationale:
      'With shared propagation, a mount the container makes below the bind mount shows up on the host and in ' +
      'every other container sharing it: a compromised container can mount over host paths. Storage drivers and ' +
      'FUSE tools (CSI plugins, rclone) that exist to publish mounts need it; silence the finding for them with a ' +
      'reason. `slave`/`rslave` (host mounts flow in, nothing flows out) and the default `rprivate` are not ' +
      'reported. Both the short syntax (`/mnt:/mnt:rshared`) and `bind.propagation` are read. There is no fix, ' +
      'since a service that asks for it usually depends on it.',
    bad: 'services:\n  storage:\n    image: rclone/rclone:1.68\n    volumes:\n      - /mnt/data:/data:rshared\n',
    good: 'services:\n  storage:\n    image: rclone/rclone:1.68\n    volumes:\n      - /mnt/data:/data\n',
  },
  check(ctx) {
    const m = ctx.model;
    const seen = new Set<unknown>();
    for (const s of m.services)
      for (const v of volumesOf(m, s)) {
        if (seen.has(v.node)) continue;
        seen.add(v.node);
        let mode: string | undefined;
        let at = v.node;
        if (v.text !== null)
          mode = v.text
            .split(':')
            .slice(2)
            .join(':')
            .split(',')
            .find((o) => SHARED.has(o));
        else {
          const bind = entryAt(v.node, 'bind')?.value;
          const prop = entryAt(bind, 'propagation');
          const value = str(prop?.value);
          if (prop?.value && value !== undefined && SHARED.has(value)) {
            mode = value;
            at = prop.value;
          }
        }
        if (!mode) continue;
        ctx.report({
          at: rangeOf(m, at),
          messageId: 'shared',
          data: { name: s.name, source: v.source ?? v.target ?? '', mode },
        });
      }
  },
});
