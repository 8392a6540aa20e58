export * from './labels.js';
export * from './security-headers.js';
