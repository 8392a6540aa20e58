/** Personal data at rest: sealing, lookup hashes and masks. Other modules use only what is exported here. */
export { configureDataKey, dataKeyConfigured, generateDataKey, lookupHash, normalizeIdNumber, normalizePhone, parseDataKey, seal, unseal } from './crypto.js';
export { maskIdNumber, maskPhone, maskName } from './mask.js';
