// The admin site's languages: Chinese (the default) and English, chosen per user by a cookie.
// Messages live in messages/<locale>.json; Paraglide compiles them into src/lib/paraglide (not committed).
// The inlang plugins load from node_modules (project.inlang/settings.json), never from a CDN.
import { paraglideVitePlugin } from '@inlang/paraglide-js';

export const LOCALE_COOKIE = 'tongxin-lang';

/** @type {import('@inlang/paraglide-js').CompilerOptions} */
export const paraglideOptions = {
  project: './project.inlang',
  outdir: './src/lib/paraglide',
  strategy: ['cookie', 'baseLocale'],
  cookieName: LOCALE_COOKIE,
};

export const paraglide = paraglideVitePlugin(paraglideOptions);
