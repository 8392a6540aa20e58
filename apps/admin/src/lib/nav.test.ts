import { describe, expect, it } from 'vitest';
import { breadcrumbs, currentEntry, NAV, navFor, splitTabs, type NavEntry } from './nav';
import { orgCrumbs } from './org/crumbs';

const entry = (href: string, extra: Partial<NavEntry> = {}): NavEntry => ({ label: href, short: href, href, icon: 'home', ...extra });

describe('navigation', () => {
  it('shows 签到 to the roles that may check residents in, and 首页 to everyone', () => {
    const labels = (roles: string[]) => navFor(roles.map((role) => ({ role }) as never)).map((e) => e.short).filter((s) => s === '首页' || s === '签到');
    expect(labels(['COMMITTEE_ADMIN'])).toEqual(['首页', '签到']);
    expect(labels(['BRANCH_SECRETARY'])).toEqual(['首页', '签到']);
    expect(labels(['VIEWER'])).toEqual(['首页']);
    expect(labels(['VIEWER', 'BRANCH_SECRETARY'])).toEqual(['首页', '签到']);
    expect(labels([])).toEqual(['首页']);
  });

  it('shows 诉求 to every role that reads demands, not to an account without grants', () => {
    const has = (roles: string[]) => navFor(roles.map((role) => ({ role }) as never)).some((e) => e.href === '/demands');
    for (const role of ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER']) expect(has([role]), role).toBe(true);
    expect(has([])).toBe(false);
    expect(currentEntry('/demands/RGVtYW5kOjE')?.short).toBe('诉求');
  });

  it('shows 党员 to every role that reads members, and keeps the member pages under it', () => {
    const has = (roles: string[]) => navFor(roles.map((role) => ({ role }) as never)).some((e) => e.href === '/members');
    for (const role of ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER']) expect(has([role]), role).toBe(true);
    expect(has([])).toBe(false);
    expect(currentEntry('/members/transfers')?.short).toBe('党员');
    expect(currentEntry('/members/UGFydHlNZW1iZXI6MQ')?.short).toBe('党员');
  });

  it('shows 住户 and 网格 to every role, 联户覆盖 to roles that may see care data, 访问记录 to committee admins only', () => {
    const hrefs = (roles: string[]) => navFor(roles.map((role) => ({ role }) as never)).map((e) => e.href);
    expect(hrefs(['VIEWER'])).toEqual(expect.arrayContaining(['/households', '/grids']));
    expect(hrefs(['VIEWER'])).not.toContain('/coverage');
    expect(hrefs(['GRID_WORKER'])).toContain('/coverage');
    expect(hrefs(['BRANCH_SECRETARY'])).not.toContain('/audit');
    expect(hrefs(['COMMITTEE_ADMIN'])).toEqual(expect.arrayContaining(['/households', '/coverage', '/grids', '/audit']));
    expect(currentEntry('/households/SG91c2Vob2xkOjE')?.short).toBe('住户');
  });

  it('shows 共建单位 to committee admins only, and covers the unit pages', () => {
    const has = (roles: string[]) => navFor(roles.map((role) => ({ role }) as never)).some((e) => e.href === '/units');
    expect(has(['COMMITTEE_ADMIN'])).toBe(true);
    for (const role of ['BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER']) expect(has([role]), role).toBe(false);
    expect(currentEntry('/units/Q29CdWlsZGluZ1VuaXQ6MQ')?.short).toBe('单位');
  });

  it('shows 活动 to every role, with the calendar and the volunteers under it', () => {
    const has = (roles: string[]) => navFor(roles.map((role) => ({ role }) as never)).some((e) => e.href === '/activities');
    for (const role of ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER']) expect(has([role]), role).toBe(true);
    expect(has([])).toBe(false);
    expect(currentEntry('/activities/calendar')?.short).toBe('活动');
    expect(currentEntry('/activities/QWN0aXZpdHk6MQ/edit')?.short).toBe('活动');
    expect(currentEntry('/volunteers')?.short).toBe('活动');
  });

  it('finds the entry a path belongs to', () => {
    expect(currentEntry('/')?.short).toBe('首页');
    expect(currentEntry('/org/T3JnTm9kZTox')?.short).toBe('首页');
    expect(currentEntry('/checkin')?.short).toBe('签到');
    expect(currentEntry('/checkin/history')?.short).toBe('签到');
    expect(currentEntry('/checkins')).toBeUndefined();
    expect(currentEntry('/login')).toBeUndefined();
  });

  it('fits at most five tabs on a phone, the rest under 更多', () => {
    const five = ['/a', '/b', '/c', '/d', '/e'].map((h) => entry(h));
    expect(splitTabs(five)).toEqual({ tabs: five, more: [] });
    const seven = [...five, entry('/f'), entry('/g')];
    const { tabs, more } = splitTabs(seven);
    expect(tabs.map((e) => e.href)).toEqual(['/a', '/b', '/c', '/d']);
    expect(more.map((e) => e.href)).toEqual(['/e', '/f', '/g']);
  });

  it('every entry has a short label that fits a tab', () => {
    for (const e of NAV) expect(e.short.length).toBeLessThanOrEqual(4);
  });
});

describe('breadcrumbs', () => {
  it('has none on the home page', () => {
    expect(breadcrumbs('/', undefined)).toEqual([]);
  });

  it('leads from home to a screen of the nav', () => {
    expect(breadcrumbs('/checkin', undefined)).toEqual([
      { label: '首页', href: '/' },
      { label: '活动签到', href: null },
    ]);
  });

  it('adds what the page provides, ending at the page itself', () => {
    const trail = breadcrumbs('/org/c', { parents: [{ label: '三湾街道', href: null }, { label: '红康社区', href: '/org/b' }], title: '第一支部' });
    expect(trail).toEqual([
      { label: '首页', href: '/' },
      { label: '三湾街道', href: null },
      { label: '红康社区', href: '/org/b' },
      { label: '第一支部', href: null },
    ]);
  });

  it('links an org page to the ancestors within the user\'s grants only', () => {
    const node = {
      id: 'branch',
      name: '第一支部',
      ancestors: [
        { id: 'street', name: '三湾街道' },
        { id: 'community', name: '红康社区' },
      ],
    };
    const hrefs = (granted: string[]) => orgCrumbs(node, granted).parents!.map((p) => p.href);
    expect(hrefs(['community'])).toEqual([null, '/org/community']);
    expect(hrefs(['street'])).toEqual(['/org/street', '/org/community']);
    // A branch secretary on their own branch: the committees above are text.
    expect(hrefs(['branch'])).toEqual([null, null]);
    expect(orgCrumbs(node, ['branch'])).toMatchObject({ label: '组织层级', title: '第一支部' });
  });
});

describe('governance screens', () => {
  it('shows 走访, 会议, 隐患 and 项目 to every role with a grant, not to an account without grants', () => {
    const hrefs = (roles: string[]) => navFor(roles.map((role) => ({ role }) as never)).map((e) => e.href);
    for (const role of ['COMMITTEE_ADMIN', 'BRANCH_SECRETARY', 'GRID_WORKER', 'VIEWER']) expect(hrefs([role]), role).toEqual(expect.arrayContaining(['/visits', '/meetings', '/hazards', '/projects']));
    expect(hrefs([])).not.toContain('/meetings');
    expect(currentEntry('/meetings/TWVldGluZzox')?.short).toBe('会议');
  });
});

describe('nav in English', () => {
  it('names every screen in English by its href, and keeps the Chinese name of a screen without one', async () => {
    const { NAV_EN } = await import('./nav-en');
    const { navLabel, navShort } = await import('./i18n');
    for (const entry of NAV) expect(NAV_EN[entry.href], entry.href).toBeDefined();
    const { paraglideMiddleware } = await import('./paraglide/server.js');
    const english = new Request('http://admin.test/', { headers: { cookie: 'tongxin-lang=en' } });
    const names = await paraglideMiddleware(english, () => {
      const added = { label: '新功能', short: '新', href: '/brand-new' };
      return new Response(JSON.stringify([navLabel(NAV[0]), navShort(NAV[0]), navLabel(added), navShort(added)]));
    });
    expect(await names.json()).toEqual(['Home', 'Home', '新功能', '新']);
    expect(navLabel(NAV[0])).toBe('首页');
  });
});
