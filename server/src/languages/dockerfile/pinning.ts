import type { DockerfileModel } from './model';
import { resolveAt } from './query';
import { aptCall, apkCall, pipCall, runsOf, subcommandIn, type Run } from './runs';
import { argsOf, type ShellCommand, type ShellWord } from './shell';

/**
 * Which packages a RUN installs without a version, per package manager: the query behind the version
 * pinning rules (hadolint's DL3008, DL3013, DL3016, DL3018, DL3028, DL3033, DL3037, DL3041, DL3062).
 * A package word that holds a variable is judged by what is written around it (`curl=${CURL_VERSION}` is
 * pinned whatever the ARG's value); a word that is only a variable is expanded, and left alone when the
 * variable has no known value.
 */

export type Manager = 'apt' | 'apk' | 'pip' | 'npm' | 'gem' | 'go' | 'yum' | 'dnf' | 'zypper';

export interface Unpinned {
  run: Run;
  /** The word naming the package, as written. */
  word: ShellWord;
  /** The package name, expanded when the word was a variable. */
  name: string;
}

interface Installer {
  /** The package words of a command when it installs packages with this manager, else undefined. */
  packages(cmd: ShellCommand): ShellWord[] | undefined;
  pinned(pkg: string): boolean;
}

/** Words after the subcommand that are not flags, skipping the values of flags that take one. */
function operands(args: readonly ShellWord[], from: number, valueFlags: ReadonlySet<string>): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = from; i < args.length; i++) {
    const v = (args[i] as ShellWord).value;
    if (v === '--') continue;
    if (v.startsWith('-') && v.length > 1) {
      if (valueFlags.has(v)) i++;
      continue;
    }
    out.push(args[i] as ShellWord);
  }
  return out;
}

function afterSub(
  cmd: ShellCommand,
  names: readonly string[],
  subs: readonly string[],
  flags: ReadonlySet<string>,
): ShellWord[] | undefined {
  if (!names.includes(cmd.name)) return undefined;
  const args = argsOf(cmd);
  const sub = subcommandIn(args, flags);
  if (!sub || !subs.includes(sub.word.value)) return undefined;
  return operands(args, sub.index + 1, flags);
}

const APT_FLAGS = new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release', '-a', '--host-architecture', '-P', '--build-profiles']); // prettier-ignore
const APK_FLAGS = new Set(['-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file', '--cache-max-age', '--timeout', '-t', '--virtual']); // prettier-ignore
const PIP_FLAGS = new Set(['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host', '--proxy', '--cache-dir', '--timeout', '--retries', '--log', '--cert', '--client-cert', '-t', '--target', '--prefix', '--root', '--platform', '--python-version', '--implementation', '--abi', '--no-binary', '--only-binary', '--upgrade-strategy', '--progress-bar', '--src', '--exists-action', '--root-user-action', '--python', '--config-settings', '-C', '--global-option', '--keyring-provider', '-e', '--editable']); // prettier-ignore
const NPM_FLAGS = new Set(['--prefix', '--registry', '--cache', '--loglevel', '--tag', '-w', '--workspace', '--userconfig', '--omit', '--include', '--install-strategy']); // prettier-ignore
const GEM_FLAGS = new Set(['-i', '--install-dir', '-n', '--bindir', '-s', '--source', '-p', '--http-proxy', '--platform', '-g', '--file', '--build-root']); // prettier-ignore
const RPM_FLAGS = new Set(['-c', '--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo', '--repo', '--repoid', '-x', '--exclude', '--forcearch', '-R', '--repo-name', '--from-repo', '-r', '--root']); // prettier-ignore

/** `name-version` and `name-version-release`: a dash segment that starts with a digit, near the end. */
function rpmVersioned(pkg: string): boolean {
  if (pkg.endsWith('.rpm') || /[<>=]/.test(pkg)) return true;
  const parts = pkg.split('-');
  if (parts.length < 2) return false;
  const tail = parts.slice(Math.max(1, parts.length - 2));
  return tail.some((p) => /^[\d$]/.test(p));
}

const PIP_SPEC = /==|>=|<=|!=|~=|[<>]/;
const VCS = /^(?:git|hg|svn|bzr)\+/;

const INSTALLERS: Record<Manager, Installer> = {
  apt: {
    packages: (cmd) => {
      const call = aptCall(cmd);
      if (!call || call.subcommand.value !== 'install') return undefined;
      return operands(call.args, call.args.indexOf(call.subcommand) + 1, APT_FLAGS);
    },
    // `pkg=1.2`, `pkg/bookworm-backports` (a release), or a local `.deb` file.
    pinned: (p) => p.includes('=') || p.includes('/') || p.endsWith('.deb'),
  },
  apk: {
    packages: (cmd) => {
      const call = apkCall(cmd);
      if (!call || call.subcommand.value !== 'add') return undefined;
      return operands(call.args, call.args.indexOf(call.subcommand) + 1, APK_FLAGS);
    },
    pinned: (p) => /[=~<>]/.test(p) || p.endsWith('.apk'),
  },
  pip: {
    packages: (cmd) => {
      const call = pipCall(cmd);
      if (!call || call.subcommand.value !== 'install') return undefined;
      // Requirement and constraint files pin (or not) in a file this rule cannot see.
      if (
        call.args.some(
          (w) => /^(?:-r|--requirement|-c|--constraint)(?:=|$)/.test(w.value) || /^-[rc]./.test(w.value),
        )
      )
        return undefined;
      return operands(call.args, call.args.indexOf(call.subcommand) + 1, PIP_FLAGS);
    },
    pinned: (p) =>
      PIP_SPEC.test(p) ||
      /\.(?:whl|tar\.gz|zip|tar\.bz2)$/.test(p) ||
      (VCS.test(p) ? p.includes('@') : p.includes('/') || p.startsWith('.')),
  },
  npm: {
    packages: (cmd) => afterSub(cmd, ['npm'], ['install', 'i', 'add'], NPM_FLAGS),
    pinned: (p) => {
      if (/^(?:git[+:]|github:|https?:)/.test(p)) return p.includes('#') || /\.t(?:ar\.)?gz$/.test(p);
      if (/^[./~]/.test(p) || /\.(?:tgz|tar\.gz|tar)$/.test(p)) return true;
      const at = p.indexOf('@', p.startsWith('@') ? 1 : 0);
      // `@latest` and `@next` are tags that move: written, but not a version.
      return at > 0 && !/@(?:latest|next)$/.test(p);
    },
  },
  gem: {
    packages: (cmd) => {
      const ops = afterSub(cmd, ['gem'], ['install', 'i'], GEM_FLAGS);
      if (!ops) return undefined;
      // `gem install rails -v 7.1` pins every gem of the command.
      return argsOf(cmd).some((w) => /^(?:-v|--version)(?:=|$)/.test(w.value)) ? [] : ops;
    },
    pinned: (p) => p.includes(':') || p.endsWith('.gem'),
  },
  go: {
    packages: (cmd) => afterSub(cmd, ['go'], ['install'], new Set(['-C', '-o', '-p', '-modfile', '-tags', '-ldflags', '-gcflags'])), // prettier-ignore
    // Without `@version`, go install resolves the package through the current module's go.mod (or fails
    // outside a module): pinned either way. `@latest` and branch names move.
    pinned: (p) => !/@(?:latest|master|main|HEAD)$/.test(p),
  },
  yum: {
    packages: (cmd) => afterSub(cmd, ['yum'], ['install'], RPM_FLAGS),
    pinned: rpmVersioned,
  },
  dnf: {
    packages: (cmd) => afterSub(cmd, ['dnf', 'microdnf'], ['install'], RPM_FLAGS),
    pinned: rpmVersioned,
  },
  zypper: {
    packages: (cmd) => afterSub(cmd, ['zypper'], ['install', 'in'], RPM_FLAGS),
    pinned: (p) => /[=<>]/.test(p) || p.endsWith('.rpm'),
  },
};

/** Packages every RUN of the file installs with the manager without a version. */
export function unpinnedPackages(model: DockerfileModel, manager: Manager): Unpinned[] {
  const installer = INSTALLERS[manager];
  const out: Unpinned[] = [];
  for (const stage of model.stages)
    for (const run of runsOf(model, stage))
      for (const cmd of run.script.commands) {
        const words = installer.packages(cmd);
        if (!words) continue;
        for (const word of words) {
          const raw = word.value;
          if (!raw) continue;
          if (!/^\$\{?[A-Za-z_]\w*\}?$/.test(raw)) {
            if (!installer.pinned(raw)) out.push({ run, word, name: raw });
            continue;
          }
          // The word is one variable: judge what it holds, or nothing when its value is unknown.
          const value = resolveAt(model, run.ins, raw);
          if (value === null) continue;
          for (const name of value.split(/\s+/))
            if (name && !name.startsWith('-') && !installer.pinned(name)) out.push({ run, word, name });
        }
      }
  return out;
}
