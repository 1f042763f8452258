import { defineRule } from '../../core/rule';
import type { Range } from '../../core/text';
import {
  argsOf,
  findFlag,
  perInstruction,
  type DInstruction,
  type DockerfileModel,
  type ShellCommand,
} from '../../languages/dockerfile';

interface Hit {
  at: Range;
  what: string;
  alias: string | null;
}

/** Variables that turn verification off, the values that do, and Checkov's check for each. */
const VARIABLES: Record<string, { off: (v: string) => boolean; alias: string }> = {
  NODE_TLS_REJECT_UNAUTHORIZED: { off: (v) => v === '0', alias: 'checkov:CKV2_DOCKER_6' },
  PYTHONHTTPSVERIFY: { off: (v) => v === '0', alias: 'checkov:CKV2_DOCKER_5' },
  NPM_CONFIG_STRICT_SSL: { off: (v) => v.toLowerCase() === 'false', alias: 'checkov:CKV2_DOCKER_12' },
  GIT_SSL_NO_VERIFY: { off: (v) => v !== '' && v !== '0' && v.toLowerCase() !== 'false', alias: 'checkov:CKV2_DOCKER_14' },
  PIP_TRUSTED_HOST: { off: (v) => v !== '', alias: 'checkov:CKV2_DOCKER_16' },
}; // prettier-ignore

/** Command-line flags that turn verification off, per program. */
const FLAGS: Record<string, { flags: string[]; alias: string | null }[]> = {
  curl: [{ flags: ['--insecure', '-k'], alias: 'checkov:CKV2_DOCKER_2' }],
  wget: [{ flags: ['--no-check-certificate'], alias: 'checkov:CKV2_DOCKER_3' }],
  pip: [{ flags: ['--trusted-host'], alias: 'checkov:CKV2_DOCKER_4' }],
  pip3: [{ flags: ['--trusted-host'], alias: 'checkov:CKV2_DOCKER_4' }],
  'apt-get': [
    { flags: ['--allow-unauthenticated'], alias: 'checkov:CKV2_DOCKER_8' },
    { flags: ['--force-yes'], alias: 'checkov:CKV2_DOCKER_11' },
  ],
  apt: [{ flags: ['--allow-unauthenticated'], alias: 'checkov:CKV2_DOCKER_8' }],
  apk: [{ flags: ['--allow-untrusted'], alias: 'checkov:CKV2_DOCKER_7' }],
  yum: [{ flags: ['--nogpgcheck'], alias: 'checkov:CKV2_DOCKER_9' }],
  dnf: [{ flags: ['--nogpgcheck'], alias: 'checkov:CKV2_DOCKER_9' }],
  microdnf: [{ flags: ['--nogpgcheck'], alias: 'checkov:CKV2_DOCKER_9' }],
  zypper: [{ flags: ['--no-gpg-checks'], alias: null }],
  rpm: [{ flags: ['--nodigest', '--nosignature', '--noverify', '--nofiledigest'], alias: 'checkov:CKV2_DOCKER_10' }],
}; // prettier-ignore

const unquoted = (v: string): string => v.replace(/^(["'])(.*)\1$/, '$2');

function variableHit(name: string, value: string, at: Range): Hit | null {
  const known = VARIABLES[name] ?? VARIABLES[name.toUpperCase()];
  return known?.off(unquoted(value)) ? { at, what: `${name}=${unquoted(value)}`, alias: known.alias } : null;
}

/** An instruction's hits depend on its own text alone (and hold its own ranges): kept across edits. */
const hitsOf = perInstruction((ins: DInstruction): Hit[] => {
  const hits: Hit[] = [];
  if (ins.keyword === 'ENV')
    for (const p of ins.properties) {
      const hit = p.value === null ? null : variableHit(p.name, p.value, p.nameRange);
      if (hit) hits.push(hit);
    }
  for (const cmd of ins.shell?.commands ?? []) hits.push(...commandHits(cmd));
  return hits;
});

function commandHits(cmd: ShellCommand): Hit[] {
  const out: Hit[] = [];
  // `VAR=value cmd` and `export VAR=value`.
  const assignments = cmd.name === 'export' ? argsOf(cmd) : cmd.words.slice(0, cmd.nameIndex);
  for (const w of assignments) {
    const eq = w.value.indexOf('=');
    const hit = eq > 0 ? variableHit(w.value.slice(0, eq), w.value.slice(eq + 1), w.range) : null;
    if (hit) out.push(hit);
  }
  for (const { flags, alias } of FLAGS[cmd.name] ?? []) {
    const w = findFlag(cmd, ...flags);
    if (w) out.push({ at: w.range, what: `${cmd.name} ${w.value}`, alias });
  }
  const args = argsOf(cmd).map((w) => w.value);
  if (cmd.name === 'npm' || cmd.name === 'yarn' || cmd.name === 'pnpm') {
    const i = args.indexOf('strict-ssl');
    if (args[0] === 'config' && args[1] === 'set' && i > 0 && args[i + 1] === 'false')
      out.push({
        at: cmd.range,
        what: `${cmd.name} config set strict-ssl false`,
        alias: 'checkov:CKV2_DOCKER_13',
      });
  }
  if (cmd.name === 'git') {
    // `git -c http.sslVerify=false clone …` or `git config [--global] http.sslVerify false`.
    const key = /^http\.(?:[^\s=]+\.)?sslverify$/i;
    const w = argsOf(cmd).find(
      (x) => /=false$/i.test(x.value) && key.test(x.value.slice(0, -'=false'.length)),
    );
    const i = args.findIndex((v) => key.test(v));
    if (w) out.push({ at: w.range, what: `git -c ${w.value}`, alias: null });
    else if (i >= 0 && args[0] === 'config' && args[i + 1]?.toLowerCase() === 'false')
      out.push({ at: cmd.range, what: `git config ${args[i] ?? ''} false`, alias: null });
  }
  if (/^(?:yum|dnf)-config-manager$/.test(cmd.name) || (cmd.name === 'dnf' && args[0] === 'config-manager')) {
    const w = argsOf(cmd).find((x) =>
      /^--setopt=(?:\S+\.)?sslverify=["']?(?:0|false|no)["']?$/i.test(x.value),
    );
    if (w) out.push({ at: w.range, what: w.value, alias: 'checkov:CKV2_DOCKER_15' });
  }
  return out;
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/tls-verification-disabled',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: [
    'checkov:CKV2_DOCKER_2', 'checkov:CKV2_DOCKER_3', 'checkov:CKV2_DOCKER_4', 'checkov:CKV2_DOCKER_5',
    'checkov:CKV2_DOCKER_6', 'checkov:CKV2_DOCKER_7', 'checkov:CKV2_DOCKER_8', 'checkov:CKV2_DOCKER_9',
    'checkov:CKV2_DOCKER_10', 'checkov:CKV2_DOCKER_11', 'checkov:CKV2_DOCKER_12', 'checkov:CKV2_DOCKER_13',
    'checkov:CKV2_DOCKER_14', 'checkov:CKV2_DOCKER_15', 'checkov:CKV2_DOCKER_16',
  ], // prettier-ignore
  fix: null,
  messages: {
    disabled:
      '`{what}` turns off certificate or signature verification, so a man in the middle can change what the build downloads and installs.',
  },
  docs: {
    summary: 'Do not turn off TLS certificate or package signature verification in a build.',
    rationale:
      'A build that downloads with `curl -k`, `wget --no-check-certificate`, `pip --trusted-host`, ' +
      '`npm config set strict-ssl false` or `git -c http.sslVerify=false`, or installs packages with ' +
      '`apt-get --allow-unauthenticated`/`--force-yes`, `apk --allow-untrusted`, `yum --nogpgcheck` or ' +
      '`rpm --nosignature`, accepts whatever a network attacker serves, and the image ships it. Variables ' +
      'do the same for every later command: `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, ' +
      '`NPM_CONFIG_STRICT_SSL=false`, `GIT_SSL_NO_VERIFY`, `PIP_TRUSTED_HOST`, in ENV, `export` or before a ' +
      'command. Each finding answers to its Checkov check. The usual cause is a corporate proxy that ' +
      're-signs TLS: add its CA certificate to the image (or a build secret) instead. No fix is offered, since ' +
      'the download may fail until the certificate is in place.',
    bad: 'FROM debian:12\nRUN curl -fsSLk https://example.com/install.sh -o /tmp/install.sh\n',
    good: 'FROM debian:12\nRUN curl -fsSL https://example.com/install.sh -o /tmp/install.sh\n',
  },
  check(ctx) {
    const { model } = ctx;
    const hits = model.instructions.flatMap(hitsOf);
    for (const h of hits)
      ctx.report({
        at: h.at,
        messageId: 'disabled',
        data: { what: h.what },
        aliases: h.alias ? [h.alias] : [],
      });
  },
});
