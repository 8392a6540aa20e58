/**
 * Governance demo data, up to `now`, after the articles:
 *
 *   - 振兴社区: 逢三说事 (committee and property managers on the 3rd, 13th and 23rd) for the last six months, and
 *     the Friday desk hours in the compounds (a weekly schedule);
 *   - 红康社区: 7 党建联席会议 with its co-building units in the past year, 板凳议事会 and 网格综治会, 53 hazards
 *     fixed and a few open, 170+ billboards checked, a river patrol every week;
 *   - every branch: 支委会, 党小组会, 主题党日 monthly, 党员大会 and 党课 quarterly, for six months, with a few missed;
 *   - 三湾街社区 and 颐苑社区 (上街区): a 百日大走访 of visits by branch secretaries and members, and the
 *     Party-building project ledger in its five areas.
 *
 * Deterministic for a given `now`. Times are ISO strings in Asia/Shanghai (+08:00); dates YYYY-MM-DD.
 */
import type { DemoBranch, DemoCommunity, DemoDataset, DemoMember } from './types.js';

const H = 3_600_000;
const DAY = 24 * H;

class Random {
  private state: number;
  constructor(seed: number) { this.state = seed >>> 0; }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)]; }
  chance(p: number): boolean { return this.next() < p; }
}
const hashOf = (text: string) => { let h = 0x811c9dc5; for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0; return h; };

export type DemoMeetingKind = 'DELIBERATION' | 'JOINT_CONFERENCE' | 'GRID_GOVERNANCE' | 'RESIDENT_TALK' | 'BRANCH_ASSEMBLY' | 'BRANCH_COMMITTEE' | 'GROUP_MEETING' | 'PARTY_LECTURE' | 'THEMED_PARTY_DAY';

export interface DemoMeetingSchedule {
  key: string; communityKey: string; nodeKey: string; kind: DemoMeetingKind; title: string;
  rule: 'WEEKLY' | 'MONTH_DAYS' | 'MONTHLY' | 'QUARTERLY'; weekday: number | null; monthDays: number[]; startDate: string; startTime: string; place: string;
}
export interface DemoAttendee { kind: 'MEMBER' | 'RESIDENT' | 'UNIT'; memberKey?: string; unitKey?: string; name: string; attendance: 'INVITED' | 'PRESENT' | 'ABSENT' | 'EXCUSED' }
export interface DemoMeeting {
  communityKey: string; nodeKey: string; kind: DemoMeetingKind; title: string; startsAt: string; endsAt: string; place: string;
  status: 'PLANNED' | 'HELD' | 'CANCELLED'; minutes: string | null; scheduleKey?: string; scheduleDate?: string;
  attendees: DemoAttendee[]; agenda: { title: string; decision: string | null }[];
}
export interface DemoVisit {
  communityKey: string; nodeKey: string; visitorMemberKey: string; visitedAt: string; kind: 'ROUTINE' | 'CARE' | 'DISPUTE' | 'SURVEY';
  findings: string; followUp: string | null; peopleReached: number; opinions: number; fixedOnSpot: number;
  /** which of the community's households (by position in id order, modulo their number) */
  householdIndex: number;
}
export interface DemoPatrol { key: string; communityKey: string; nodeKey: string; kind: 'RIVER' | 'BILLBOARD' | 'FIRE' | 'GENERAL'; route: string; patrolledAt: string; patrollers: string; billboardsChecked: number; notes: string | null }
export interface DemoHazard {
  communityKey: string; nodeKey: string; kind: 'FIRE' | 'EBIKE_CHARGING' | 'BILLBOARD' | 'STRUCTURE' | 'ELECTRICAL' | 'RIVER' | 'OTHER'; title: string; place: string; foundBy: string;
  state: 'FOUND' | 'ASSIGNED' | 'FIXED' | 'VERIFIED' | 'REJECTED'; assignee: string | null; deadline: string | null; patrolKey: string | null;
  foundAt: string; assignedAt: string | null; fixedAt: string | null; verifiedAt: string | null;
}
export interface DemoProject {
  communityKey: string; nodeKey: string; title: string; area: 'POSITION_BUILDING' | 'BASIC_SYSTEMS' | 'REGIONAL_CO_BUILDING' | 'MEMBER_EDUCATION' | 'SERVING_MASSES';
  goals: string; unitKeys: string[]; startDate: string; dueDate: string; status: 'PLANNED' | 'IN_PROGRESS' | 'COMPLETED' | 'SUSPENDED'; completedOn: string | null;
  progress: { notedOn: string; body: string }[];
}
export interface DemoGovernance { schedules: DemoMeetingSchedule[]; meetings: DemoMeeting[]; visits: DemoVisit[]; patrols: DemoPatrol[]; hazards: DemoHazard[]; projects: DemoProject[] }

/** A Shanghai calendar date of an instant. */
const dateOf = (t: number) => new Date(t + 8 * H).toISOString().slice(0, 10);
/** An instant as ISO with +08:00 from a date and a time of day. */
const at = (date: string, time: string) => `${date}T${time}:00+08:00`;
const plusMinutes = (iso: string, minutes: number) => {
  const t = Date.parse(iso) + minutes * 60_000;
  return `${new Date(t + 8 * H).toISOString().slice(0, 19)}+08:00`;
};
const ymd = (y: number, m0: number, d: number) => new Date(Date.UTC(y, m0, d)).toISOString().slice(0, 10);
const daysIn = (y: number, m0: number) => new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate();

function leaders(b: DemoBranch): DemoMember[] {
  return b.members.filter((m) => m.positions.some((p) => p === 'SECRETARY' || p === 'DEPUTY_SECRETARY' || p === 'COMMITTEE_MEMBER'));
}
const secretaryOf = (members: DemoMember[]) => members.find((m) => m.positions.includes('SECRETARY')) ?? members[0];

function memberAttendees(r: Random, members: DemoMember[], limit: number): DemoAttendee[] {
  return members.slice(0, limit).map((m) => ({ kind: 'MEMBER', memberKey: m.key, name: m.name, attendance: r.chance(0.88) ? 'PRESENT' : r.chance(0.6) ? 'EXCUSED' : 'ABSENT' }));
}

const BRANCH_TOPICS: Record<string, string[]> = {
  BRANCH_COMMITTEE: ['研究本月党员发展和教育工作', '部署楼栋党小组联户走访', '讨论困难党员慰问名单', '研究红色物业议题'],
  GROUP_MEETING: ['学习党的创新理论', '交流联系户走访情况', '收集楼栋居民意见'],
  THEMED_PARTY_DAY: ['重温入党誓词', '河畔清洁志愿服务', '走访慰问老党员'],
  BRANCH_ASSEMBLY: ['通报上季度支部工作', '民主评议党员', '讨论发展对象'],
  PARTY_LECTURE: ['书记讲党课：党建引领基层治理', '学习身边的优秀共产党员'],
};
const KIND_TITLE: Record<string, string> = { BRANCH_COMMITTEE: '支委会', GROUP_MEETING: '党小组会', THEMED_PARTY_DAY: '主题党日', BRANCH_ASSEMBLY: '党员大会', PARTY_LECTURE: '党课' };

/** Branches that miss a required meeting in the last complete period (the warnings on their pages). */
const MISSES: { communityKey: string; branchIndex: number; kind: DemoMeetingKind; period: 'month' | 'quarter' }[] = [
  { communityKey: 'hongkang', branchIndex: 9, kind: 'BRANCH_COMMITTEE', period: 'month' },
  { communityKey: 'zhenxing', branchIndex: 1, kind: 'GROUP_MEETING', period: 'month' },
  { communityKey: 'ximen', branchIndex: 2, kind: 'PARTY_LECTURE', period: 'quarter' },
  { communityKey: 'hongmian', branchIndex: 3, kind: 'BRANCH_COMMITTEE', period: 'month' },
];

function branchMeetings(c: DemoCommunity, now: number): DemoMeeting[] {
  const out: DemoMeeting[] = [];
  const today = dateOf(now);
  const y = Number(today.slice(0, 4));
  const m0 = Number(today.slice(5, 7)) - 1;
  c.branches.forEach((b, bi) => {
    const r = new Random(hashOf(`meetings/${b.key}`));
    for (let back = 6; back >= 0; back--) {
      const year = y + Math.floor((m0 - back) / 12);
      const month0 = (((m0 - back) % 12) + 12) % 12;
      const monthly: DemoMeetingKind[] = ['BRANCH_COMMITTEE', 'GROUP_MEETING', 'THEMED_PARTY_DAY'];
      const quarterly: DemoMeetingKind[] = month0 % 3 === 1 ? ['BRANCH_ASSEMBLY', 'PARTY_LECTURE'] : [];
      for (const kind of [...monthly, ...quarterly]) {
        const lastMonth = back === 1;
        const lastQuarterMonth = Math.floor(month0 / 3) === Math.floor(((m0 + 12 - 3) % 12) / 3) && (back >= 1 && back <= 5) && month0 % 3 === 1;
        if (MISSES.some((x) => x.communityKey === c.key && x.branchIndex === bi && x.kind === kind && ((x.period === 'month' && lastMonth) || (x.period === 'quarter' && lastQuarterMonth)))) continue;
        const day = Math.min(daysIn(year, month0), kind === 'THEMED_PARTY_DAY' ? 15 : r.int(3, 26));
        const date = ymd(year, month0, day);
        if (date >= today) continue;
        const startsAt = at(date, kind === 'THEMED_PARTY_DAY' ? '09:00' : '19:30');
        const members = kind === 'BRANCH_COMMITTEE' ? leaders(b) : b.members;
        const topic = r.pick(BRANCH_TOPICS[kind]);
        out.push({
          communityKey: c.key, nodeKey: b.key, kind, title: `${b.name.replace(c.name, '')}${month0 + 1}月${KIND_TITLE[kind]}`, startsAt, endsAt: plusMinutes(startsAt, 90),
          place: `${c.name}党群服务中心`, status: 'HELD', minutes: `${topic}。应到 ${Math.min(members.length, 60)} 人，会议由支部书记${secretaryOf(b.members).name}主持。`,
          attendees: memberAttendees(r, members, 60), agenda: [{ title: topic, decision: null }],
        });
      }
    }
  });
  return out;
}

const THREE_DAY_TOPICS: [string, string][] = [
  ['都市花园地下车库积水', '物业一周内疏通排水沟，社区跟踪回访'],
  ['桂竹花园电动车充电桩不足', '联系供电所增设充电桩 20 个'],
  ['河畔花园垃圾分类投放点异味', '调整清运时间为每日两次'],
  ['庭院 3 号楼外墙脱落', '报修并设置警示区，维修基金申请启动'],
  ['小区门禁卡办理难', '物业每周五在庭院设点办理'],
  ['楼道堆放杂物', '楼栋长牵头清理，党员带头'],
  ['广场舞噪音扰民', '协商调整时段为 19:00 至 20:30'],
  ['老旧小区加装电梯意愿征集', '分楼栋召开居民议事会征求意见'],
];

function zhenxing(c: DemoCommunity, now: number): { schedules: DemoMeetingSchedule[]; meetings: DemoMeeting[] } {
  const today = dateOf(now);
  const start = ymd(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 7, 1);
  const place = `${c.name}党群服务中心议事室`;
  const schedules: DemoMeetingSchedule[] = [
    { key: 'zhenxing-feng-san', communityKey: c.key, nodeKey: c.key, kind: 'DELIBERATION', title: '逢三说事', rule: 'MONTH_DAYS', weekday: null, monthDays: [3, 13, 23], startDate: start, startTime: '15:00', place },
    { key: 'zhenxing-friday', communityKey: c.key, nodeKey: c.key, kind: 'RESIDENT_TALK', title: '周五庭院坐班', rule: 'WEEKLY', weekday: 5, monthDays: [], startDate: start, startTime: '09:00', place: '各庭院党群服务站' },
  ];
  const r = new Random(hashOf('meetings/zhenxing-feng-san'));
  const meetings: DemoMeeting[] = [];
  const units = c.units.filter((u) => u.kind === 'PROPERTY_MANAGEMENT');
  let i = 0;
  for (let t = Date.parse(`${start}T00:00:00Z`); ; t += DAY) {
    const date = new Date(t).toISOString().slice(0, 10);
    if (date >= today) break;
    if (![3, 13, 23].includes(Number(date.slice(8, 10)))) continue;
    const [topic, decision] = THREE_DAY_TOPICS[i++ % THREE_DAY_TOPICS.length];
    const startsAt = at(date, '15:00');
    meetings.push({
      communityKey: c.key, nodeKey: c.key, kind: 'DELIBERATION', title: `逢三说事（${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日）`, startsAt, endsAt: plusMinutes(startsAt, 90), place,
      status: 'HELD', minutes: `社区党委、庭院党支部书记与物业负责人共同议事。议定：${decision}。`, scheduleKey: 'zhenxing-feng-san', scheduleDate: date,
      attendees: [
        ...memberAttendees(r, c.committeeMembers, 5),
        ...units.map((u): DemoAttendee => ({ kind: 'UNIT', unitKey: u.key, name: u.contactName, attendance: 'PRESENT' })),
        { kind: 'RESIDENT', name: '居民代表', attendance: 'PRESENT' },
      ],
      agenda: [{ title: topic, decision }],
    });
  }
  return { schedules, meetings };
}

function hongkangMeetings(c: DemoCommunity, now: number): DemoMeeting[] {
  const r = new Random(hashOf('meetings/hongkang'));
  const out: DemoMeeting[] = [];
  const topics = ['共建单位认领服务项目', '河畔集市联合举办', '兼职委员履职情况通报', '普法茶水铺进社区', '健康跑联合组织', '治理人才库建设', '年度共建工作总结'];
  for (let k = 0; k < 7; k++) {
    const date = dateOf(now - (330 - k * 48) * DAY);
    const startsAt = at(date, '14:30');
    out.push({
      communityKey: c.key, nodeKey: c.key, kind: 'JOINT_CONFERENCE', title: `第${k + 1}次党建联席会议`, startsAt, endsAt: plusMinutes(startsAt, 120), place: `${c.name}党群服务中心`,
      status: 'HELD', minutes: `社区党委与兼职委员单位共商${topics[k]}。`,
      attendees: [...memberAttendees(r, c.committeeMembers, 6), ...c.units.map((u): DemoAttendee => ({ kind: 'UNIT', unitKey: u.key, name: u.committeeSeat?.representativeName ?? u.contactName, attendance: r.chance(0.9) ? 'PRESENT' : 'EXCUSED' }))],
      agenda: [{ title: topics[k], decision: '各共建单位认领任务，下次联席会议通报进展' }],
    });
  }
  for (let k = 0; k < 4; k++) {
    const date = dateOf(now - (100 - k * 25) * DAY);
    const startsAt = at(date, '19:00');
    out.push({
      communityKey: c.key, nodeKey: c.branches[k % c.branches.length].key, kind: k % 2 ? 'GRID_GOVERNANCE' : 'RESIDENT_TALK', title: k % 2 ? '网格综治会' : '板凳议事会',
      startsAt, endsAt: plusMinutes(startsAt, 60), place: '楼栋架空层', status: 'HELD', minutes: '网格员、楼栋长与居民面对面议事。',
      attendees: [{ kind: 'RESIDENT', name: '居民代表', attendance: 'PRESENT' }], agenda: [{ title: k % 2 ? '群租房消防隐患排查' : '楼道电动车停放', decision: '网格员一周内完成排查并反馈' }],
    });
  }
  // one upcoming, not held yet
  const next = at(dateOf(now + 6 * DAY), '14:30');
  out.push({ communityKey: c.key, nodeKey: c.key, kind: 'JOINT_CONFERENCE', title: '第8次党建联席会议', startsAt: next, endsAt: plusMinutes(next, 120), place: `${c.name}党群服务中心`, status: 'PLANNED', minutes: null, attendees: [], agenda: [{ title: '明年共建项目清单', decision: null }] });
  return out;
}

const VISIT_FINDINGS: [string, string | null, 'ROUTINE' | 'CARE' | 'DISPUTE' | 'SURVEY'][] = [
  ['了解家庭近况，无困难诉求', null, 'ROUTINE'],
  ['独居老人，腿脚不便，希望有人代购生活用品', '联系志愿者每周上门一次', 'CARE'],
  ['反映楼道灯不亮，已当场报修', null, 'ROUTINE'],
  ['上下楼邻居因漏水产生矛盾，现场调解', '一周后回访', 'DISPUTE'],
  ['征求对老旧小区改造的意见，支持加装电梯', null, 'SURVEY'],
  ['反映小区停车难，夜间车位不足', '提交社区议事会', 'ROUTINE'],
  ['低保户家庭，孩子上学有困难', '对接教育帮扶资源', 'CARE'],
];

function hundredDayVisits(c: DemoCommunity, now: number): DemoVisit[] {
  const r = new Random(hashOf(`visits/${c.key}`));
  const out: DemoVisit[] = [];
  const start = now - 100 * DAY;
  for (const b of c.branches) {
    const visitors = [secretaryOf(b.members), ...b.members.filter((m) => m.positions.length > 0).slice(0, 4)];
    for (let n = 0; n < 70; n++) {
      const [findings, followUp, kind] = r.pick(VISIT_FINDINGS);
      const opinions = kind === 'ROUTINE' && !followUp ? r.int(0, 2) : r.int(1, 3);
      const t = start + r.int(0, 99) * DAY + r.int(9, 19) * H;
      out.push({
        communityKey: c.key, nodeKey: b.key, visitorMemberKey: n % 3 === 0 ? visitors[0].key : r.pick(visitors).key,
        visitedAt: `${new Date(t + 8 * H).toISOString().slice(0, 19)}+08:00`, kind, findings, followUp,
        peopleReached: r.int(1, 4), opinions, fixedOnSpot: Math.min(opinions, r.chance(0.5) ? 1 : 0), householdIndex: r.int(0, 10_000),
      });
    }
  }
  return out.sort((a, b) => a.visitedAt.localeCompare(b.visitedAt));
}

const HAZARDS: [DemoHazard['kind'], string, string][] = [
  ['EBIKE_CHARGING', '楼道飞线充电', '单元楼道'], ['FIRE', '消防通道堆放杂物', '小区消防通道'], ['FIRE', '灭火器过期', '楼栋一楼'],
  ['BILLBOARD', '广告牌松动', '临街商铺'], ['ELECTRICAL', '电表箱线路老化', '楼栋电表间'], ['STRUCTURE', '围墙开裂', '小区西侧围墙'],
  ['RIVER', '河道护栏缺失', '盘龙江红康段'], ['OTHER', '窨井盖破损', '小区主干道'],
];

function hongkangSafety(c: DemoCommunity, now: number): { patrols: DemoPatrol[]; hazards: DemoHazard[] } {
  const r = new Random(hashOf('hazards/hongkang'));
  const patrols: DemoPatrol[] = [];
  const hazards: DemoHazard[] = [];
  const grid = c.branches.find((b) => b.kind === 'GRID') ?? c.branches[0];
  for (let w = 26; w >= 1; w--) {
    const date = dateOf(now - w * 7 * DAY);
    patrols.push({ key: `hongkang-river-${w}`, communityKey: c.key, nodeKey: grid.key, kind: 'RIVER', route: '盘龙江红康段（红康桥至康乐桥）', patrolledAt: at(date, '08:30'), patrollers: '网格员、河长志愿者', billboardsChecked: 0, notes: w % 5 === 0 ? '发现护栏松动一处' : '水面清洁，无异常' });
  }
  for (let m = 12; m >= 1; m--) {
    const date = dateOf(now - m * 30 * DAY);
    patrols.push({ key: `hongkang-billboard-${m}`, communityKey: c.key, nodeKey: c.key, kind: 'BILLBOARD', route: '红康路、康乐街沿街商铺', patrolledAt: at(date, '10:00'), patrollers: '社区安全员、城管队员', billboardsChecked: 14 + (m % 3) * 2, notes: null });
  }
  const staff = secretaryOf(c.committeeMembers).name;
  for (let i = 0; i < 53; i++) {
    const [kind, title, place] = HAZARDS[i % HAZARDS.length];
    const found = now - r.int(20, 360) * DAY;
    const patrolKey = kind === 'RIVER' ? `hongkang-river-${Math.max(1, Math.min(26, Math.round((now - found) / (7 * DAY))))}` : kind === 'BILLBOARD' ? `hongkang-billboard-${Math.max(1, Math.min(12, Math.round((now - found) / (30 * DAY))))}` : null;
    const assigned = found + r.int(0, 2) * DAY + 2 * H;
    const fixed = assigned + r.int(1, 10) * DAY;
    const verified = fixed + r.int(1, 3) * DAY;
    hazards.push({
      communityKey: c.key, nodeKey: i % 3 === 0 ? c.key : c.branches[i % c.branches.length].key, kind, title, place: `${c.compounds[i % c.compounds.length]?.name ?? c.name}${place}`,
      foundBy: i % 2 ? '网格员' : staff, state: verified < now ? 'VERIFIED' : 'FIXED', assignee: kind === 'BILLBOARD' ? '商铺业主' : '物业服务中心', deadline: dateOf(assigned + 14 * DAY), patrolKey,
      foundAt: new Date(found).toISOString(), assignedAt: new Date(assigned).toISOString(), fixedAt: new Date(fixed).toISOString(), verifiedAt: verified < now ? new Date(verified).toISOString() : null,
    });
  }
  const open: [DemoHazard['kind'], string, DemoHazard['state'], number][] = [
    ['EBIKE_CHARGING', '电动车在楼道内充电', 'FOUND', 2], ['FIRE', '消防栓被遮挡', 'ASSIGNED', 5], ['BILLBOARD', '招牌固定螺栓锈蚀', 'ASSIGNED', 20],
    ['RIVER', '河岸台阶湿滑', 'FOUND', 1], ['ELECTRICAL', '地下室私拉电线', 'ASSIGNED', 9],
  ];
  for (const [kind, title, state, daysAgo] of open) {
    const found = now - daysAgo * DAY;
    hazards.push({
      communityKey: c.key, nodeKey: grid.key, kind, title, place: `${c.compounds[0]?.name ?? c.name}`, foundBy: '网格员', state,
      assignee: state === 'ASSIGNED' ? '物业服务中心' : null, deadline: state === 'ASSIGNED' ? dateOf(found + 10 * DAY) : null, patrolKey: null,
      foundAt: new Date(found).toISOString(), assignedAt: state === 'ASSIGNED' ? new Date(found + 3 * H).toISOString() : null, fixedAt: null, verifiedAt: null,
    });
  }
  return { patrols, hazards };
}

const PROJECTS: [DemoProject['area'], string, string][] = [
  ['POSITION_BUILDING', '党群服务站提升改造', '建成 300 平方米党群服务站，设议事室、阅览室'],
  ['POSITION_BUILDING', '红色楼院创建', '每个网格打造 1 个红色楼院'],
  ['BASIC_SYSTEMS', '三会一课规范化', '支部组织生活全程纪实，按时召开率 100%'],
  ['BASIC_SYSTEMS', '主题党日品牌化', '每月一个主题，形成品牌活动'],
  ['REGIONAL_CO_BUILDING', '单位党组织联建', '与驻区单位签订共建协议，认领服务项目'],
  ['REGIONAL_CO_BUILDING', '红色物业联建', '物业服务满意度达到 90%'],
  ['MEMBER_EDUCATION', '党员先锋岗', '在职党员认领先锋岗位，亮身份'],
  ['MEMBER_EDUCATION', '流动党员服务站', '流动党员纳入支部管理'],
  ['SERVING_MASSES', '百日大走访', '走访全部住户，收集意见建议并建立台账'],
  ['SERVING_MASSES', '一老一小关爱', '为独居老人和留守儿童提供结对帮扶'],
  ['SERVING_MASSES', '民生微实事', '解决居民身边小事 50 件'],
];

function projects(c: DemoCommunity, now: number): DemoProject[] {
  const r = new Random(hashOf(`projects/${c.key}`));
  const today = dateOf(now);
  return PROJECTS.map(([area, title, goals], i) => {
    const start = now - r.int(60, 300) * DAY;
    const due = start + r.int(90, 360) * DAY;
    const dueDate = dateOf(due);
    const done = i % 3 === 0 && due < now + 30 * DAY;
    const status: DemoProject['status'] = done ? 'COMPLETED' : i === 7 ? 'SUSPENDED' : dateOf(start) > today ? 'PLANNED' : 'IN_PROGRESS';
    const progress = [0, 1, 2].filter((k) => start + (k + 1) * 40 * DAY < now).map((k) => ({
      notedOn: dateOf(start + (k + 1) * 40 * DAY), body: ['完成方案制定并召开动员会', '推进过半，阶段性成果已在支部会上通报', '组织验收，形成台账资料'][k],
    }));
    const branch = c.branches[i % c.branches.length];
    return {
      communityKey: c.key, nodeKey: area === 'REGIONAL_CO_BUILDING' || area === 'POSITION_BUILDING' ? c.key : branch.key, title: `${c.name.replace('社区', '')}${title}`, area, goals,
      unitKeys: area === 'REGIONAL_CO_BUILDING' || (area === 'SERVING_MASSES' && i % 2 === 0) ? c.units.map((u) => u.key) : [],
      startDate: dateOf(start), dueDate, status, completedOn: done ? dateOf(Math.min(due, now - DAY)) : null, progress,
    };
  });
}

export function buildDemoGovernance(dataset: DemoDataset, now: Date): DemoGovernance {
  const t = now.getTime();
  const out: DemoGovernance = { schedules: [], meetings: [], visits: [], patrols: [], hazards: [], projects: [] };
  for (const c of dataset.streets.flatMap((s) => s.communities)) {
    out.meetings.push(...branchMeetings(c, t));
    if (c.key === 'zhenxing') {
      const z = zhenxing(c, t);
      out.schedules.push(...z.schedules);
      out.meetings.push(...z.meetings);
    }
    if (c.key === 'hongkang') {
      out.meetings.push(...hongkangMeetings(c, t));
      const s = hongkangSafety(c, t);
      out.patrols.push(...s.patrols);
      out.hazards.push(...s.hazards);
    }
    if (c.key === 'sanwanjie' || c.key === 'yiyuan') {
      out.visits.push(...hundredDayVisits(c, t));
      out.projects.push(...projects(c, t));
    }
  }
  return out;
}
