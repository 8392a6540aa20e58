import type { Education, Gender, MemberFilter, MemberStatus, PositionRole } from '$lib/gql/graphql';

export const STATUSES: MemberStatus[] = ['FULL', 'PROBATIONARY'] as MemberStatus[];
export const GENDERS: Gender[] = ['MALE', 'FEMALE'] as Gender[];
export const EDUCATIONS: Education[] = ['PRIMARY', 'JUNIOR_HIGH', 'SENIOR_HIGH', 'JUNIOR_COLLEGE', 'BACHELOR', 'POSTGRADUATE'] as Education[];
export const POSITIONS: PositionRole[] = ['SECRETARY', 'DEPUTY_SECRETARY', 'COMMITTEE_MEMBER', 'BUILDING_HEAD', 'HOUSEHOLD_HEAD'] as PositionRole[];

/** The member list's filters as they travel in the URL (and to the export). */
export interface MemberListParams {
  q: string;
  node: string;
  status: MemberStatus | null;
  gender: Gender | null;
  education: Education | null;
  position: PositionRole | null;
  mobile: boolean;
  doubleReport: boolean;
  birthday: boolean;
  probation: boolean;
}

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | null {
  return raw && (values as readonly string[]).includes(raw) ? (raw as T) : null;
}

export function parseMemberParams(search: URLSearchParams): MemberListParams {
  return {
    q: (search.get('q') ?? '').trim().slice(0, 50),
    node: (search.get('node') ?? '').trim().slice(0, 200),
    status: oneOf(STATUSES, search.get('status')),
    gender: oneOf(GENDERS, search.get('gender')),
    education: oneOf(EDUCATIONS, search.get('education')),
    position: oneOf(POSITIONS, search.get('position')),
    mobile: search.get('mobile') === '1',
    doubleReport: search.get('doubleReport') === '1',
    birthday: search.get('birthday') === '1',
    probation: search.get('probation') === '1',
  };
}

export function toMemberFilter(p: MemberListParams): MemberFilter {
  return {
    query: p.q || null,
    orgNodeId: p.node || null,
    status: p.status,
    gender: p.gender,
    education: p.education,
    position: p.position,
    mobile: p.mobile || null,
    doubleReport: p.doubleReport || null,
    politicalBirthdayThisMonth: p.birthday || null,
    probationEndingSoon: p.probation || null,
  };
}

/** `?q=…&status=…` for the list, the pages and the export; empty when nothing is set. */
export function memberSearch(p: MemberListParams): string {
  const s = new URLSearchParams();
  if (p.q) s.set('q', p.q);
  if (p.node) s.set('node', p.node);
  for (const key of ['status', 'gender', 'education', 'position'] as const) if (p[key]) s.set(key, p[key]!);
  for (const key of ['mobile', 'doubleReport', 'birthday', 'probation'] as const) if (p[key]) s.set(key, '1');
  const text = s.toString();
  return text ? `?${text}` : '';
}

export function isFiltered(p: MemberListParams): boolean {
  return memberSearch(p) !== '';
}
