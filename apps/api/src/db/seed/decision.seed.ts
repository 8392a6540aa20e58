import { sql } from '../sql.js';
import { insertRows, type SeedContext } from './util.js';

/**
 * Public decisions (一征三议两公开), after the article on 三湾街社区: the "福乐" four-step support project for
 * 周盛 decided and carried out in public (both notices published); 颐苑社区 asking residents about its courtyard
 * talk corner (solicitation open now); 三湾街社区's second grid branch deliberating where to put an e-bike
 * charging shed; 红康社区 proposing what to make of the ground the 茉莉苑 scrap station left (proposal made, awaiting
 * deliberation). Dates move with the seed day.
 */
interface StepSeed { kind: string; daysAgo: number; body: string; record: string; votes?: [number, number, number] }
interface DecisionSeed {
  community: string;
  owner: string;
  title: string;
  summary: string;
  state: string;
  window: [number, number];
  steps: StepSeed[];
  opinions: string[];
  project?: string;
}

const DECISIONS: DecisionSeed[] = [
  {
    community: '三湾街社区', owner: '三湾街社区', project: '三湾街一老一小关爱', state: 'RESULT_PUBLISHED', window: [150, 140],
    title: '"福乐"精准帮扶项目四部曲：帮助周盛走出家门、自食其力',
    summary: '辖区青年周盛 2014 年 15 岁时遭遇车祸致残，父亲是聋哑人，幼年丧母，身心双重创伤使他患上社交恐惧症。社区党支部通过"一征三议两公开"，为他量身定做帮扶方案。',
    opinions: ['建议找一位有耐心的老党员长期陪伴，先从聊天开始。', '周盛手巧，可以教他做手工，社区帮着卖。', '幼儿园的老师党员愿意一起参与。', '帮扶的钱物要有专人管、公开账目。'],
    steps: [
      { kind: 'SOLICITATION', daysAgo: 150, body: '三湾街社区党支部', record: '就如何帮助周盛恢复语言沟通能力、走出家门、回归社会，征求支部党员和居民代表意见。' },
      { kind: 'PROPOSAL', daysAgo: 138, body: '三湾街社区党支部', record: '支部提议实施"福乐"精准帮扶项目：老党员结对陪伴，志愿者和联建单位共同参与。' },
      { kind: 'DELIBERATION', daysAgo: 135, body: '两委联席会议', record: '研究制定修改方案，明确四部曲：第一部开口说话，第二部走出家门，第三部实现第一个心愿，第四部从心理真正站起来、自食其力。' },
      { kind: 'DELIBERATION', daysAgo: 132, body: '两委联席会议', record: '商定由 65 岁老党员邱芝兰担任"临时妈妈"；居民代表罗宝菊管钱，居务监督委员会主任张素环管账。' },
      { kind: 'RESOLUTION', daysAgo: 130, body: '支部党员大会和居民代表会议', record: '表决通过"福乐"精准帮扶项目四部曲方案。', votes: [41, 0, 2] },
      { kind: 'DECISION_NOTICE', daysAgo: 128, body: '三湾街社区党支部', record: '决议在社区公示栏和社区公示页公示 7 天，居民无异议。' },
      { kind: 'RESULT_NOTICE', daysAgo: 10, body: '三湾街社区党支部', record: '在邱妈妈的陪伴下，周盛话多了、笑容多了，学会制作"海绵宝宝"笔筒、十二生肖钥匙链等手工制品；支部与联建单位共同帮助推销，至今卖出手工制品 2590 元。' },
    ],
  },
  {
    community: '颐苑社区', owner: '颐苑社区', state: 'SOLICITING', window: [3, -7],
    title: '林溪苑小区楼院凉亭改造为"小板凳"议事点',
    summary: '把居民议事会从会议室搬到楼院凉亭下：拟在林溪苑小区凉亭加装座椅、照明和公示栏，作为"小板凳恳谈会"的固定议事点。请居民提出意见建议。',
    opinions: ['凉亭晚上太黑，照明一定要装。', '座椅别太多，留出老人推车的位置。'],
    steps: [
      { kind: 'SOLICITATION', daysAgo: 3, body: '颐苑社区党支部', record: '就凉亭改造的位置、座椅数量、照明和公示栏设置征求居民意见，截止后汇总提交支部提议。' },
    ],
  },
  {
    community: '三湾街社区', owner: '三湾街社区第二网格党支部', state: 'DELIBERATED', window: [30, 20],
    title: '三湾街二号院电动车集中充电棚选址',
    summary: '二号院楼道飞线充电隐患多，拟建集中充电棚，需确定位置和收费方式。',
    opinions: ['别建在窗户底下，怕吵。', '按次收费，价格要公示。', '希望尽快建，冬天楼道充电太危险。'],
    steps: [
      { kind: 'SOLICITATION', daysAgo: 30, body: '三湾街社区第二网格党支部', record: '就充电棚的位置、规模和收费方式征求二号院居民意见。' },
      { kind: 'PROPOSAL', daysAgo: 18, body: '三湾街社区第二网格党支部', record: '提议建在 9 号楼北侧空地，设 40 个充电位，按次计费。' },
      { kind: 'DELIBERATION', daysAgo: 12, body: '两委联席会议', record: '商议后建议改到 10 号楼东侧，远离住户窗户；收费标准待物业报价后再议。' },
    ],
  },
  {
    community: '红康社区', owner: '红康社区', state: 'PROPOSED', window: [21, 9],
    title: '茉莉苑废品收购站搬离后原址改建便民休憩点',
    summary: '居民在"板凳议事会"上反映茉莉苑废品收购站脏乱、有异味和噪音，经联合整治收购站已选新址搬离。原址空地如何利用，社区党委征求居民意见后提出方案，待两委联席会议商议。',
    opinions: ['原址离幼儿园近，别再堆放杂物。', '放几张长椅和遮阳棚，老人买菜回来能歇脚。', '留出电动车通道，别堵了小区东门。'],
    steps: [
      { kind: 'SOLICITATION', daysAgo: 21, body: '红康社区党委', record: '就茉莉苑废品收购站原址的利用方式征求茉莉苑居民和物业意见。' },
      { kind: 'PROPOSAL', daysAgo: 7, body: '红康社区党委', record: '提议在原址设便民休憩点：长椅、遮阳棚和宣传栏，保留东门电动车通道，由物业负责日常保洁。' },
    ],
  },
];

export async function seedDecisions(ctx: SeedContext): Promise<void> {
  const { em } = ctx;
  const now = Date.now();
  const ago = (days: number) => new Date(now - days * 86_400_000);
  const dayOf = (days: number) => new Date(now - days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  let decisions = 0;
  for (const d of DECISIONS) {
    const [node] = await sql<{ id: number; community_id: number | null; level: string }>(em,
      `select n.id, n.community_id, n.level from org_node n left join org_node c on c.id = n.community_id
       where n.name = ? and (n.level = 'COMMUNITY' or c.name = ?) order by n.id limit 1`, [d.owner, d.community]);
    if (!node) continue; // a demo without that community
    const communityId = node.level === 'COMMUNITY' ? node.id : node.community_id!;
    const [project] = d.project ? await sql<{ id: number }>(em, `select id from party_project where community_id = ? and title = ? limit 1`, [communityId, d.project]) : [];
    const published = d.steps.find((s) => s.kind === 'DECISION_NOTICE');
    const result = d.steps.find((s) => s.kind === 'RESULT_NOTICE');
    const [row] = await sql<{ id: number }>(em,
      `insert into decision (community_id, org_node_id, title, summary, state, solicit_opens_at, solicit_closes_at, project_id, decision_published_at, result_published_at,
         version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [communityId, node.id, d.title, d.summary, d.state, ago(d.window[0]), ago(d.window[1]), project?.id ?? null,
        published ? ago(published.daysAgo) : null, result ? ago(result.daysAgo) : null, d.steps.length + 1, ago(d.window[0] + 2), ago(d.steps.at(-1)!.daysAgo)]);
    await insertRows(em, 'decision_step', d.steps.map((s) => ({
      decision_id: row.id, kind: s.kind, held_on: dayOf(s.daysAgo), body: s.body, record: s.record,
      votes_for: s.votes?.[0] ?? null, votes_against: s.votes?.[1] ?? null, votes_abstain: s.votes?.[2] ?? null,
      public: s.kind === 'SOLICITATION' || s.kind === 'RESULT_NOTICE' || published != null, created_at: ago(s.daysAgo),
    })));
    await insertRows(em, 'decision_opinion', d.opinions.map((body, i) => ({
      decision_id: row.id, community_id: communityId, org_node_id: node.id, body, created_at: ago(d.window[0] - (i + 1) * 0.5),
    })));
    decisions += 1;
  }
  ctx.counts.decisions = decisions;
}
