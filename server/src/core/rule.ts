import type { KubernetesIndex } from './kubernetes-index';
import type { Range, TextDoc, TextEdit } from './text';

export type Language = 'dockerfile' | 'compose' | 'kubernetes';
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type FixKind = 'safe' | 'unsafe';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** A file a fix creates next to the document (for example a .dockerignore). Never overwrites. */
export interface FileCreate {
  /** Path relative to the directory of the document being fixed. */
  path: string;
  text: string;
}

export interface Fix {
  title: string;
  kind: FixKind;
  edits: TextEdit[];
  creates: FileCreate[];
  /** The main fix of a finding, offered first and marked preferred in the editor. */
  preferred: boolean;
}

export interface FixSpec {
  title: string;
  edits: TextEdit[];
  creates?: FileCreate[];
  /** Defaults to the rule's own fix kind. */
  kind?: FixKind;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Ids of other tools this very finding answers to (`Report.aliases`, else the rule's). */
  aliases: readonly string[];
  /** Fixes are computed only when asked for: most findings are never fixed. */
  fixes(): Fix[];
  fixable: boolean;
}

export interface RuleDocs {
  summary: string;
  /** Why a senior engineer would want this, and when it does not fire. */
  rationale: string;
  /** A complete file the rule reports on. */
  bad: string;
  /** The same file, corrected: the rule stays quiet. */
  good: string;
}

/** What a rule may ask of the world outside the document. Answers are synchronous and cheap. */
export interface Host {
  /** The document's file name without directories (e.g. `Dockerfile.prod`), or undefined when unknown. */
  readonly fileName?: string;
  /**
   * Whether a path relative to the document's directory exists. `undefined` means unknown (an unsaved
   * or virtual document): rules that depend on the answer stay quiet.
   */
  exists(relativePath: string): boolean | undefined;
  /**
   * The text of a small file beside the document (for example Compose's `.env`), or undefined when it
   * does not exist, cannot be read or is unknown. Never executed, only read.
   */
  read?(relativePath: string): string | undefined;
  /**
   * The Kubernetes objects of the workspace's other files (the language server's index, or the files
   * given to the CLI), or undefined when there is none: cross-object checks then see the document alone.
   */
  readonly kubernetes?: KubernetesIndex;
  /**
   * True when the host refuses a path because it leaves the workspace (so `exists` and `read` answer
   * unknown for it): checks say the file was not read instead of staying silent about it.
   */
  outside?(relativePath: string): boolean;
}

export interface AnalysisSettings {
  /** Registries whose images are trusted (from .hadolint.yaml trustedRegistries). Empty: all. */
  trustedRegistries: readonly string[];
  /** The Kubernetes version manifests are checked against (`kubernetes.version`), or null for the default. */
  kubernetesVersion: string | null;
  /** `.hadolint.yaml` `label-schema`: label name → expected kind (`text`, `url`, `semver`, …). Empty: none. */
  labelSchema: Readonly<Record<string, string>>;
  /** `.hadolint.yaml` `strict-labels`: labels outside the schema are reported. */
  strictLabels: boolean;
  /** The Pod Security Standard pod specs are held to (`kubernetes.podSecurity`), off by default. */
  podSecurity: 'off' | 'baseline' | 'restricted';
}

export interface Report {
  at: Range;
  messageId: string;
  /**
   * A different default severity for this finding, for rules whose cases differ in kind (a build
   * failure among best-practice cases). Configuration still overrides it.
   */
  severity?: Severity;
  /** Values for `{name}` placeholders in the message. */
  data?: Record<string, string | number>;
  /**
   * The aliases this finding answers to, for rules that cover several checks of another tool with
   * findings of different kinds (a missing liveness probe is Polaris' `livenessProbeMissing`, a missing
   * readiness probe its `readinessProbeMissing`): only suppressions of these ids silence it. Defaults to
   * all of the rule's aliases. Configuration of an alias (`rules: { <alias>: off }`, `.hadolint.yaml`
   * `ignored`) applies to the findings that answer to it; the rule's own id applies to all of them.
   */
  aliases?: readonly string[];
  fix?: () => FixSpec | readonly FixSpec[] | undefined;
}

export interface RuleContext<M> {
  readonly doc: TextDoc;
  readonly model: M;
  readonly host: Host;
  readonly settings: AnalysisSettings;
  report(report: Report): void;
}

export interface RuleMeta {
  /** `<language>/<kebab-name>`, equal to the rule's path under rules/. */
  id: string;
  language: Language;
  severity: Severity;
  recommended: boolean;
  /**
   * Off unless configured (`rules: { <id>: warning }`): checks that are policy rather than defects, such
   * as pinning every package version, which most images deliberately do not do.
   */
  defaultOff?: boolean;
  /**
   * The rule's findings depend on one instruction and the context its stage gives it (base image, shell,
   * ENV, USER), never on the stage's other steps: the engine also runs it on the other readings of the file
   * its language offers (`LanguageSupport.views`: a Dockerfile's ONBUILD triggers).
   */
  instructionLocal?: boolean;
  /** Namespaced ids of the same check in other tools, e.g. `hadolint:DL3002`. */
  aliases: readonly string[];
  fix: FixKind | null;
  messages: Record<string, string>;
  docs: RuleDocs;
}

export interface Rule<M = unknown> extends RuleMeta {
  check(ctx: RuleContext<M>): void;
}

export const DOCS_BASE = 'https://github.com/shipshape-dev/shipshape/blob/main/docs/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

export function defineRule<M>(rule: Rule<M>): Rule<M> {
  return rule;
}

export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}
