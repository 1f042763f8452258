export * from './interpolation';
export * from './model';
export * from './parse';
export * from './query';
export { composeSuppressions } from './suppressions';
export * from './project';
export * from './profiles';
export * from './files';
export * from './references';
