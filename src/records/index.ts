export * from './types.js';
export * from './cap-text.js';
