/** Retention of residents' contact details: the pass, its timer. */
export { runRetention, startRetention, type RetentionPolicy, type RetentionResult } from './retention.js';
