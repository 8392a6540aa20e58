import type { Config } from '../config.js';
import { logger } from '../logger.js';
import { configureDataKey } from '../modules/privacy/index.js';

/** Only for development and tests: production refuses to start without DATA_KEY. */
export const DEVELOPMENT_DATA_KEY = 'dG9uZ3hpbi1kZXZlbG9wbWVudC1rZXktbm90LXNlY3I=';

/** Install the key that seals personal data; production without one is a configuration error. */
export function installDataKey(config: Pick<Config, 'DATA_KEY'>): void {
  if (config.DATA_KEY) return configureDataKey(config.DATA_KEY);
  if (process.env.NODE_ENV === 'production') {
    throw new Error('DATA_KEY is required in production: 32 random bytes, e.g. `openssl rand -base64 32` (it seals residents\' personal data)');
  }
  logger.warn('DATA_KEY is not set: using the development key; never run a real installation this way');
  configureDataKey(DEVELOPMENT_DATA_KEY);
}
