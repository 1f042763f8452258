export * from './model';
export { parseDockerfile, createParseCache, type ParseCache } from './parse';
export { dockerfileSuppressions } from './suppressions';
export { argsOf, findFlag, hasFlag, subcommand, parseShell } from './shell';
export type { ShellCommand, ShellScript, ShellWord } from './shell';
export {
  imageFamily,
  resolveImage,
  splitReference,
  substitute,
  unquote,
  type ImageFamily,
  type ReadonlyVarScope,
  type VarScope,
} from './image';
export * from './query';
export * from './runs';
export { perInstruction } from './per-instruction';
