import type { ImageRef } from './model';

/**
 * Platforms as containerd's `platforms` package reads them (the parser BuildKit uses for `FROM
 * --platform`), and the platforms some base images are known to be built for from their name alone.
 * `null` parts are unknown offline: containerd fills them from the machine the builder runs on.
 */
export interface Platform {
  os: string | null;
  arch: string | null;
  variant: string | null;
}

const KNOWN_OS = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd',
  'openbsd', 'plan9', 'solaris', 'windows', 'zos',
]); // prettier-ignore
const KNOWN_ARCH = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'loong64', 'mips', 'mipsle',
  'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64',
  'wasm',
]); // prettier-ignore

/** containerd's normalizeArch: the spellings of one architecture (and its default variant) folded together. */
function normalizeArch(a: string, v: string): [string, string] {
  const arch = a.toLowerCase();
  const variant = v.toLowerCase();
  switch (arch) {
    case 'i386':
      return ['386', ''];
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      return ['amd64', variant === 'v1' ? '' : variant];
    case 'aarch64':
    case 'arm64':
      if (variant === '8' || variant === 'v8' || variant === 'v8.0') return ['arm64', ''];
      return ['arm64', variant === '9' || variant === '9.0' || variant === 'v9.0' ? 'v9' : variant];
    case 'armhf':
      return ['arm', 'v7'];
    case 'armel':
      return ['arm', 'v6'];
    case 'arm':
      if (variant === '' || variant === '7') return ['arm', 'v7'];
      return ['arm', variant === '5' || variant === '6' || variant === '8' ? `v${variant}` : variant];
    default:
      return [arch, variant];
  }
}

/** A platform specifier (`linux/arm64`, `windows`, `arm64`) as containerd's platforms.Parse reads it; null when it rejects it. */
export function parsePlatform(spec: string): Platform | null {
  if (spec.includes('*')) return null;
  const parts = spec.split('/');
  if (parts.length > 3) return null;
  // The OS may carry a version and features in parentheses (`windows(10.0.17763)`), which are not compared here.
  const osPart = /^([A-Za-z0-9_-]+)(?:\([A-Za-z0-9_.%+-]*\))?$/.exec(parts[0] ?? '');
  if (!osPart || parts.slice(1).some((p) => !/^[A-Za-z0-9_.-]+$/.test(p))) return null;
  const osWord = (osPart[1] as string).toLowerCase();
  const os = osWord === 'macos' ? 'darwin' : osWord;
  const [second, third] = [parts[1], parts[2]];
  if (second === undefined) {
    if (KNOWN_OS.has(os)) return { os, arch: null, variant: null };
    const [arch, variant] = normalizeArch(parts[0] as string, '');
    return KNOWN_ARCH.has(arch) ? { os: null, arch, variant: variant || null } : null;
  }
  const [arch, variant] = normalizeArch(second, third ?? '');
  return { os, arch, variant: variant || null };
}

/**
 * docker-library's per-architecture namespaces on Docker Hub, each holding one platform's builds of the
 * official images (bashbrew `architecture/oci-platform.go`; official-images README, "Architectures other
 * than amd64?"). bashbrew's `windows-amd64` is published as `winamd64`.
 */
const ARCH_NAMESPACES: Record<string, string> = {
  amd64: 'linux/amd64', arm32v5: 'linux/arm/v5', arm32v6: 'linux/arm/v6', arm32v7: 'linux/arm/v7',
  arm64v8: 'linux/arm64/v8', i386: 'linux/386', mips64le: 'linux/mips64le', ppc64le: 'linux/ppc64le',
  riscv64: 'linux/riscv64', s390x: 'linux/s390x', winamd64: 'windows/amd64',
}; // prettier-ignore

const HUB = new Set(['docker.io', 'index.docker.io']);

/** Microsoft's Windows base images (and the images built on them under the same names): Windows only. */
const WINDOWS_IMAGES = new Set(['windows', 'windows/server', 'windows/servercore', 'windows/nanoserver']);

/**
 * The platform an image is built for when its name alone says so, as written (`linux/arm64/v8`, `windows`),
 * or null. The tag and digest do not matter: every image in these repositories is built for that platform.
 */
export function knownImagePlatform(image: ImageRef): string | null {
  if (image.resolved === null) return null;
  const { registry, name } = image;
  if (registry === null || HUB.has(registry)) {
    const parts = name.split('/');
    return parts.length === 2 ? (ARCH_NAMESPACES[parts[0] as string] ?? null) : null;
  }
  if (registry === 'mcr.microsoft.com') {
    const [first, second] = name.split('/');
    return WINDOWS_IMAGES.has(second === undefined ? (first as string) : `${first}/${second}`)
      ? 'windows'
      : null;
  }
  return null;
}
