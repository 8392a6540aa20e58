import type { GrantRole } from '$lib/gql/graphql';
import type { IconName } from './icons';

/** One screen of the signed-in area, as the side nav (desktop) and the tab bar (phone) show it. */
export interface NavEntry {
  /** Name in the side nav and the breadcrumbs. */
  label: string;
  /** Two to four characters, under the icon in the phone's tab bar. */
  short: string;
  href: string;
  icon: IconName;
  /** Roles (on any of the user's grants) that see the entry; left out: everyone signed in. */
  roles?: readonly GrantRole[];
  /** Further paths that belong to this screen (prefixes), e.g. the org pages under the home tree. */
  covers?: readonly string[];
}

/** The screens of the admin site. A new screen is a route folder under routes/(app) and one entry here. */
export const NAV: readonly NavEntry[] = [
  { label: '首页', short: '首页', href: '/', icon: 'home', covers: ['/org/'] },
  // Working the door (the API's ActivityDoor policy): writing roles over the organiser, branch secretaries and grid
  // workers of its subtree, and door staff an activity names (any role: they reach the screen by its address).
  { label: '活动签到', short: '签到', href: '/checkin', icon: 'checkin', roles: ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER'] },
  // Staff read the activities their grants cover (drafts, sign-ups); volunteers and their hours belong here too.
  { label: '活动', short: '活动', href: '/activities', icon: 'activity', roles: ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER'], covers: ['/volunteers'] },
  // Every grant may read the demands under its node (the API's Demand policy); an account without grants sees none.
  { label: '诉求', short: '诉求', href: '/demands', icon: 'demand', roles: ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER'] },
  // Every grant reads the members under its node (the API's PartyMember policy); writing is for admins and secretaries.
  { label: '党员', short: '党员', href: '/members', icon: 'member', roles: ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER'] },
  // Staff read the households under their grants (the API's Household policy); care data needs a role that may reveal.
  { label: '住户', short: '住户', href: '/households', icon: 'household', roles: ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER'] },
  { label: '联户覆盖', short: '联户', href: '/coverage', icon: 'coverage', roles: ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER'] },
  { label: '网格', short: '网格', href: '/grids', icon: 'grid', roles: ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER'] },
  // The audit log is read by committee admins only (the API's PersonalDataAudit policy).
  { label: '访问记录', short: '记录', href: '/audit', icon: 'audit', roles: ['COMMITTEE_ADMIN'] },
  // Meetings, visits, hazards and projects hang under org nodes: every grant reads those under its node.
  { label: '走访', short: '走访', href: '/visits', icon: 'visit', roles: ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER'] },
  { label: '会议', short: '会议', href: '/meetings', icon: 'meeting', roles: ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER'] },
  { label: '安全隐患', short: '隐患', href: '/hazards', icon: 'hazard', roles: ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER'] },
  { label: '党建项目台账', short: '项目', href: '/projects', icon: 'project', roles: ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER'] },
  // Public decisions hang under org nodes like projects: every grant reads those under its node; admins and secretaries record the steps.
  { label: '一征三议', short: '公示', href: '/decisions', icon: 'decision', roles: ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER'] },
  // The service menu (便民服务): offers of a community, and its orders (demands) with dispatch, accept and complete.
  { label: '服务菜单', short: '服务', href: '/services', icon: 'service', roles: ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER'] },
  // The talent pool (治理人才库): recruitment calls, applicants' review, talent teams; staff over the community.
  { label: '人才库', short: '人才', href: '/talent', icon: 'talent', roles: ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER'] },
  // Announcements and the weekly 红色小广播: every grant reads what is for it; committee admins and secretaries publish.
  { label: '公告', short: '公告', href: '/announcements', icon: 'announcement', roles: ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER'] },
  // Units, their agreements and tokens are the community committee's business (the API's unit policies).
  { label: '共建单位', short: '单位', href: '/units', icon: 'unit', roles: ['COMMITTEE_ADMIN'] },
  // Staff accounts under the committee admin's grants: disable and enable them (the API's managedAccounts).
  { label: '账号', short: '账号', href: '/accounts', icon: 'account', roles: ['COMMITTEE_ADMIN'] },
];

/** At most this many tabs fit a 375 px wide phone; more entries go under "更多". */
export const MAX_TABS = 5;

/** The entries a user with these grants sees. */
export function navFor(grants: readonly { role: GrantRole }[], entries: readonly NavEntry[] = NAV): NavEntry[] {
  const roles = new Set(grants.map((g) => g.role));
  return entries.filter((e) => !e.roles || e.roles.some((r) => roles.has(r)));
}

/** Tabs of the phone's bottom bar, and what is left for the "更多" menu. */
export function splitTabs(entries: readonly NavEntry[], max = MAX_TABS): { tabs: NavEntry[]; more: NavEntry[] } {
  if (entries.length <= max) return { tabs: [...entries], more: [] };
  return { tabs: entries.slice(0, max - 1), more: entries.slice(max - 1) };
}

function covers(entry: NavEntry, pathname: string): number {
  if (pathname === entry.href) return entry.href.length + 1;
  let best = 0;
  const prefixes = entry.href === '/' ? [...(entry.covers ?? [])] : [`${entry.href}/`, ...(entry.covers ?? [])];
  for (const prefix of prefixes) if (pathname.startsWith(prefix)) best = Math.max(best, prefix.length);
  return best;
}

/** The entry a path belongs to: the one that covers it most specifically. */
export function currentEntry(pathname: string, entries: readonly NavEntry[] = NAV): NavEntry | undefined {
  let found: NavEntry | undefined;
  let score = 0;
  for (const entry of entries) {
    const s = covers(entry, pathname);
    if (s > score) [found, score] = [entry, s];
  }
  return found;
}

/** One step of the breadcrumbs; without href it is shown as plain text. */
export interface Crumb {
  label: string;
  href?: string | null;
}

/** What a page tells the layout about its place (returned from its load as `crumbs`). */
export interface PageCrumbs {
  /** What screen readers call the trail; default 当前位置. */
  label?: string;
  /** Steps between the screen's nav entry and this page, e.g. an org node's ancestors. */
  parents?: readonly Crumb[];
  /** This page's own name. */
  title: string;
}

/**
 * The breadcrumbs of a page: home, the nav entry the path belongs to, what the page adds, then the page itself
 * (the last step, without a link). Home alone has none. `name` gives a nav entry's name in the page's language.
 */
export function breadcrumbs(
  pathname: string,
  page: PageCrumbs | undefined,
  entries: readonly NavEntry[] = NAV,
  name: (entry: NavEntry) => string = (entry) => entry.label,
): Crumb[] {
  const home = entries.find((e) => e.href === '/');
  const entry = currentEntry(pathname, entries);
  const trail: Crumb[] = [];
  if (home) trail.push({ label: name(home), href: home.href });
  if (entry && entry !== home) trail.push({ label: name(entry), href: entry.href });
  for (const parent of page?.parents ?? []) trail.push({ label: parent.label, href: parent.href ?? null });
  if (page) trail.push({ label: page.title, href: null });
  else if (trail.at(-1)?.href === pathname) trail[trail.length - 1] = { label: trail.at(-1)!.label, href: null };
  return trail.length > 1 ? trail : [];
}
