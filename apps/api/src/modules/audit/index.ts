/** What other modules may use of the audit module. */
export { registerRevealable, type Revealable } from './audit.reveal.js';
export { recordReveal, recordRevealBatch } from './audit.service.js';
