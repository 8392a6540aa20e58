import { query } from '$lib/server/api';
import { AuditLog } from './queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const type = event.url.searchParams.get('type')?.slice(0, 60) || null;
  const after = event.url.searchParams.get('after')?.slice(0, 200) || null;
  const { personalDataAudit } = await query(event, AuditLog, { filter: { recordType: type }, first: 50, after });
  return { log: personalDataAudit, type, after };
};
