import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';

/** Architecture spellings containerd's platforms.Normalize folds together. */
const ARCH: Record<string, string> = {
  'x86_64': 'amd64', 'x86-64': 'amd64', amd64: 'amd64', aarch64: 'arm64', arm64: 'arm64', armhf: 'arm',
  armel: 'arm', arm: 'arm', i386: '386', '386': '386', ppc64le: 'ppc64le', s390x: 's390x', riscv64: 'riscv64',
}; // prettier-ignore
const OS = new Set([
  'linux',
  'windows',
  'darwin',
  'freebsd',
  'netbsd',
  'openbsd',
  'solaris',
  'illumos',
  'wasip1',
]);

/** OS and architecture of a platform specifier as containerd's platforms.Parse reads it, or null. */
function parsePlatform(spec: string): { os: string; arch: string | null } | null {
  const parts = spec.toLowerCase().split('/');
  if (parts.length > 3 || parts.some((p) => !/^[a-z0-9_-]+$/.test(p))) return null;
  const [a, b] = parts as [string, string | undefined];
  if (b === undefined) {
    if (OS.has(a)) return { os: a, arch: null };
    const arch = ARCH[a];
    return arch ? { os: 'linux', arch } : null;
  }
  return { os: a === 'macos' ? 'darwin' : a, arch: ARCH[b] ?? b };
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/from-platform-flag-const-disallowed',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['buildkit:FromPlatformFlagConstDisallowed', 'hadolint:DL3029'],
  fix: null,
  messages: {
    constant: "FROM --platform flag should not use constant value '{platform}'.",
  },
  docs: {
    summary: 'Do not pin a stage to a constant platform with `FROM --platform=linux/amd64`.',
    rationale:
      'A constant platform makes the stage ignore `docker build --platform`: a multi-platform build quietly ' +
      'produces an amd64 stage for every target, and an arm64 laptop emulates amd64. Use `$BUILDPLATFORM` for ' +
      'stages that cross-compile, or leave the flag out. As in BuildKit (`FromPlatformFlagConstDisallowed`), a ' +
      'stage whose name contains the OS or architecture (`AS build-amd64`) is taken to be pinned on purpose, ' +
      'and values with variables are not constants. No fix is offered: which variable is right depends on ' +
      'the stage.',
    bad: 'FROM --platform=linux/amd64 golang:1.22 AS build\nRUN go build -o /app .\n',
    good: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN go build -o /app .\n',
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const flag = stage.from.flags.find((f) => f.name === 'platform');
      if (!flag?.value || !flag.valueRange || flag.value.includes('$')) continue;
      const p = parsePlatform(flag.value);
      if (!p) continue;
      const name = stage.name ?? '';
      if (name.includes(p.os) || (p.arch !== null && name.includes(p.arch))) continue;
      ctx.report({ at: flag.valueRange, messageId: 'constant', data: { platform: flag.value } });
    }
  },
});
