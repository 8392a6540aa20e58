import { error } from '@sveltejs/kit';
import { forwardToApi } from '$lib/server/api';
import type { RequestHandler } from './$types';
import { m } from '$lib/i18n';

/**
 * Downloads: /export/<name>.xlsx (or .json, a resident's own data) streams the API's /export/<name> for the signed-in
 * user (the API decides what the user may see and masks personal data as everywhere else).
 */
export const GET: RequestHandler = async (event) => {
  const name = event.params.path;
  if (!/^[a-z0-9-]+(\/[a-z0-9-]+)?\.(xlsx|json)$/.test(name)) error(404, m.export_none());
  return forwardToApi(event, `/export/${name}${event.url.search}`);
};
