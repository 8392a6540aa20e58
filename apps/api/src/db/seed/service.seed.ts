/**
 * The service menu (菜单式服务) and the talent pool (治理人才库) of the demo:
 * - 红康社区: 周五志愿服务队's menu (修水电, 磨菜刀, 地垫清洗, 机动车清洗) and the other teams' offers, orders in every
 *   state (点单, 已派单, 已接单, 已完成, rated), six talent teams linked to its volunteer teams, the 社区能人 recruitment
 *   calls (four rounds) with applicants, and a volunteer with a sign-in (hongkang-volunteer) who takes orders;
 * - 七贤社区 (建阳区): 红色管家 carrying rice and oil to families in hardship.
 * Plain SQL inserts inside the seeding transaction; personal data sealed like the modules do.
 */
import { randomInt } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../sql.js';
import { hashPassword } from '../../modules/access/index.js';
import { seal } from '../../modules/privacy/index.js';
import type { SeedContext } from './util.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const code = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

interface OfferSpec { title: string; category: string; team: string; schedule: string; place: string; capacity: number; description: string }

const HONGKANG_OFFERS: OfferSpec[] = [
  { title: '修水电', category: 'REPAIR', team: '周五志愿服务队', schedule: '每周五 9:00-11:30', place: '党群服务中心门口，行动不便可上门', capacity: 10, description: '水龙头漏水、开关插座松动、灯具更换，党员师傅免费上门检修（材料费自理）。' },
  { title: '磨菜刀', category: 'REPAIR', team: '周五志愿服务队', schedule: '每周五 9:00-11:30', place: '党群服务中心门口', capacity: 30, description: '菜刀、剪刀免费打磨，带上刀具来就行。' },
  { title: '地垫清洗', category: 'HOUSEKEEPING', team: '周五志愿服务队', schedule: '每周五 9:00-11:30', place: '党群服务中心广场', capacity: 20, description: '脚垫、地垫免费清洗晾晒，下周五来取。' },
  { title: '机动车清洗', category: 'HOUSEKEEPING', team: '周五志愿服务队', schedule: '每周五 9:00-11:30', place: '社区停车场东侧', capacity: 12, description: '志愿者为居民免费清洗小汽车、电动车。' },
  { title: '爱心义诊·量血压测血糖', category: 'HEALTH', team: '爱心义诊团', schedule: '每月第二个周六上午', place: '党群服务中心一楼', capacity: 40, description: '共建医院专家坐诊，量血压、测血糖、健康咨询；高龄老人可预约上门。' },
  { title: '邻里纠纷调解', category: 'LEGAL', team: '矛盾纠纷调解队', schedule: '工作日预约', place: '板凳议事室', capacity: 6, description: '邻里噪音、漏水、停车等纠纷，调解员上门或约到议事室当面调解。' },
  { title: '瓦猫制作体验', category: 'CULTURE', team: '非遗守艺人', schedule: '每月最后一个周日下午', place: '党群服务中心活动室', capacity: 15, description: '跟着非遗守艺人捏一只云南瓦猫，材料由社区提供。' },
];

const TALENT_TEAMS: { name: string; team: string; focus: string }[] = [
  { name: '矛盾调解人才队', team: '矛盾纠纷调解队', focus: '邻里纠纷化解、板凳议事' },
  { name: '义诊人才队', team: '爱心义诊团', focus: '义诊、健康宣讲、高龄老人上门问诊' },
  { name: '便民服务人才队', team: '便民服务队', focus: '家电维修、理发、代办帮办' },
  { name: '非遗传承人才队', team: '非遗守艺人', focus: '瓦猫、扎染、剪纸等非遗技艺传承' },
  { name: '普法宣传人才队', team: '普法宣传队', focus: '法律咨询、防范电信诈骗宣传' },
  { name: '周五志愿服务人才队', team: '周五志愿服务队', focus: '修水电、磨菜刀、洗地垫、洗车' },
];

const APPLICANTS: { name: string; skills: string[]; availability: string; building: string; status: 'PENDING' | 'APPROVED' | 'REJECTED'; team?: string; note?: string }[] = [
  { name: '杨桂芬', skills: ['矛盾调解', '心理疏导'], availability: '工作日白天', building: '3栋', status: 'APPROVED', team: '矛盾调解人才队' },
  { name: '段志明', skills: ['水电维修', '家电维修'], availability: '周五上午', building: '5栋', status: 'APPROVED', team: '周五志愿服务人才队' },
  { name: '李春华', skills: ['护理', '量血压'], availability: '周末', building: '1栋', status: 'APPROVED', team: '义诊人才队' },
  { name: '普晓燕', skills: ['扎染', '剪纸'], availability: '周日下午', building: '7栋', status: 'APPROVED', team: '非遗传承人才队' },
  { name: '赵德华', skills: ['法律咨询'], availability: '工作日晚上', building: '2栋', status: 'APPROVED', team: '普法宣传人才队' },
  { name: '王丽萍', skills: ['理发'], availability: '每月第一个周六', building: '6栋', status: 'APPROVED', team: '便民服务人才队' },
  { name: '张永福', skills: ['邻里调解', '红白理事'], availability: '随时', building: '4栋', status: 'PENDING' },
  { name: '马卫东', skills: ['电脑维修', '手机使用教学'], availability: '周末上午', building: '8栋', status: 'PENDING' },
  { name: '刘秀兰', skills: ['缝补衣物'], availability: '工作日下午', building: '3栋', status: 'PENDING' },
  { name: '陈国庆', skills: ['广场舞'], availability: '晚上', building: '9栋', status: 'REJECTED', note: '已转介文体队伍，本期人才库暂不收录' },
];

async function communityIdOf(em: EntityManager, name: string): Promise<number | null> {
  const [row] = await sql<{ id: number }>(em, `select id from org_node where name = ? and level = 'COMMUNITY'`, [name]);
  return row?.id ?? null;
}

async function teamIdOf(em: EntityManager, communityId: number, name: string): Promise<number | null> {
  const [row] = await sql<{ id: number }>(em, `select id from volunteer_team where community_id = ? and name = ?`, [communityId, name]);
  return row?.id ?? null;
}

async function insertOffer(em: EntityManager, communityId: number, teamId: number, o: OfferSpec): Promise<number> {
  const [row] = await sql<{ id: number }>(em,
    `insert into service_offer (community_id, title, category, description, schedule, place, capacity_per_week, provider_kind, team_id) values (?, ?, ?, ?, ?, ?, ?, 'VOLUNTEER_TEAM', ?) returning id`,
    [communityId, o.title, o.category, o.description, o.schedule, o.place, o.capacity, teamId]);
  return row.id;
}

type OrderState = 'SUBMITTED' | 'ASSIGNED' | 'IN_PROGRESS' | 'RESOLVED' | 'CLOSED';
interface OrderSpec { offer: string; state: OrderState; daysAgo: number; name: string; phone: string; address: string; preferredTime: string; rating?: number; comment?: string; hours?: number; demandCategory: string }

async function insertOrder(em: EntityManager, communityId: number, offerId: number, offerTitle: string, s: OrderSpec, assignee: { volunteerId: number; accountId: number | null; label: string }, now: Date): Promise<void> {
  const created = new Date(now.getTime() - s.daysAgo * DAY);
  const at = (h: number) => new Date(created.getTime() + h * HOUR);
  const reached = (x: OrderState) => ['SUBMITTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'].indexOf(s.state) >= ['SUBMITTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'].indexOf(x);
  const [d] = await sql<{ id: number }>(em,
    `insert into demand (community_id, org_node_id, ticket_code, title, description, channel, category, state, version, resident_name, resident_phone, source,
       assigned_account_id, first_response_due_at, resolution_due_at, first_responded_at, resolved_at, closed_at, rating, rating_comment, rated_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'ONLINE', ?, ?, ?, ?, ?, 'RESIDENT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    [communityId, communityId, code(), `便民服务：${offerTitle}`, `点单「${offerTitle}」\n希望时间：${s.preferredTime}`, s.demandCategory, s.state, 1 + ['SUBMITTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'].indexOf(s.state),
      seal(s.name), seal(s.phone), reached('ASSIGNED') ? assignee.accountId : null, at(24), at(24 * 7), reached('ASSIGNED') ? at(2) : null,
      reached('RESOLVED') ? at(48) : null, s.state === 'CLOSED' ? at(60) : null, s.rating ?? null, s.comment ?? null, s.rating ? at(60) : null, created, reached('RESOLVED') ? at(60) : created]);
  const ev = (kind: string, from: string | null, to: string | null, body: string | null, actor: string, when: Date, rating: number | null = null) =>
    sql(em, `insert into demand_event (demand_id, kind, from_state, to_state, body, public, actor_kind, rating, created_at) values (?, ?, ?, ?, ?, true, ?, ?, ?)`,
      [d.id, kind, from, to, body, actor, rating, when]);
  await ev('CREATED', null, 'SUBMITTED', null, 'RESIDENT', created);
  if (reached('ASSIGNED')) {
    await ev('TRANSITION', 'SUBMITTED', 'ACCEPTED', '社区已受理点单', 'STAFF', at(1));
    await ev('ASSIGNED', 'ACCEPTED', 'ASSIGNED', `派单给${assignee.label}`, 'STAFF', at(2));
  }
  if (reached('IN_PROGRESS')) await ev('TRANSITION', 'ASSIGNED', 'IN_PROGRESS', '已接单，将按约定时间上门服务', 'STAFF', at(3));
  if (reached('RESOLVED')) await ev('TRANSITION', 'IN_PROGRESS', 'RESOLVED', '服务已完成', 'STAFF', at(48));
  if (s.state === 'CLOSED') {
    await ev('RATED', null, null, s.comment ?? null, 'RESIDENT', at(60), s.rating ?? null);
    await ev('TRANSITION', 'RESOLVED', 'CLOSED', '居民评价后关闭', 'RESIDENT', at(60));
  }
  await sql(em, `insert into service_order (demand_id, community_id, offer_id, address, preferred_time, assigned_volunteer_id, hours, completed_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [d.id, communityId, offerId, seal(s.address), s.preferredTime, reached('ASSIGNED') ? assignee.volunteerId : null, reached('RESOLVED') ? (s.hours ?? 1).toFixed(2) : null, reached('RESOLVED') ? at(48) : null, created]);
  if (reached('RESOLVED')) {
    await sql(em, `insert into service_record (community_id, volunteer_id, demand_id, hours, served_on, source, note, created_at) values (?, ?, ?, ?, ?, 'SERVICE_ORDER', ?, ?)`,
      [communityId, assignee.volunteerId, d.id, (s.hours ?? 1).toFixed(2), new Date(at(48).getTime() + 8 * HOUR).toISOString().slice(0, 10), `便民服务：${offerTitle}`, at(48)]);
  }
}

export async function seedServices(ctx: SeedContext): Promise<void> {
  const { em } = ctx;
  const now = new Date();
  const counts = { serviceOffers: 0, serviceOrders: 0, talentTeams: 0, recruitmentCalls: 0, talentApplicants: 0 };
  const hongkang = await communityIdOf(em, '红康社区');
  if (hongkang != null) {
    const offerIds = new Map<string, number>();
    for (const o of HONGKANG_OFFERS) {
      const teamId = await teamIdOf(em, hongkang, o.team);
      if (teamId == null) continue;
      offerIds.set(o.title, await insertOffer(em, hongkang, teamId, o));
      counts.serviceOffers++;
    }

    // a volunteer of 周五志愿服务队 with a sign-in: takes the orders dispatched to them
    const friday = await teamIdOf(em, hongkang, '周五志愿服务队');
    const [account] = await sql<{ id: number }>(em, `insert into account (username, password_hash, display_name) values ('hongkang-volunteer', ?, '段志明（周五志愿服务队）') returning id`, [await hashPassword('tongxin-demo')]);
    const [volunteer] = await sql<{ id: number }>(em, `insert into volunteer (community_id, name, phone, skills, account_id) values (?, '段志明', '13908711234', '{水电维修,家电维修}', ?) returning id`, [hongkang, account.id]);
    if (friday != null) await sql(em, `insert into volunteer_team_member (team_id, volunteer_id) values (?, ?)`, [friday, volunteer.id]);
    const assignee = { volunteerId: volunteer.id, accountId: account.id, label: '志愿者段*明' };
    const orders: OrderSpec[] = [
      { offer: '修水电', state: 'SUBMITTED', daysAgo: 0, name: '王秀英', phone: '13987001122', address: '红康小区 3栋 2单元 501', preferredTime: '本周五上午', demandCategory: 'FACILITIES' },
      { offer: '修水电', state: 'ASSIGNED', daysAgo: 1, name: '周建华', phone: '13987003344', address: '红康小区 5栋 1单元 302', preferredTime: '周五 10 点后', demandCategory: 'FACILITIES' },
      { offer: '磨菜刀', state: 'IN_PROGRESS', daysAgo: 2, name: '李桂兰', phone: '13987005566', address: '红康小区 1栋 3单元 101', preferredTime: '周五上午', demandCategory: 'FACILITIES' },
      { offer: '地垫清洗', state: 'RESOLVED', daysAgo: 4, name: '杨丽', phone: '13987007788', address: '红康小区 7栋 2单元 602', preferredTime: '周五', hours: 1.5, demandCategory: 'OTHER' },
      { offer: '修水电', state: 'CLOSED', daysAgo: 9, name: '张德明', phone: '13987009900', address: '红康小区 2栋 1单元 402', preferredTime: '上午', hours: 2, rating: 5, comment: '师傅很细心，还帮忙检查了电闸', demandCategory: 'FACILITIES' },
      { offer: '机动车清洗', state: 'CLOSED', daysAgo: 11, name: '赵玉芬', phone: '13987001212', address: '红康小区 停车场', preferredTime: '周五 9 点', hours: 1, rating: 4, demandCategory: 'OTHER' },
    ];
    for (const o of orders) {
      const offerId = offerIds.get(o.offer);
      if (offerId == null) continue;
      await insertOrder(em, hongkang, offerId, o.offer, o, assignee, now);
      counts.serviceOrders++;
    }

    // the talent pool: six teams, four rounds of 社区能人 calls, applicants of the current round
    const talentTeamIds = new Map<string, { id: number; volunteerTeamId: number }>();
    for (const t of TALENT_TEAMS) {
      const vt = await teamIdOf(em, hongkang, t.team);
      if (vt == null) continue;
      const [row] = await sql<{ id: number }>(em, `insert into talent_team (community_id, name, focus, volunteer_team_id) values (?, ?, ?, ?) returning id`, [hongkang, t.name, t.focus, vt]);
      talentTeamIds.set(t.name, { id: row.id, volunteerTeamId: vt });
      counts.talentTeams++;
    }
    const day = (offset: number) => new Date(now.getTime() + 8 * HOUR + offset * DAY).toISOString().slice(0, 10);
    const rounds = [
      { title: '红康社区“社区能人”招募令（第一期）', opens: -400, closes: -370 },
      { title: '红康社区“社区能人”招募令（第二期）', opens: -280, closes: -250 },
      { title: '红康社区“社区能人”招募令（第三期）', opens: -160, closes: -130 },
      { title: '红康社区“社区能人”招募令（第四期）', opens: -20, closes: 40 },
    ];
    let currentCall = 0;
    for (const r of rounds) {
      const [row] = await sql<{ id: number }>(em,
        `insert into recruitment_call (community_id, title, body, skills_wanted, opens_on, closes_on) values (?, ?, ?, ?::text[], ?, ?) returning id`,
        [hongkang, r.title, '社区党委面向辖区居民、共建单位职工招募“社区能人”，组建矛盾调解、义诊、便民服务、非遗传承等治理人才队伍，参与社区治理和志愿服务。报名后社区工作人员将电话联系。',
          ['矛盾调解', '义诊护理', '水电维修', '非遗技艺', '法律咨询', '理发'], day(r.opens), day(r.closes)]);
      currentCall = row.id;
      counts.recruitmentCalls++;
    }
    let phoneSeq = 0;
    for (const a of APPLICANTS) {
      const phone = `1375521${String(1000 + phoneSeq++).padStart(4, '0')}`;
      const team = a.team ? talentTeamIds.get(a.team) : undefined;
      let volunteerId: number | null = null;
      if (a.status === 'APPROVED' && team) {
        const [existing] = await sql<{ id: number }>(em, `select id from volunteer where community_id = ? and name = ? and archived_at is null`, [hongkang, a.name]);
        volunteerId = existing?.id ?? (await sql<{ id: number }>(em, `insert into volunteer (community_id, name, phone, skills) values (?, ?, ?, ?::text[]) returning id`, [hongkang, a.name, phone, a.skills]))[0].id;
        await sql(em, `insert into volunteer_team_member (team_id, volunteer_id) values (?, ?) on conflict do nothing`, [team.volunteerTeamId, volunteerId]);
      }
      await sql(em,
        `insert into talent_applicant (community_id, call_id, name, phone, skills, availability, building, status, review_note, reviewed_at, team_id, volunteer_id, created_at)
         values (?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?)`,
        [hongkang, currentCall, a.name, seal(phone), a.skills, a.availability, a.building, a.status, a.note ?? null, a.status === 'PENDING' ? null : new Date(now.getTime() - 5 * DAY),
          team?.id ?? null, volunteerId, new Date(now.getTime() - (12 - phoneSeq) * DAY)]);
      counts.talentApplicants++;
    }
  }

  // 建阳区: 红色管家 carrying rice and oil to families in hardship
  const qixian = await communityIdOf(em, '七贤社区');
  const steward = qixian == null ? null : await teamIdOf(em, qixian, '红色管家服务队');
  if (qixian != null && steward != null) {
    await insertOffer(em, qixian, steward, {
      title: '红色管家·米油送上门', category: 'DELIVERY', team: '红色管家服务队', schedule: '每周三、周六', place: '上门服务', capacity: 12,
      description: '为困难家庭、高龄独居老人送米、送油、代购生活用品，党员管家上门顺带了解家中困难。',
    });
    counts.serviceOffers++;
  }
  Object.assign(ctx.counts, counts);
}
