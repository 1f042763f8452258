import { defineRule } from '../../core/rule';
import { entryAt, rangeOf, resolved, type ComposeModel } from '../../languages/compose';
import { isMap, items } from '../../languages/yaml/model';

/** Devices that are the host's memory or its disks: access to them is access to everything. */
const RAW =
  /^\/dev\/(mem|kmem|port|sd[a-z]+\d*|hd[a-z]+\d*|vd[a-z]+\d*|xvd[a-z]+\d*|nvme\d+(n\d+(p\d+)?)?|mmcblk\d+(p\d+)?|dm-\d+|mapper\/.*|disk\/.*)$/;

export default defineRule<ComposeModel>({
  id: 'compose/host-device',
  language: 'compose',
  severity: 'hint',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    raw: 'Service `{name}` gets the host device `{device}`: raw access to memory or a disk reads and changes everything on the host.',
    device:
      'Service `{name}` gets the host device `{device}`: check that it needs it, and grant it read-only (`:r`) where it can.',
  },
  docs: {
    summary: 'Services should get host devices only when they need them, and never raw memory or disks.',
    rationale:
      '`devices:` passes a host device into the container. `/dev/mem`, `/dev/kmem`, `/dev/port` and whole disks or ' +
      'partitions (`/dev/sda`, `/dev/nvme0n1`, device-mapper volumes) give raw access to the host’s memory or ' +
      'filesystems, around every permission: those are warnings. GPUs (`/dev/dri`), serial adapters and ' +
      '`/dev/net/tun` are what devices are for, so any other device is only a hint to check the grant. Sources ' +
      'from unresolved variables are left alone. There is no fix: a service given a device usually needs it.',
    bad: 'services:\n  backup:\n    image: busybox:1.36\n    devices:\n      - /dev/sda:/dev/sda\n',
    good: 'services:\n  backup:\n    image: busybox:1.36\n    volumes:\n      - /srv/data:/data:ro\n',
  },
  check(ctx) {
    const m = ctx.model;
    const seen = new Set<unknown>();
    for (const s of m.services)
      for (const item of items(s.get('devices')?.value)) {
        if (seen.has(item)) continue;
        seen.add(item);
        // Short syntax `host[:container[:perms]]`, or the long form with `source`.
        const node = isMap(item) ? entryAt(item, 'source')?.value : item;
        const r = node ? resolved(m, node) : undefined;
        if (!r || r.unresolved) continue;
        const device = r.value.split(':')[0] ?? '';
        if (!device.startsWith('/dev/')) continue;
        const raw = RAW.test(device);
        ctx.report({
          at: rangeOf(m, item),
          messageId: raw ? 'raw' : 'device',
          data: { name: s.name, device },
          severity: raw ? 'warning' : 'hint',
        });
      }
  },
});
