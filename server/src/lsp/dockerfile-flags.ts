/**
 * What Shipshape completes in a Dockerfile beyond dockerfile-language-service: `RUN` flags, `--mount=`
 * types and keys, `COPY`/`ADD` flags it does not know, and the `# check=` parser directive. Names and
 * values are BuildKit's (frontend/dockerfile/instructions/commands_runmount.go, parse.go, and
 * frontend/dockerfile/linter/ruleset.go for the check names).
 */

export const RUN_FLAGS: Record<string, string> = {
  mount: 'Mounts a cache, secret, SSH agent, tmpfs or another stage into this RUN only.',
  network: 'Network for this RUN: `default`, `none` (no network) or `host` (needs an entitlement).',
  security: 'Sandbox of this RUN: `sandbox` (default) or `insecure` (needs an entitlement).',
};

export const COPY_FLAGS: Record<string, string> = {
  from: 'Copies from a build stage (name or index), an image or a named context instead of the context.',
  chown: 'Owner (`user:group`, names or ids) of the copied files.',
  chmod: 'Permissions (octal, or symbolic since Dockerfile 1.10) of the copied files.',
  link: 'Copies into a layer of its own, independent of the layers below (better cache reuse).',
  parents: 'Keeps the parent directories of the sources (Dockerfile 1.7 labs, 1.20 stable).',
  exclude: 'Leaves out paths matching this pattern (Dockerfile 1.7 labs, 1.20 stable).',
};

export const ADD_FLAGS: Record<string, string> = {
  ...COPY_FLAGS,
  checksum: 'Verifies a remote source against this digest (`sha256:…`).',
  'keep-git-dir': 'Keeps the `.git` directory when adding a Git repository.',
  unpack: 'Whether to unpack a local or remote archive (`true` or `false`).',
};

export const NETWORK_VALUES = ['default', 'none', 'host'];
export const SECURITY_VALUES = ['sandbox', 'insecure'];

export const MOUNT_TYPES: Record<string, string> = {
  bind: 'Binds a directory or file of the context or of another stage (read-only by default). The default type.',
  cache: 'A cache directory kept between builds (package manager caches, compiler caches).',
  tmpfs: 'An empty tmpfs for this RUN only.',
  secret:
    'A build secret as a file (default `/run/secrets/<id>`) or an environment variable; never in a layer.',
  ssh: "The build client's SSH agent socket, for private Git clones.",
};

const KEY_DOCS: Record<string, string> = {
  target: 'Where the mount appears in the container (also `dst`, `destination`).',
  source: 'Path in `from` (default its root).',
  from: 'Build stage, image or named context to mount (default the build context).',
  rw: 'Writable; writes are discarded after this RUN (also `readwrite`).',
  ro: 'Read-only (also `readonly`).',
  id: 'Identifier: the secret or SSH id, or the cache id (default the target).',
  sharing: 'How concurrent builds share the cache: `shared`, `private` or `locked`.',
  mode: 'File mode of the secret, socket or new cache directory (octal).',
  uid: 'User id owning the secret, socket or new cache directory.',
  gid: 'Group id owning the secret, socket or new cache directory.',
  size: 'Size limit of the tmpfs.',
  required: 'Fail the build when the secret or SSH agent is not provided.',
  env: 'Exposes the secret as this environment variable.',
};

const KEYS_BY_TYPE: Record<string, string[]> = {
  bind: ['target', 'source', 'from', 'rw'],
  cache: ['target', 'id', 'sharing', 'from', 'source', 'ro', 'mode', 'uid', 'gid'],
  tmpfs: ['target', 'size'],
  secret: ['id', 'target', 'env', 'required', 'mode', 'uid', 'gid'],
  ssh: ['id', 'target', 'required', 'mode', 'uid', 'gid'],
};

export interface MountKey {
  name: string;
  doc: string;
}

/** The keys a `--mount` of this type accepts (bind when no type is written), `type` first when missing. */
export function mountKeys(type: string | undefined, written: ReadonlySet<string>): MountKey[] {
  const keys = KEYS_BY_TYPE[type ?? 'bind'] ?? [];
  const out: MountKey[] = [];
  if (type === undefined)
    out.push({ name: 'type', doc: 'Mount type: bind (default), cache, tmpfs, secret or ssh.' });
  for (const k of keys) if (!written.has(k)) out.push({ name: k, doc: KEY_DOCS[k] ?? '' });
  return out;
}

export const SHARING_VALUES = ['shared', 'private', 'locked'];

/** BuildKit's build checks, for `# check=skip=…` (frontend/dockerfile/linter/ruleset.go). */
export const BUILDKIT_CHECKS = [
  'ConsistentInstructionCasing',
  'CopyIgnoredFile',
  'DuplicateStageName',
  'ExposeInvalidFormat',
  'ExposeProtoCasing',
  'FromAsCasing',
  'FromPlatformFlagConstDisallowed',
  'InvalidBaseImagePlatform',
  'InvalidDefaultArgInFrom',
  'InvalidDefinitionDescription',
  'JSONArgsRecommended',
  'LegacyKeyValueFormat',
  'MaintainerDeprecated',
  'MultipleInstructionsDisallowed',
  'NoEmptyContinuation',
  'RedundantTargetPlatform',
  'ReservedStageName',
  'SecretsUsedInArgOrEnv',
  'StageNameCasing',
  'UndefinedArgInFrom',
  'UndefinedVar',
  'WorkdirRelativePath',
];

export const DIRECTIVES: Record<string, string> = {
  syntax: 'The Dockerfile frontend image, e.g. `docker/dockerfile:1`.',
  escape: 'The escape character: `\\` (default) or `` ` `` (handy on Windows paths).',
  check: 'Build checks: `skip=<names>|all`, `error=true` to fail the build on a check.',
};

/** What follows `check=`: its keys and, after `key=`, their values. */
export const CHECK_KEYS: Record<string, string> = {
  skip: 'Build checks to skip (comma-separated names, or `all`).',
  error: 'Whether a failing build check fails the build (`true` or `false`).',
  experimental: 'Experimental build checks to run (comma-separated names, or `all`).',
};
