import type { AgreementStatus, CoBuildingUnitKind } from '$lib/gql/graphql';
import { AGREEMENT_STATUS_LABEL, UNIT_KIND_LABEL } from '../labels';
import { m } from '../i18n';

export const UNIT_KINDS = Object.keys(UNIT_KIND_LABEL) as CoBuildingUnitKind[];
export const AGREEMENT_STATUSES = Object.keys(AGREEMENT_STATUS_LABEL) as AgreementStatus[];

/** The unit list's filters as the address (and the export link, which the API reads the same way) carries them. */
export interface UnitListParams {
  kind: CoBuildingUnitKind | null;
  community: string | null;
  agreement: AgreementStatus | null;
}

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | null {
  return raw && (values as readonly string[]).includes(raw) ? (raw as T) : null;
}

/** What the address asks for; anything unknown is ignored. */
export function parseUnitParams(search: URLSearchParams): UnitListParams {
  return {
    kind: oneOf(UNIT_KINDS, search.get('kind')),
    community: search.get('community')?.slice(0, 100) || null,
    agreement: oneOf(AGREEMENT_STATUSES, search.get('agreement')),
  };
}

/** `?kind=…&community=…&agreement=…` of these filters with `changes`, empty ones left out. */
export function unitSearch(p: UnitListParams, changes: Partial<UnitListParams> = {}): string {
  const merged = { ...p, ...changes };
  const search = new URLSearchParams();
  for (const key of ['kind', 'community', 'agreement'] as const) if (merged[key]) search.set(key, merged[key]!);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Partner token scopes an admin may grant, in the order the form offers them. */
export const TOKEN_SCOPES = [
  { value: 'unit:read', get label() { return m.unit_scope_read(); } },
  { value: 'activities:write', get label() { return m.unit_scope_activities(); } },
  { value: 'demands:write', get label() { return m.unit_scope_demands(); } },
] as const;
