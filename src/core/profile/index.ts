/** The reference profile: build it from a dataset, store it with a model version, read it back, merge two. */
export { buildReferenceProfile } from './build.js';
export { formatProfile, parseReferenceProfile, readReferenceProfile, writeReferenceProfile } from './io.js';
export { mergeReferenceProfiles } from './merge.js';
export * from './schema.js';
