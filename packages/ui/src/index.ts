export * from './labels.js';
export * from './security-headers.js';
export * from './service-labels.js';
export * from './labels-en.js';
