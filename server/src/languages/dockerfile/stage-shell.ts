import { imageFamily } from './image';
import { rootImage } from './images';
import type { DInstruction, DockerfileModel, Stage } from './model';
import { perModel } from './per-instruction';
import { fromParent } from './query';

/**
 * Which shell runs a shell-form RUN: the last SHELL instruction before it in its stage or the stages it is
 * built FROM, else the image's `/bin/sh`. What `/bin/sh` is depends on the base image's family: dash on
 * Debian and Ubuntu (and the official images built on them), BusyBox ash on Alpine and busybox, bash on the
 * Red Hat, SUSE, Amazon Linux and Arch families. Rules use it to decide what syntax the shell accepts and how a
 * fix may turn on `pipefail` (dash before 0.5.13, in Debian 12 and Ubuntu 24.04, does not know it).
 */

export type ShellKind = 'dash' | 'ash' | 'bash' | 'zsh' | 'ksh' | 'other' | 'unknown';

export interface StageShell {
  /** The SHELL instruction in force, or null for the image's `/bin/sh -c`. */
  shellIns: DInstruction | null;
  /** The SHELL's words (`["/bin/bash", "-o", "pipefail", "-c"]`), or `["/bin/sh", "-c"]`. */
  words: string[];
  kind: ShellKind;
}

const RHEL_LIKE =
  /^(?:.*\/)?(?:centos|fedora|rockylinux|almalinux|oraclelinux|amazonlinux|ubi\d*(?:-\w+)?|ubi|opensuse\/.*|leap|tumbleweed|archlinux|photon|clearlinux|mageia|rhel\d*)$/;
const RHEL_PATH = /(?:^|\/)(?:ubi\d+|redhat|rockylinux|almalinux|opensuse|sles|suse|amazonlinux)(?:\/|$)/;

/** What `/bin/sh` is in the stage's root image, as far as its family tells. */
export function binShOf(stage: Stage): ShellKind {
  // Stages are built anew with each model, so this lives as long as one analysis; a dozen rules ask per RUN.
  let kind = binShCache.get(stage);
  if (kind === undefined) binShCache.set(stage, (kind = binShOfImage(stage)));
  return kind;
}

const binShCache = new WeakMap<Stage, ShellKind>();

function binShOfImage(stage: Stage): ShellKind {
  const image = rootImage(stage);
  const family = imageFamily(image);
  if (family === 'debian') return 'dash';
  if (family === 'alpine') return 'ash';
  if (family === 'scratch' || family === 'distroless') return 'unknown';
  const name = (image?.name ?? '').toLowerCase();
  if (name === 'busybox' || name.endsWith('/busybox')) return 'ash';
  if (RHEL_LIKE.test(name) || RHEL_PATH.test(name)) return 'bash';
  return 'unknown';
}

/** The kind of a shell program named by its path (`/bin/bash`, `pwsh`, `cmd`). */
export function kindOfProgram(program: string): ShellKind {
  const base = program.slice(program.lastIndexOf('/') + 1).toLowerCase();
  if (base === 'bash') return 'bash';
  if (base === 'dash') return 'dash';
  if (base === 'ash') return 'ash';
  if (base === 'zsh') return 'zsh';
  if (base === 'ksh' || base === 'mksh' || base === 'ksh93') return 'ksh';
  if (base === 'sh') return 'unknown';
  return 'other';
}

/** Per stage, the SHELL instructions of the stage chain in order (most stages have none). */
function shellsOf(stage: Stage): readonly DInstruction[] {
  return fromParent(shellLists, stage, [] as readonly DInstruction[], (list, s) => {
    const own = s.instructions.filter((ins) => ins.keyword === 'SHELL' && ins.json);
    return own.length > 0 ? [...list, ...own] : list;
  });
}

const shellLists = new WeakMap<Stage, readonly DInstruction[]>();

/** The shell that runs a shell-form instruction of a stage (per model: rules ask for every RUN, several each). */
export const shellAt: (model: DockerfileModel, ins: DInstruction) => StageShell = perModel(findShellAt);

function findShellAt(model: DockerfileModel, ins: DInstruction): StageShell {
  const stage = model.stages[ins.stage];
  let shellIns: DInstruction | null = null;
  if (stage) {
    // The last SHELL before the instruction: in an earlier stage of the chain, or earlier in its own.
    const line = ins.range.start.line;
    for (const s of shellsOf(stage)) if (s.stage !== ins.stage || s.range.start.line < line) shellIns = s;
  }
  if (!shellIns || !shellIns.json || !stage) {
    return { shellIns: null, words: ['/bin/sh', '-c'], kind: stage ? binShOf(stage) : 'unknown' };
  }
  const words = shellIns.json.map((t) => t.value.replace(/^"|"$/g, ''));
  const program = words[0] ?? '';
  let kind = kindOfProgram(program);
  // `SHELL ["/bin/sh", "-c"]` is the image's own sh.
  if (kind === 'unknown') kind = binShOf(stage);
  return { shellIns, words, kind };
}

/** Whether the shell knows `set -o pipefail`. */
export function supportsPipefail(kind: ShellKind): boolean {
  return kind === 'bash' || kind === 'ash' || kind === 'zsh' || kind === 'ksh';
}
