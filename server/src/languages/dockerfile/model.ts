import type { Range, TextDoc } from '../../core/text';
import type { ShellScript } from './shell';

/** A word of an instruction with its range in the document. */
export interface Token {
  value: string;
  range: Range;
}

export interface DFlag {
  name: string;
  value: string | null;
  range: Range;
  valueRange: Range | null;
}

export interface DProperty {
  name: string;
  nameRange: Range;
  /** Unescaped value, or null for `ARG NAME` without a default. */
  value: string | null;
  valueRange: Range | null;
}

export interface DHeredoc {
  name: string;
  nameRange: Range;
  contentRange: Range | null;
  content: string;
}

/** A parsed image reference such as `docker.io/library/node:20-alpine@sha256:…`. */
export interface ImageRef {
  /** The text as written, e.g. `node:${NODE_VERSION}-alpine`. */
  raw: string;
  range: Range;
  /** The text with ARG defaults substituted, or null when a variable has no known value. */
  resolved: string | null;
  registry: string | null;
  /** Repository path without registry, e.g. `library/node` is written `node`. */
  name: string;
  tag: string | null;
  digest: string | null;
  /** The range of the tag in the document, when it is written literally. */
  tagRange: Range | null;
}

export interface DInstruction {
  /** Upper-case keyword. */
  keyword: string;
  range: Range;
  keywordRange: Range;
  /** Range of everything after the keyword (and its flags are inside it). */
  argsRange: Range | null;
  /** Words after the flags, as written (not variable-expanded). */
  args: Token[];
  flags: DFlag[];
  /** JSON (exec) form strings, or null when the instruction is in shell form. */
  json: Token[] | null;
  heredocs: DHeredoc[];
  /** For ARG, ENV and LABEL. */
  properties: DProperty[];
  /** Index into `DockerfileModel.stages`; -1 for instructions before the first FROM. */
  stage: number;
  /** Shell-form body parsed into commands (RUN, CMD, ENTRYPOINT, and HEALTHCHECK CMD). */
  shell: ShellScript | null;
  /**
   * For ONBUILD, the instruction it registers (`ONBUILD RUN …` → that RUN), with document ranges. It runs
   * in every build FROM this image, not in this stage: rules see it through `triggerView` (triggers.ts).
   */
  trigger?: DInstruction | null;
  /**
   * For ONBUILD, the builder errors of its trigger that BuildKit raises only when it runs the trigger, in a
   * build FROM this image (`ONBUILD COPY a`): not errors of this build (see `splitTriggerErrors`).
   */
  triggerErrors?: ParseProblem[];
}

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as BuildKit compares it. */
  name: string | null;
  nameRange: Range | null;
  from: DInstruction;
  image: ImageRef | null;
  /** The earlier stage this one is built FROM, if any. */
  parent: Stage | null;
  instructions: DInstruction[];
}

export interface DComment {
  text: string;
  range: Range;
}

export interface ParseProblem {
  message: string;
  range: Range;
}

export interface DockerfileModel {
  doc: TextDoc;
  escapeChar: string;
  instructions: DInstruction[];
  stages: Stage[];
  /** ARG instructions before the first FROM: the only variables FROM lines can use. */
  globalArgs: DInstruction[];
  comments: DComment[];
  problems: ParseProblem[];
  /** Builder errors BuildKit raises: dockerfile-utils' validator per chunk (filtered) and whole-file checks. */
  syntaxErrors: ParseProblem[];
}
