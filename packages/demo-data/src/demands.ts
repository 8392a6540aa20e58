/**
 * A year of resident demands (诉求) for every demo community, up to `now`, shaped after the published figures:
 *
 *   - 红棉社区: this calendar year 22 collected, 7 solved, 15 being coordinated ("收集问题22个，解决7个，正在协调15个");
 *     the weeks of the year window before 1 January hold a dozen more, all closed by then;
 *   - 七贤社区: 240 over the year, 226 resolved (220余件), satisfaction above 90% (about 93%);
 *   - 红康社区: 70, of which 62 noise, fire-safety and neighbour-dispute cases through the grid chain;
 *   - the other six communities: 30 each.
 *
 * Each demand carries its whole timeline (created, accepted, assigned, started, replies and notes, escalations
 * when overdue, resolved, rated, reopened, closed), consistent with its state and its timestamps; deadlines
 * follow the hours the caller passes (the API's defaults). Deterministic: the same `now` gives the same demands.
 */
import type { DemoCommunity, DemoDataset } from './types.js';

export type DemoDemandCategory = 'ENVIRONMENT' | 'PROPERTY' | 'SAFETY' | 'NEIGHBOUR_DISPUTE' | 'FACILITIES' | 'ELDERLY_CARE' | 'OTHER';
export type DemoDemandChannel = 'VISIT' | 'HOTLINE' | 'ONLINE' | 'MEETING' | 'GRID_PATROL' | 'WALK_IN';
export type DemoDemandState = 'SUBMITTED' | 'ACCEPTED' | 'ASSIGNED' | 'IN_PROGRESS' | 'RESOLVED' | 'CLOSED' | 'REJECTED' | 'REOPENED' | 'DUPLICATE';
type EventKind = 'CREATED' | 'TRANSITION' | 'ASSIGNED' | 'NOTE' | 'REPLY' | 'ESCALATED' | 'RATED' | 'REOPENED' | 'DUPLICATE_LINKED';

/** Who took a step: staff (the community's admin account), the assigned unit, the resident, or the escalation job. */
export type DemoActor = { kind: 'STAFF'; username: string } | { kind: 'PARTNER'; unitKey: string } | { kind: 'RESIDENT' } | { kind: 'SYSTEM' };
export type DemoAssignee = { kind: 'BRANCH'; key: string } | { kind: 'UNIT'; key: string } | { kind: 'ACCOUNT'; username: string };

export interface DemoDemandEvent {
  kind: EventKind;
  at: Date;
  actor: DemoActor;
  fromState?: DemoDemandState;
  toState?: DemoDemandState;
  body?: string;
  public: boolean;
  escalationLevel?: number;
  rating?: number;
  /** DUPLICATE_LINKED and the DUPLICATE step: the other demand's key */
  relatedKey?: string;
}

export interface DemoDemand {
  key: string;
  communityKey: string;
  /** the community's key, or one of its branches' */
  nodeKey: string;
  ticketCode: string;
  title: string;
  description: string;
  channel: DemoDemandChannel;
  category: DemoDemandCategory;
  priority: 'LOW' | 'NORMAL' | 'HIGH' | 'URGENT';
  state: DemoDemandState;
  source: 'STAFF' | 'RESIDENT';
  createdBy: string | null;
  place: { compound: string; building: string };
  resident: { name: string; phone: string };
  resolvedOnSpot: boolean;
  assignee: DemoAssignee | null;
  createdAt: Date;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  escalationLevel: number;
  escalatedAt: Date | null;
  duplicateOfKey: string | null;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: Date | null;
  version: number;
  updatedAt: Date;
  events: DemoDemandEvent[];
}

/** The deadlines to plan with: first response and resolution hours per category (pass the API's defaults). */
export interface DemandDeadlineHours { firstResponse: number; resolution: Record<DemoDemandCategory, number> }

/** How the demands of one community end up; the counts add up to its total. */
interface Outcomes {
  closedHigh: number; closedMid: number; closedLowReopened: number; closedUnrated: number; resolved: number; onSpot: number;
  rejected: number; duplicate: number; submitted: number; accepted: number; assigned: number; inProgress: number; reopened: number;
}
interface Plan {
  outcomes: Outcomes;
  categories: Partial<Record<DemoDemandCategory, number>>;
  channels: Partial<Record<DemoDemandChannel, number>>;
  /** share of first responses and resolutions that come late */
  late: number;
}

const none: Outcomes = { closedHigh: 0, closedMid: 0, closedLowReopened: 0, closedUnrated: 0, resolved: 0, onSpot: 0, rejected: 0, duplicate: 0, submitted: 0, accepted: 0, assigned: 0, inProgress: 0, reopened: 0 };
const usual: Outcomes = { ...none, closedHigh: 13, closedMid: 2, closedLowReopened: 1, closedUnrated: 4, resolved: 2, onSpot: 1, rejected: 1, accepted: 1, assigned: 1, inProgress: 3, reopened: 1 };
const mixed = { ENVIRONMENT: 4, PROPERTY: 3, SAFETY: 2, NEIGHBOUR_DISPUTE: 2, FACILITIES: 3, ELDERLY_CARE: 2, OTHER: 1 };

const PLANS: Record<string, Plan[]> = {
  // this calendar year first (the 22), then the weeks of last year inside the year window
  hongmian: [
    { outcomes: { ...none, closedHigh: 3, closedMid: 1, onSpot: 1, resolved: 2, submitted: 1, accepted: 3, assigned: 4, inProgress: 6, reopened: 1 },
      categories: mixed, channels: { VISIT: 5, WALK_IN: 2, HOTLINE: 2, MEETING: 2, ONLINE: 1 }, late: 0.3 },
    { outcomes: { ...none, closedHigh: 8, closedMid: 1, closedUnrated: 2, rejected: 1 }, categories: mixed, channels: { VISIT: 4, WALK_IN: 2, HOTLINE: 2 }, late: 0.2 },
  ],
  qixian: [{
    outcomes: { ...none, closedHigh: 140, closedMid: 6, closedLowReopened: 4, closedUnrated: 46, onSpot: 4, resolved: 26, rejected: 4, duplicate: 2, submitted: 1, accepted: 2, assigned: 2, inProgress: 2, reopened: 1 },
    categories: { SAFETY: 5, ENVIRONMENT: 5, PROPERTY: 5, FACILITIES: 3, NEIGHBOUR_DISPUTE: 2, ELDERLY_CARE: 2, OTHER: 1 },
    channels: { ONLINE: 5, MEETING: 4, HOTLINE: 2, WALK_IN: 2, VISIT: 1 }, late: 0.05,
  }],
  hongkang: [{
    outcomes: { ...none, closedHigh: 34, closedMid: 4, closedLowReopened: 2, closedUnrated: 9, onSpot: 3, resolved: 5, rejected: 2, duplicate: 1, submitted: 1, accepted: 2, assigned: 2, inProgress: 4, reopened: 1 },
    // 62 of 70: noise (ENVIRONMENT), fire safety (SAFETY), disputes (NEIGHBOUR_DISPUTE); the rest by hand below
    categories: { ENVIRONMENT: 22, SAFETY: 22, NEIGHBOUR_DISPUTE: 18, PROPERTY: 4, FACILITIES: 2, ELDERLY_CARE: 2 },
    channels: { GRID_PATROL: 6, VISIT: 3, HOTLINE: 2, WALK_IN: 2, MEETING: 1 }, late: 0.15,
  }],
};
const DEFAULT_PLAN: Plan[] = [{ outcomes: usual, categories: mixed, channels: { VISIT: 3, HOTLINE: 2, WALK_IN: 2, ONLINE: 2, MEETING: 1, GRID_PATROL: 2 }, late: 0.15 }];

/** Titles per category; 红康's noise, fire-safety and dispute cases and 七贤's 红色直通车 items come first. */
const TITLES: Record<DemoDemandCategory, string[]> = {
  ENVIRONMENT: ['夜间广场舞音响噪音扰民', '楼下烧烤摊油烟和噪音', '装修噪音超时施工', '垃圾桶满溢无人清运', '绿化带杂草丛生蚊虫多', '楼道堆放杂物有异味', '撤桶并点后投放点太远', '河道边垃圾堆积'],
  PROPERTY: ['电梯频繁故障困人', '小区门禁损坏', '物业费公示不清楚', '地下车库漏水', '外来车辆随意停放', '二次供水水箱该清洗了'],
  SAFETY: ['电动车在楼道内充电', '消防通道被私家车占用', '楼道灭火器过期', '户外广告牌松动有坠落风险', '飞线充电存在火灾隐患', '消防栓被杂物遮挡', '燃气管道老化有异味'],
  NEIGHBOUR_DISPUTE: ['楼上漏水渗到楼下', '邻居占用公共过道堆物', '宠物狗夜间吠叫扰邻', '空调外机滴水纠纷', '相邻车位占用纠纷', '楼上拖拽家具噪音纠纷'],
  FACILITIES: ['路灯不亮晚上出行不便', '健身器材损坏', '小区道路坑洼积水', '井盖松动', '休息座椅破损', '无障碍坡道被占'],
  ELDERLY_CARE: ['独居老人需要助餐服务', '高龄老人就医需要陪同', '老人家中需要安装扶手', '空巢老人需要定期探访'],
  OTHER: ['咨询社区证明办理', '希望增设快递柜', '建议开设少儿暑期托管', '咨询养老保险缴费'],
};
const REPLIES = ['已联系相关单位，正在处理', '已安排人员上门查看', '已现场核实，正在协调解决', '已与双方沟通，约定协商时间'];
const NOTES = ['电话回访居民，了解详细情况', '已与物业负责人沟通', '网格员现场拍照留存', '纳入本周支部例会讨论'];
const RESOLUTIONS = ['问题已处理完毕，欢迎监督', '已整改到位，现场复查合格', '经调解双方达成一致', '已维修完成并恢复使用'];
const REJECTIONS = ['不属于社区职责范围，已引导至12345热线', '属于司法诉讼事项，已告知法律援助渠道'];
const COMMENTS: Record<number, string[]> = {
  5: ['处理很及时，感谢社区', '办事效率高，点赞', '网格员很负责'],
  4: ['解决了，速度还可以', '满意'],
  3: ['基本解决，希望以后更快'],
  2: ['问题还没彻底解决'],
  1: ['没有解决，又反复了'],
};
const LEVEL_TEXT: Record<number, string> = { 1: '超过办理期限，已升级至社区党委督办', 2: '升级后仍未办结，已升级至街道党工委督办' };

const H = 3_600_000;
const DAY = 24 * H;
const TICKET_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** The escalation job's second step: still overdue this long after the first. */
const ESCALATION_STEP_HOURS = 24;

/** mulberry32, seeded per community so one community's plan does not move another's. */
class Random {
  private state: number;
  constructor(seed: number) { this.state = seed >>> 0; }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  between(min: number, max: number): number { return min + (max - min) * this.next(); }
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)]; }
  weighted<K extends string>(weights: Partial<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let roll = this.next() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [k, w] of entries) if ((roll -= w) < 0) return k;
    return entries[entries.length - 1][0];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) { const j = Math.floor(this.next() * (i + 1)); [items[i], items[j]] = [items[j], items[i]]; }
    return items;
  }
}

const hashOf = (text: string) => { let h = 0x811c9dc5; for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0; return h; };

/** Midnight of 1 January of `now`'s year in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function shanghaiYearStart(now: Date): Date {
  const year = new Date(now.getTime() + 8 * H).getUTCFullYear();
  return new Date(Date.UTC(year, 0, 1) - 8 * H);
}

type Outcome = keyof Outcomes;
const OPEN_OUTCOMES: Outcome[] = ['submitted', 'accepted', 'assigned', 'inProgress', 'reopened'];

/** Spread a category count list so the exact numbers of the plan come out (not just the weights). */
function exactList<K extends string>(r: Random, weights: Partial<Record<K, number>>, n: number): K[] {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const list: K[] = [];
  for (const [k, w] of entries) for (let i = 0; i < Math.floor((w / total) * n); i++) list.push(k);
  while (list.length < n) list.push(r.weighted(weights));
  return r.shuffle(list);
}

/**
 * The demo demands of every community in `dataset`, received from a year before `now` up to `now`.
 * Keys are `<community>-d<nnn>`; ticket codes are unique across the dataset.
 */
export function buildDemoDemands(dataset: DemoDataset, now: Date, hours: DemandDeadlineHours): DemoDemand[] {
  const demands: DemoDemand[] = [];
  const codes = new Set<string>();
  const yearStart = shanghaiYearStart(now);
  const yearAgo = new Date(now.getTime() - 365 * DAY);
  for (const c of dataset.streets.flatMap((s) => s.communities)) {
    const r = new Random(hashOf(`demands/${c.key}`));
    const plans = PLANS[c.key] ?? DEFAULT_PLAN;
    const made: DemoDemand[] = [];
    plans.forEach((plan, p) => {
      // 红棉: the first plan is this calendar year, the second the rest of the year window; others: the whole window
      const window: [Date, Date] = plans.length === 1 ? [yearAgo, now] : p === 0 ? [yearStart, now] : [yearAgo < yearStart ? yearAgo : new Date(yearStart.getTime() - 30 * DAY), yearStart];
      const outcomes = r.shuffle((Object.entries(plan.outcomes) as [Outcome, number][]).flatMap(([o, n]) => Array.from({ length: n }, () => o)));
      const categories = exactList(r, plan.categories, outcomes.length);
      for (let i = 0; i < outcomes.length; i++) {
        made.push(buildDemand(r, c, `${c.key}-d${String(made.length + 1).padStart(3, '0')}`, outcomes[i], categories[i], plan, window, hours, made, () => {
          for (;;) {
            let code = '';
            for (let k = 0; k < 8; k++) code += TICKET_ALPHABET[Math.floor(r.next() * TICKET_ALPHABET.length)];
            if (!codes.has(code)) { codes.add(code); return code; }
          }
        }));
      }
    });
    made.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    // a duplicate adds a DUPLICATE_LINKED step to its original's timeline after that one was finished
    for (const d of made) {
      d.events.sort((a, b) => a.at.getTime() - b.at.getTime());
      d.updatedAt = d.events[d.events.length - 1].at;
    }
    demands.push(...made);
  }
  return demands;
}

function buildDemand(
  r: Random, c: DemoCommunity, key: string, outcome: Outcome, category: DemoDemandCategory, plan: Plan,
  [from, limit]: [Date, Date], hours: DemandDeadlineHours, earlier: DemoDemand[], ticket: () => string,
): DemoDemand {
  const span = limit.getTime() - from.getTime();
  const open = OPEN_OUTCOMES.includes(outcome);
  // when it came in: awaiting acceptance within the last hours; open ones and unrated resolutions lean recent
  let t0 = outcome === 'submitted' ? limit.getTime() - r.between(1, 18) * H
    : outcome === 'resolved' ? limit.getTime() - r.between(2, 12) * DAY
      : open ? limit.getTime() - r.next() ** 1.5 * 0.6 * span
        : from.getTime() + r.next() * span;
  t0 = Math.max(Math.min(t0, limit.getTime() - 30 * 60_000), from.getTime() + 60_000);
  const created = new Date(t0);
  const original = outcome === 'duplicate' ? earlier.filter((e) => e.state !== 'DUPLICATE' && e.createdAt < created).at(-1) : undefined;
  if (outcome === 'duplicate' && !original) outcome = 'closedUnrated';
  const channel = r.weighted(plan.channels);
  const branch = c.branches.length ? r.pick(c.branches) : null;
  const compound = r.pick(c.compounds);
  const residents = c.branches.flatMap((b) => b.buildingGroups.flatMap((g) => g.memberHouseholds.flatMap((h) => h.linkedHouseholds)));
  const resident = residents.length ? r.pick(residents) : { headName: '李桂兰', phone: '13800000000' };
  const admin = `${c.key}-admin`;
  const staff: DemoActor = { kind: 'STAFF', username: admin };
  const title = r.pick(TITLES[category]);
  const resolutionHours = hours.resolution[category];
  const late = () => r.next() < plan.late;

  // the plan of steps, in hours after receipt (scaled down below if they would run past the limit)
  const respond = late() ? r.between(25, 60) : r.between(0.2, 16);
  const assign = respond + r.between(0.3, 3);
  const start = assign + r.between(0.5, 12);
  let resolve = late() ? r.between(1.1, 2.2) * resolutionHours : r.between(0.15, 0.85) * resolutionHours;
  resolve = Math.max(resolve, start + r.between(0.5, 6));
  const rate = resolve + r.between(2, 60);
  const reopenedResolve = rate + r.between(12, 0.8 * resolutionHours);
  const close = (outcome === 'closedLowReopened' ? reopenedResolve : rate) + r.between(24, 96);
  const last = { submitted: 0, accepted: respond, assigned: assign, inProgress: start, reopened: rate, resolved: resolve, onSpot: 0,
    closedHigh: rate, closedMid: rate, closedLowReopened: close, closedUnrated: close, rejected: respond, duplicate: respond }[outcome];
  const room = Math.max((limit.getTime() - t0) / H - 0.25, (limit.getTime() - t0) / H / 2);
  const f = last > room ? room / last : 1;
  const at = (h: number) => new Date(t0 + h * f * H);
  /** notes and replies of a demand still being worked on fall before `limit` too */
  const atOpen = (h: number) => new Date(Math.min(t0 + h * f * H, limit.getTime() - 5 * 60_000));

  const assignee: DemoAssignee | null = ['submitted', 'accepted', 'rejected', 'duplicate', 'onSpot'].includes(outcome) ? null
    : (() => {
      const roll = r.next();
      if (roll < 0.35 && c.units.length) return { kind: 'UNIT', key: r.pick(c.units).key } as const;
      if (roll < 0.8 && branch) return { kind: 'BRANCH', key: branch.key } as const;
      return { kind: 'ACCOUNT', username: admin } as const;
    })();
  const worker: DemoActor = assignee?.kind === 'UNIT' ? { kind: 'PARTNER', unitKey: assignee.key } : staff;
  const assigneeLabel = assignee?.kind === 'UNIT' ? c.units.find((u) => u.key === assignee.key)!.name
    : assignee?.kind === 'BRANCH' ? c.branches.find((b) => b.key === assignee.key)!.name : null;

  const online = channel === 'ONLINE';
  const d: DemoDemand = {
    key, communityKey: c.key, nodeKey: online || !branch || r.next() < 0.4 ? c.key : branch.key, ticketCode: ticket(),
    title, description: `${compound.name}居民反映：${title}，希望社区协调解决。`, channel, category,
    priority: category === 'SAFETY' ? (r.next() < 0.4 ? 'HIGH' : 'NORMAL') : r.next() < 0.1 ? 'HIGH' : 'NORMAL',
    state: 'SUBMITTED', source: online ? 'RESIDENT' : 'STAFF', createdBy: online ? null : admin,
    place: { compound: compound.name, building: r.pick(compound.buildings) },
    resident: { name: resident.headName, phone: resident.phone }, resolvedOnSpot: outcome === 'onSpot', assignee,
    createdAt: created, firstResponseDueAt: new Date(t0 + hours.firstResponse * H), resolutionDueAt: new Date(t0 + resolutionHours * H),
    firstRespondedAt: null, resolvedAt: null, closedAt: null, escalationLevel: 0, escalatedAt: null, duplicateOfKey: null,
    rating: null, ratingComment: null, ratedAt: null, version: 1, updatedAt: created, events: [],
  };
  const event = (e: Omit<DemoDemandEvent, 'public'> & { public?: boolean }) => { d.events.push({ public: true, ...e }); };
  const step = (h: number, to: DemoDemandState, actor: DemoActor, body?: string, kind: EventKind = 'TRANSITION', isPublic = true) => {
    event({ kind, at: at(h), actor, fromState: d.state, toState: to, body, public: isPublic });
    d.state = to;
    d.version += 1;
  };
  const originalDue = d.resolutionDueAt;
  event({ kind: 'CREATED', at: created, actor: online ? { kind: 'RESIDENT' } : staff, toState: 'SUBMITTED' });

  if (outcome === 'onSpot') {
    // fixed at the door (立行立改), then closed after a call back or rated
    step(0, 'RESOLVED', staff, `立行立改：${r.pick(RESOLUTIONS)}`);
    d.firstRespondedAt = d.resolvedAt = created;
    if (limit.getTime() - t0 > 30 * H) rateAndClose(d, new Date(t0 + r.between(2, 24) * H), r.pick([5, 5, 4]), r);
    return finish(d, limit, originalDue);
  }
  if (outcome === 'rejected') {
    step(respond, 'REJECTED', staff, r.pick(REJECTIONS));
    d.firstRespondedAt = d.closedAt = at(respond);
    return finish(d, limit, originalDue);
  }
  if (outcome === 'duplicate') {
    if (original) {
      d.title = original.title;
      d.category = original.category;
      d.duplicateOfKey = original.key;
      event({ kind: 'TRANSITION', at: at(respond), actor: staff, fromState: 'SUBMITTED', toState: 'DUPLICATE', body: '与已登记的诉求重复，将一并办理', relatedKey: original.key });
      d.state = 'DUPLICATE';
      d.version += 1;
      d.firstRespondedAt = d.closedAt = at(respond);
      original.events.push({ kind: 'DUPLICATE_LINKED', at: at(respond), actor: staff, body: `重复诉求 ${d.ticketCode} 已并入本诉求`, public: false, relatedKey: d.key });
      return finish(d, limit, originalDue);
    }
  }
  if (outcome === 'submitted') return finish(d, limit, originalDue);

  step(respond, 'ACCEPTED', staff);
  d.firstRespondedAt = at(respond);
  if (outcome === 'accepted') return finish(d, limit, originalDue);
  if (assignee) {
    step(assign, 'ASSIGNED', staff, `指派给${assigneeLabel ?? '工作人员'}`, 'ASSIGNED', assignee.kind !== 'ACCOUNT');
  }
  if (outcome === 'assigned') return finish(d, limit, originalDue);
  step(start, 'IN_PROGRESS', worker);
  if (r.next() < 0.5) event({ kind: 'NOTE', at: atOpen(start + 0.2 * (resolve - start)), actor: staff, body: r.pick(NOTES), public: false });
  if (r.next() < 0.6) event({ kind: 'REPLY', at: atOpen(start + 0.5 * (resolve - start)), actor: worker, body: r.pick(REPLIES) });
  if (outcome === 'inProgress') return finish(d, limit, originalDue);

  step(resolve, 'RESOLVED', worker, r.pick(RESOLUTIONS));
  d.resolvedAt = at(resolve);
  if (outcome === 'resolved') return finish(d, limit, originalDue);
  if (outcome === 'reopened' || outcome === 'closedLowReopened') {
    const rating = r.pick([1, 2]);
    d.rating = rating;
    d.ratingComment = r.pick(COMMENTS[rating]);
    d.ratedAt = at(rate);
    event({ kind: 'RATED', at: at(rate), actor: { kind: 'RESIDENT' }, rating, body: d.ratingComment });
    step(rate, 'REOPENED', { kind: 'RESIDENT' }, '居民不满意，重新办理', 'REOPENED');
    d.resolutionDueAt = new Date(at(rate).getTime() + resolutionHours * H);
    if (outcome === 'reopened') return finish(d, limit, originalDue);
    step(rate + 0.3 * (reopenedResolve - rate), 'IN_PROGRESS', worker);
    step(reopenedResolve, 'RESOLVED', worker, `再次办理：${r.pick(RESOLUTIONS)}`);
    d.resolvedAt = at(reopenedResolve);
    step(close, 'CLOSED', staff, '回访居民后关闭');
    d.closedAt = at(close);
    return finish(d, limit, originalDue);
  }
  if (outcome === 'closedUnrated') {
    step(close, 'CLOSED', staff, '回访居民后关闭');
    d.closedAt = at(close);
    return finish(d, limit, originalDue);
  }
  rateAndClose(d, at(rate), outcome === 'closedHigh' ? r.pick([5, 5, 5, 4, 4]) : 3, r);
  return finish(d, limit, originalDue);
}

function rateAndClose(d: DemoDemand, when: Date, rating: number, r: Random): void {
  d.rating = rating;
  d.ratingComment = r.pick(COMMENTS[rating]);
  d.ratedAt = when;
  d.events.push({ kind: 'RATED', at: when, actor: { kind: 'RESIDENT' }, rating, body: d.ratingComment, public: true });
  d.events.push({ kind: 'TRANSITION', at: when, actor: { kind: 'RESIDENT' }, fromState: 'RESOLVED', toState: 'CLOSED', body: '居民评价后关闭', public: true });
  d.state = 'CLOSED';
  d.closedAt = when;
  d.version += 1;
}

const OPEN_STATES: DemoDemandState[] = ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED'];

/**
 * Escalations as the job would have made them: a demand is overdue while open with no first response past its
 * deadline, or unresolved past its resolution deadline (the first cycle's, or the one set again on reopening).
 * Level 1 a few minutes into the first overdue spell; level 2 when still (or again) overdue a day after that.
 */
function finish(d: DemoDemand, limit: Date, originalDue: Date): DemoDemand {
  const spells: [number, number][] = [];
  if (d.state !== 'REJECTED' && d.state !== 'DUPLICATE') {
    const isOpen = OPEN_STATES.includes(d.state);
    const firstResolved = d.events.find((e) => e.toState === 'RESOLVED')?.at.getTime() ?? (isOpen ? limit.getTime() : null);
    const responded = d.firstRespondedAt?.getTime() ?? limit.getTime();
    if (responded > d.firstResponseDueAt.getTime()) spells.push([d.firstResponseDueAt.getTime(), responded]);
    if (firstResolved != null && firstResolved > originalDue.getTime()) spells.push([originalDue.getTime(), firstResolved]);
    if (d.state === 'REOPENED' && limit > d.resolutionDueAt) spells.push([d.resolutionDueAt.getTime(), limit.getTime()]);
  }
  const escalateAt = (after: number) => {
    const times = spells.map(([s, e]) => [Math.max(s + 10 * 60_000, after), e]).filter(([t, e]) => t < e).map(([t]) => t);
    return times.length ? Math.min(...times) : null;
  };
  const first = escalateAt(0);
  if (first != null) {
    const second = escalateAt(first + ESCALATION_STEP_HOURS * H);
    for (const [level, t] of [[1, first], [2, second]] as const) {
      if (t == null) continue;
      d.events.push({ kind: 'ESCALATED', at: new Date(t), actor: { kind: 'SYSTEM' }, escalationLevel: level, body: LEVEL_TEXT[level], public: true });
      d.escalationLevel = level;
      d.escalatedAt = new Date(t);
      d.version += 1;
    }
  }
  d.events.sort((a, b) => a.at.getTime() - b.at.getTime());
  d.updatedAt = d.events[d.events.length - 1].at;
  return d;
}
