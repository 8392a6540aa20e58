/**
 * The hand-written part of the demo data: streets, communities, branches, partner units, venues, activities and
 * volunteer teams. Names of people, places and units come from published accounts of these communities where the
 * accounts give them; everything else (most people, phones, households, some compound names) is generated.
 */
import type { ActivityCategory, BranchKind, CareCategory, DemoUnit, Position } from './types.js';

/** A person the published accounts name. */
export interface Person {
  name: string;
  gender: 'MALE' | 'FEMALE';
  joinedOn?: string;
  /** households this member links as a 党员中心户, before any generated ones */
  links?: { headName: string; size: number; careCategories: CareCategory[] }[];
}
const man = (name: string, joinedOn?: string): Person => ({ name, gender: 'MALE', joinedOn });
const woman = (name: string, joinedOn?: string, links?: Person['links']): Person => ({ name, gender: 'FEMALE', joinedOn, links });

export interface BranchSpec {
  name: string;
  kind: BranchKind;
  /** Party members, officers included */
  size: number;
  /** compounds its building groups cover, in turn */
  compounds: string[];
  secretary?: Person;
  /** further named members; they head the branch's first 党员中心户 */
  householdHeads?: Person[];
}

export type UnitSpec = Pick<DemoUnit, 'name' | 'kind' | 'partyOrgName' | 'agreement'> & {
  contactName?: string;
  /** 兼职委员 seat; the representative is generated */
  seat?: { title: string; since: string };
  /** 交叉任职; a missing personName is generated */
  cross?: { personName?: string; role: string; since: string }[];
  /** average 物业测评 score for each of EVALUATION_PERIODS; 85 and above earns the red flag */
  ratings?: number[];
  /** how many staff Party members 双报到 here */
  doubleReport?: number;
};

export interface ActivitySpec {
  title: string;
  category: ActivityCategory;
  description: string;
  /** index into the community's venues */
  venue: number;
  /** day offsets from today (negative: past), one activity each; with `weekday` (0 Sunday … 6 Saturday),
   *  -n / +n mean the n-th such weekday before / after today */
  when: number[];
  weekday?: number;
  slot: 'AM' | 'PM' | 'EVE';
  capacity: number | null;
  membersOnly?: true;
  status?: 'CANCELLED' | 'DRAFT';
  /** indexes into the community's units */
  coHosts?: number[];
  /** index into the community's branches; absent: the community committee organises */
  branch?: number;
  recurrence?: string;
}

export interface TeamSpec { name: string; skills: string[]; size: number; include?: string[] }

export interface CommunitySpec {
  key: string;
  name: string;
  brand?: string;
  partyOrgName: string;
  address: string;
  buildingSuffix: '栋' | '幢' | '号楼';
  /** name, number of buildings, floors */
  compounds: [string, number, number][];
  /** committee size, and the named people with their positions */
  committee: { size: number; named: [Person, Position][] };
  branches: BranchSpec[];
  units: UnitSpec[];
  venues: { name: string; address: string; capacity: number }[];
  activities: ActivitySpec[];
  teams: TeamSpec[];
}

export interface StreetSpec { key: string; name: string; district: string; city: string; communities: CommunitySpec[] }

export const EVALUATION_PERIODS = ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'];
export const SLOTS = { AM: ['09:00', '11:30'], PM: ['14:30', '16:30'], EVE: ['19:00', '20:30'] } as const;

/** 红棉社区: "红心聚力" — the committee walks the three compounds, 三文社区 culture, 少儿京剧班. */
const hongmian: CommunitySpec = {
  key: 'hongmian', name: '红棉社区', brand: '红心聚力', partyOrgName: '红棉社区党委',
  address: '深圳市龙岗区横岗街道红棉路', buildingSuffix: '栋',
  compounds: [['梧桐花园', 14, 18], ['中海大山地', 20, 11], ['振业城', 24, 32]],
  committee: { size: 7, named: [[man('张维杰'), 'SECRETARY'], [man('吴至明'), 'COMMITTEE_MEMBER']] }, // 吴至明: 社区第一书记
  branches: [
    { name: '红棉社区梧桐花园党支部', kind: 'RESIDENTIAL', size: 44, compounds: ['梧桐花园'] },
    { name: '红棉社区中海大山地党支部', kind: 'RESIDENTIAL', size: 38, compounds: ['中海大山地'] },
    { name: '红棉社区振业城党支部', kind: 'RESIDENTIAL', size: 36, compounds: ['振业城'] },
    { name: '红棉社区普安路网格党支部', kind: 'GRID', size: 17, compounds: ['梧桐花园', '振业城'] },
  ],
  units: [
    { name: '梧桐花园物业管理处', kind: 'PROPERTY_MANAGEMENT', partyOrgName: '梧桐花园物业管理处党支部',
      agreement: { signedOn: '2025-03-05', termMonths: 24, commitments: ['花园绿化每月定期修剪', '每两周开展一次蚊虫消杀', '环境卫生问题接报后2小时内清洁处理'] } },
    { name: '振业城业主委员会', kind: 'OWNERS_COMMITTEE' },
    { name: '梧桐学校', kind: 'SCHOOL', partyOrgName: '梧桐学校党支部',
      agreement: { signedOn: '2025-09-01', termMonths: 36, commitments: ['寒暑假向社区少儿开放阅览室', '教师党员到社区开展家庭教育讲座', '配合开展校园周边文明交通劝导'] } },
    { name: '金秋戏友京剧协会', kind: 'SOCIAL_ORGANIZATION' },
  ],
  venues: [
    { name: '红棉社区党群服务中心', address: '横岗街道红棉路红棉社区', capacity: 120 },
    { name: '红棉社区老年大学', address: '红棉社区党群服务中心二楼', capacity: 60 },
    { name: '红棉主题公园', address: '梧桐路与红棉路交会处', capacity: 300 },
    { name: '梧桐路文明交通劝导岗', address: '梧桐路与红棉路路口', capacity: 30 },
  ],
  activities: [
    { title: '红棉少儿京剧班', category: 'CULTURE', venue: 1, weekday: 6, when: [-2, -1, 1, 2], slot: 'AM', capacity: 20, coHosts: [3], recurrence: '每周六',
      description: '金秋戏友协会的退休老戏骨执教，学唱《都有一颗红亮的心》《卖水》等经典唱段，面向6至12岁儿童。' },
    { title: '文明交通劝导志愿服务', category: 'VOLUNTEER_SERVICE', venue: 3, when: [-9, 2], slot: 'AM', capacity: 30,
      description: '在梧桐路、红棉路主要路口劝导行人和电动车文明出行，欢迎居民报名当一天劝导员。' },
    { title: '芳心文学社·作家见面会', category: 'LECTURE', venue: 0, when: [-24, 5], slot: 'EVE', capacity: 60,
      description: '社区作家人才库的作家与文学爱好者面对面，分享阅读与写作心得。' },
    { title: '党代表进社区', category: 'OTHER', venue: 0, when: [-38], slot: 'PM', capacity: 80,
      description: '党代表面对面听取居民意见，现场收集学校扩建、小区水管网改造等问题。' },
    { title: '主题党日：重温入党誓词', category: 'PARTY_DAY', venue: 0, when: [-20], slot: 'AM', capacity: 80, membersOnly: true,
      description: '社区党委组织党员重温入党誓词，交流"红色头雁"先锋岗经验。' },
    { title: '主题党日：红色阵地参观学习', category: 'PARTY_DAY', venue: 0, when: [14], slot: 'AM', capacity: 50, membersOnly: true, branch: 1,
      description: '中海大山地党支部党员参观学习红色阵地建设，党群服务中心集合出发。' },
    { title: '食品安全知识竞赛', category: 'OTHER', venue: 1, when: [-50], slot: 'PM', capacity: 100,
      description: '以家庭为单位参赛，普及食品安全知识，优胜家庭参加"红棉社区健康家庭"评选。' },
    { title: '主题公园露天电影', category: 'CULTURE', venue: 2, when: [-6], slot: 'EVE', capacity: null, status: 'CANCELLED',
      description: '在红棉主题公园放映经典红色影片。因降雨取消，改期另行通知。' },
    { title: '年终志愿者座谈会', category: 'OTHER', venue: 0, when: [30], slot: 'PM', capacity: 60,
      description: '义工们分享一年来的志愿服务心得，揭晓"红棉社区优秀志愿者"评选结果。' },
  ],
  teams: [
    { name: '红棉社区义工队', skills: ['上门慰问', '环境清洁', '活动保障'], size: 18, include: ['彭秀珍'] },
    { name: '文明交通劝导队', skills: ['文明交通劝导'], size: 10 },
    { name: '芳心文学社', skills: ['读书分享', '写作辅导'], size: 12 },
    { name: '美貌时装队', skills: ['时装表演', '文艺演出'], size: 14 },
  ],
};

/** 西门社区: "红色小广播", a weekly audio micro-lecture. */
const ximen: CommunitySpec = {
  key: 'ximen', name: '西门社区', partyOrgName: '西门社区党委',
  address: '南平市建阳区潭城街道西门社区', buildingSuffix: '栋',
  compounds: [['西门新村', 10, 7], ['书坊巷小区', 8, 6], ['西门花园', 12, 11]],
  committee: { size: 6, named: [[woman('朱晓燕'), 'SECRETARY']] },
  branches: [
    { name: '西门社区第一网格党支部', kind: 'GRID', size: 30, compounds: ['西门新村'] },
    { name: '西门社区第二网格党支部', kind: 'GRID', size: 26, compounds: ['书坊巷小区'] },
    { name: '西门社区第三网格党支部', kind: 'GRID', size: 22, compounds: ['西门花园'] },
  ],
  units: [
    { name: '潭城街道社区卫生服务中心', kind: 'HOSPITAL', partyOrgName: '潭城街道社区卫生服务中心党支部', doubleReport: 4,
      agreement: { signedOn: '2025-04-10', termMonths: 24, commitments: ['每季度到社区开展一次健康义诊', '为高龄、空巢老人建立家庭医生签约档案'] } },
  ],
  venues: [
    { name: '西门社区党群服务中心', address: '建阳区潭城街道西门社区', capacity: 80 },
    { name: '红色小广播录播室', address: '西门社区党群服务中心一楼', capacity: 12 },
  ],
  activities: [
    { title: '红色小广播·线上微讲堂', category: 'LECTURE', venue: 1, weekday: 3, when: [-2, -1, 1, 2], slot: 'EVE', capacity: null, recurrence: '每周三',
      description: '小分队党员用"大白话"录制学习音频，在党员微信群、居民联络群同步播出，居民足不出户就能收听。' },
    { title: '垃圾分类入户宣传', category: 'VOLUNTEER_SERVICE', venue: 0, when: [-18], slot: 'AM', capacity: 40,
      description: '双报到党员和红色广播小分队入户讲解垃圾分类，发放分类指引。' },
    { title: '传统文化保护传承讲座', category: 'LECTURE', venue: 0, when: [10], slot: 'PM', capacity: 80,
      description: '邀请机关联社区的双报到党员讲建本、建盏等建阳传统文化。' },
    { title: '健康义诊', category: 'HEALTH_CLINIC', venue: 0, when: [-25, 8], slot: 'AM', capacity: 60, coHosts: [0],
      description: '社区卫生服务中心医生量血压、测血糖，解答慢病用药问题。' },
    { title: '主题党日：菜单式理论宣讲', category: 'PARTY_DAY', venue: 0, when: [-30], slot: 'AM', capacity: 50, membersOnly: true, branch: 1,
      description: '群众点单、社区下单、党员接单，支部党员围绕居民点单的话题集中学习。' },
  ],
  teams: [{ name: '红色广播小分队', skills: ['音频录制', '政策宣讲', '垃圾分类宣传'], size: 8 }],
};

/** 中南社区: "红色庭院" in the 西街美食城 stairwell, 一周一楼栋 clean-ups. */
const zhongnan: CommunitySpec = {
  key: 'zhongnan', name: '中南社区', partyOrgName: '中南社区党委',
  address: '南平市建阳区潭城街道西街', buildingSuffix: '栋',
  compounds: [['西街美食城', 4, 8], ['中南新村', 10, 7], ['中南花园', 8, 11]],
  committee: { size: 6, named: [[woman('王燕'), 'SECRETARY']] },
  branches: [
    { name: '中南社区西街美食城党支部', kind: 'RESIDENTIAL', size: 24, compounds: ['西街美食城'] },
    { name: '中南社区第一网格党支部', kind: 'GRID', size: 28, compounds: ['中南新村'] },
    { name: '中南社区第二网格党支部', kind: 'GRID', size: 22, compounds: ['中南花园'] },
  ],
  units: [
    { name: '西街美食城物业服务中心', kind: 'PROPERTY_MANAGEMENT',
      agreement: { signedOn: '2025-05-20', termMonths: 12, commitments: ['配合"一周一楼栋"人居环境整治', '规划楼道和过道停车区域'] },
      cross: [{ personName: '王燕', role: '党建指导员', since: '2025-05-20' }] },
  ],
  venues: [
    { name: '中南社区党群服务中心', address: '建阳区潭城街道西街中南社区', capacity: 80 },
    { name: '西街美食城红色庭院', address: '西街美食城楼道', capacity: 30 },
  ],
  activities: [
    { title: '一周一楼栋人居环境整治', category: 'VOLUNTEER_SERVICE', venue: 1, weekday: 2, when: [-2, -1, 1], slot: 'AM', capacity: 30, branch: 0, recurrence: '每周二',
      description: '党员和楼栋长每周集中整治一个楼栋：清理楼道杂物、规范过道停车。' },
    { title: '红色庭院楼栋议事', category: 'OTHER', venue: 1, when: [-11, 6], slot: 'EVE', capacity: 20,
      description: '党员、楼栋长和居民围坐长凳，商量过道停车、楼道保洁怎么管。' },
    { title: '廉政文化宣讲', category: 'LECTURE', venue: 0, when: [-35], slot: 'PM', capacity: 60,
      description: '结合红色庭院的廉政宣传展板，讲身边的廉洁故事。' },
    { title: '主题党日：楼栋环境共建', category: 'PARTY_DAY', venue: 0, when: [16], slot: 'AM', capacity: 50, membersOnly: true,
      description: '双报到党员与社区党员一起认领楼栋整治任务。' },
    { title: '便民服务集市', category: 'SERVICE_FAIR', venue: 1, when: [-21], slot: 'AM', capacity: null, coHosts: [0],
      description: '理发、家电维修、磨刀、政策咨询，摆到人流最多的美食城路口。' },
  ],
  teams: [{ name: '红色先锋楼道整治队', skills: ['楼道清理', '停车劝导'], size: 12 }],
};

/** 七贤社区: "红色直通车" consultation meetings, 220+ issues resolved. */
const qixian: CommunitySpec = {
  key: 'qixian', name: '七贤社区', partyOrgName: '七贤社区党委',
  address: '南平市建阳区潭城街道七贤社区', buildingSuffix: '栋',
  compounds: [['融汇山水', 16, 18], ['绿欧璟园', 12, 26]],
  committee: { size: 7, named: [[man('林昇华'), 'SECRETARY']] },
  branches: [
    { name: '七贤社区融汇山水党支部', kind: 'RESIDENTIAL', size: 36, compounds: ['融汇山水'] },
    { name: '七贤社区绿欧璟园党支部', kind: 'RESIDENTIAL', size: 32, compounds: ['绿欧璟园'] },
    { name: '七贤社区红色物业党支部', kind: 'PROPERTY', size: 14, compounds: ['融汇山水', '绿欧璟园'] },
  ],
  units: [
    { name: '融汇山水物业服务中心', kind: 'PROPERTY_MANAGEMENT', partyOrgName: '融汇山水物业服务中心党支部',
      agreement: { signedOn: '2025-06-18', termMonths: 12, commitments: ['消防通道占道车辆接报后30分钟内劝离', '加入红色直通车信息群，诉求24小时内响应'] } },
    { name: '绿欧璟园业主委员会', kind: 'OWNERS_COMMITTEE' },
  ],
  venues: [
    { name: '七贤社区党群服务中心', address: '建阳区潭城街道七贤社区', capacity: 100 },
    { name: '红色直通车议事室', address: '七贤社区党群服务中心二楼', capacity: 30 },
  ],
  activities: [
    { title: '红色直通车·民生协商会', category: 'OTHER', venue: 1, when: [-27, -6, 15], slot: 'EVE', capacity: 30, coHosts: [0, 1],
      description: '社区党委、机关联社区共建单位、片警、物业、业委会和居民小组长围坐一桌，逐条过群众意见议事表。' },
    { title: '垃圾分类宣传引导', category: 'VOLUNTEER_SERVICE', venue: 0, when: [-13, 4], slot: 'AM', capacity: 40, coHosts: [1],
      description: '绿欧璟园试行撤桶并点，党员志愿者在投放点值守、讲解。' },
    { title: '消防安全知识讲座', category: 'LECTURE', venue: 0, when: [-42], slot: 'PM', capacity: 80, coHosts: [0],
      description: '针对车辆占道、电动车上楼等隐患讲解消防常识。' },
    { title: '消防疏散演练', category: 'OTHER', venue: 0, when: [9], slot: 'AM', capacity: 100, status: 'CANCELLED', coHosts: [0],
      description: '原定在融汇山水小区开展疏散演练，因消防通道改造施工取消，改期另行通知。' },
    { title: '红色管家·困难群众上门关怀', category: 'VOLUNTEER_SERVICE', venue: 0, when: [-20], slot: 'AM', capacity: 20,
      description: '社区干部和党员志愿者上门为困难群众送去粮油米面。' },
    { title: '主题党日：学习议事协商工作法', category: 'PARTY_DAY', venue: 0, when: [11], slot: 'AM', capacity: 50, membersOnly: true, branch: 0,
      description: '融汇山水党支部复盘红色直通车议题的办理过程，交流协商经验。' },
  ],
  teams: [{ name: '红色管家服务队', skills: ['上门送物资', '困难群众帮扶'], size: 12 }],
};

/** 童子山社区: the 万晟皇庭 "红色长廊", base of three 机关联社区 offices' service teams. */
const tongzishan: CommunitySpec = {
  key: 'tongzishan', name: '童子山社区', partyOrgName: '童子山社区党委',
  address: '南平市建阳区童游街道童子山社区', buildingSuffix: '栋',
  compounds: [['万晟皇庭', 14, 18], ['童子山小区', 8, 7]],
  committee: { size: 6, named: [] },
  branches: [
    { name: '童子山社区万晟皇庭党支部', kind: 'RESIDENTIAL', size: 30, compounds: ['万晟皇庭'] },
    { name: '童子山社区第一网格党支部', kind: 'GRID', size: 24, compounds: ['童子山小区'] },
    { name: '童子山社区第二网格党支部', kind: 'GRID', size: 20, compounds: ['万晟皇庭', '童子山小区'] },
  ],
  units: [
    { name: '建阳区发科局', kind: 'GOVERNMENT_OFFICE', partyOrgName: '建阳区发科局机关党支部', doubleReport: 6,
      agreement: { signedOn: '2025-03-01', termMonths: 36, commitments: ['党员服务队每月到红色长廊服务不少于一次', '结对帮扶小区困难家庭'] } },
    { name: '建阳区科协', kind: 'GOVERNMENT_OFFICE', partyOrgName: '建阳区科协机关党支部', doubleReport: 4,
      agreement: { signedOn: '2025-03-01', termMonths: 36, commitments: ['每季度开展一次科普进社区', '为青少年组织科学实践活动'] } },
    { name: '建阳区融媒体中心', kind: 'GOVERNMENT_OFFICE', partyOrgName: '建阳区融媒体中心党支部', doubleReport: 5,
      agreement: { signedOn: '2025-03-01', termMonths: 36, commitments: ['宣传报道社区好人好事', '为社区志愿者开设手机摄影与短视频课堂'] } },
  ],
  venues: [
    { name: '童子山社区党群服务中心', address: '建阳区童游街道童子山社区', capacity: 80 },
    { name: '万晟皇庭红色长廊', address: '万晟皇庭小区中庭', capacity: 50 },
  ],
  activities: [
    { title: '红色长廊便民服务日', category: 'SERVICE_FAIR', venue: 1, when: [-31, -3, 25], slot: 'AM', capacity: 100, coHosts: [0, 1, 2], recurrence: '每月',
      description: '机关联社区党员服务队在红色长廊摆摊：政策咨询、小家电维修、科普宣传、邻里纠纷调解。' },
    { title: '科普进社区：家庭用电安全', category: 'LECTURE', venue: 1, when: [-17, 7], slot: 'PM', capacity: 50, coHosts: [1],
      description: '科协志愿者讲解插线板、电动车充电等家庭用电常识。' },
    { title: '邻里纠纷调解接待日', category: 'LEGAL_AID', venue: 1, when: [-10, 4], slot: 'PM', capacity: 20, coHosts: [0],
      description: '党员服务队在红色长廊接待邻里纠纷、物业矛盾，能当场调解的当场调解。' },
    { title: '手机摄影与短视频课堂', category: 'CULTURE', venue: 0, when: [13], slot: 'PM', capacity: 40, coHosts: [2],
      description: '融媒体中心记者手把手教拍照、剪短视频，记录社区好人好事。' },
    { title: '联合主题党日：机关联社区', category: 'PARTY_DAY', venue: 0, when: [-24], slot: 'AM', capacity: 60, membersOnly: true, coHosts: [0, 1, 2],
      description: '社区党员与三家机关联社区单位的双报到党员共过主题党日。' },
  ],
  teams: [{ name: '机关联社区党员服务队', skills: ['政策咨询', '小家电维修', '邻里纠纷调解', '科普宣传'], size: 15 }],
};

/** 三湾街社区: 一征三议两公开, the "福乐" project pairing an old member with a young disabled neighbour. */
const sanwanjie: CommunitySpec = {
  key: 'sanwanjie', name: '三湾街社区', partyOrgName: '三湾街社区党支部',
  address: '郑州市上街区济源路街道三湾街社区', buildingSuffix: '号楼',
  compounds: [['三湾街一号院', 8, 6], ['三湾街二号院', 10, 6], ['三湾街三号院', 6, 6]],
  committee: { size: 5, named: [[woman('吴勤勤'), 'SECRETARY']] },
  branches: [
    { name: '三湾街社区第一网格党支部', kind: 'GRID', size: 28, compounds: ['三湾街一号院'],
      householdHeads: [woman('邱芝兰', '1979-07-01', [{ headName: '周建新', size: 2, careCategories: ['DISABLED', 'HARDSHIP'] }])] },
    { name: '三湾街社区第二网格党支部', kind: 'GRID', size: 22, compounds: ['三湾街二号院', '三湾街三号院'] },
  ],
  units: [
    { name: '上街区幼儿园', kind: 'SCHOOL', partyOrgName: '上街区幼儿园党支部',
      agreement: { signedOn: '2025-09-01', termMonths: 24, commitments: ['开放操场供社区亲子活动使用', '教师党员参与"福乐"帮扶项目'] } },
  ],
  venues: [
    { name: '三湾街社区党群服务中心', address: '上街区济源路街道三湾街社区', capacity: 80 },
    { name: '三湾街社区活动室', address: '三湾街社区党群服务中心一楼', capacity: 40 },
  ],
  activities: [
    { title: '葫芦丝兴趣班', category: 'CULTURE', venue: 1, weekday: 4, when: [-2, -1, 1], slot: 'PM', capacity: 25, recurrence: '每周四',
      description: '社区阿姨们的葫芦丝班，零基础可报名，学吹《有一个美丽的地方》。' },
    { title: '"福乐"手工义卖', category: 'SERVICE_FAIR', venue: 0, when: [-19, 10], slot: 'AM', capacity: 100, coHosts: [0],
      description: '义卖"福乐"帮扶项目的手工笔筒、生肖钥匙链，收入全部归帮扶对象。' },
    { title: '亲子篮球趣味赛', category: 'SPORTS', venue: 0, when: [-36], slot: 'AM', capacity: 40, coHosts: [0],
      description: '幼儿园小朋友和家长组队拍球、投篮，在幼儿园操场举行。' },
    { title: '一征三议两公开·居民议事会', category: 'OTHER', venue: 0, when: [6], slot: 'EVE', capacity: 40,
      description: '公开征集居民意见，支部提议、党员和居民代表审议，结果张榜公示。' },
    { title: '主题党日：老党员讲初心', category: 'PARTY_DAY', venue: 0, when: [-14], slot: 'AM', capacity: 40, membersOnly: true, branch: 0,
      description: '老党员讲述入党故事和结对帮扶的体会。' },
  ],
  teams: [
    { name: '"福乐"帮扶志愿队', skills: ['陪伴帮扶', '手工制作', '爱心义卖'], size: 10, include: ['邱芝兰', '罗宝菊', '张素环'] },
    { name: '葫芦丝艺术队', skills: ['葫芦丝演奏'], size: 12 },
  ],
};

/** 颐苑社区: "小板凳恳谈会" held in courtyards and pavilions. */
const yiyuan: CommunitySpec = {
  key: 'yiyuan', name: '颐苑社区', partyOrgName: '颐苑社区党支部',
  address: '郑州市上街区中心路街道颐苑社区', buildingSuffix: '号楼',
  compounds: [['林溪苑', 12, 11], ['颐苑小区', 10, 6]],
  committee: { size: 5, named: [[woman('何梅'), 'SECRETARY']] },
  branches: [
    { name: '颐苑社区林溪苑党支部', kind: 'RESIDENTIAL', size: 24, compounds: ['林溪苑'] },
    { name: '颐苑社区颐苑小区党支部', kind: 'RESIDENTIAL', size: 18, compounds: ['颐苑小区'] },
  ],
  units: [
    { name: '中国移动上街分公司', kind: 'ENTERPRISE', partyOrgName: '中国移动上街分公司党支部',
      agreement: { signedOn: '2025-01-15', termMonths: 24, commitments: ['林溪苑移动机房噪音、用电隐患限期整改', '每半年到社区开展一次通信知识讲座'] } },
  ],
  venues: [
    { name: '颐苑社区党群服务中心', address: '上街区中心路街道颐苑社区', capacity: 60 },
    { name: '林溪苑议事广场', address: '林溪苑小区中心凉亭旁', capacity: 100 },
  ],
  activities: [
    { title: '小板凳恳谈会', category: 'OTHER', venue: 1, when: [-40, -12, 8], slot: 'EVE', capacity: 50, coHosts: [0],
      description: '把议事会搬到小院里、凉亭下，居民围坐拉家常、提建议。' },
    { title: '通信机房辐射与用电安全讲座', category: 'LECTURE', venue: 0, when: [-26], slot: 'PM', capacity: 60, coHosts: [0],
      description: '移动公司和环保监测人员现场答疑，一问一答讲清机房辐射与用电安全。' },
    { title: '健康义诊', category: 'HEALTH_CLINIC', venue: 1, when: [3], slot: 'AM', capacity: 50,
      description: '社区医生测血压、血糖，提供健康咨询。' },
    { title: '主题党日：走进居民小院', category: 'PARTY_DAY', venue: 0, when: [17], slot: 'AM', capacity: 40, membersOnly: true, branch: 0,
      description: '支部党员分组走进居民小院，收集楼院建设意见。' },
    { title: '防范电信诈骗宣传', category: 'LECTURE', venue: 0, when: [-5], slot: 'PM', capacity: 60, coHosts: [0],
      description: '讲解冒充客服、刷单返利等常见骗局，教老人识别诈骗电话。' },
  ],
  teams: [{ name: '小板凳恳谈志愿队', skills: ['民意收集', '邻里调解'], size: 8 }],
};

const courtyards = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `振兴小区${from + i}号院`);

/** 振兴社区: "先锋振兴" — community + 2 courtyard branches + building groups, 103 members, red/yellow flags for property firms. */
const zhenxing: CommunitySpec = {
  key: 'zhenxing', name: '振兴社区', brand: '先锋振兴', partyOrgName: '振兴社区党委',
  address: '高新区振中街道振兴社区', buildingSuffix: '号楼',
  compounds: [['都市花园', 8, 6], ['桂竹花园', 6, 6], ['河畔花园', 8, 11], ...courtyards(1, 8).map((c): [string, number, number] => [c, 4, 6])],
  committee: { size: 7, named: [[woman('王淑静'), 'SECRETARY']] },
  branches: [
    { name: '振兴社区庭院第一党支部', kind: 'COURTYARD', size: 50, compounds: ['都市花园', '桂竹花园', ...courtyards(1, 4)],
      secretary: man('牛恩玉', '1973-07-01') },
    { name: '振兴社区庭院第二党支部', kind: 'COURTYARD', size: 46, compounds: ['河畔花园', ...courtyards(5, 8)],
      secretary: man('赵玉山', '2020-07-01') },
  ],
  units: [
    { name: '都市花园物业服务中心', kind: 'PROPERTY_MANAGEMENT', contactName: '朱琳', ratings: [78, 86, 90, 93],
      cross: [{ personName: '王淑静', role: '党建指导员', since: '2025-03-01' }, { role: '民意联络员', since: '2025-03-01' }, { personName: '朱琳', role: '社情监督员', since: '2025-03-01' }] },
    { name: '桂竹花园物业服务中心', kind: 'PROPERTY_MANAGEMENT', contactName: '常江云', ratings: [66, 76, 87, 89],
      cross: [{ personName: '王淑静', role: '党建指导员', since: '2025-03-01' }, { role: '党建联络员', since: '2025-03-01' }, { personName: '常江云', role: '社情监督员', since: '2025-03-01' }] },
    { name: '河畔花园物业服务中心', kind: 'PROPERTY_MANAGEMENT', ratings: [84, 88, 85, 91],
      cross: [{ personName: '王淑静', role: '党建指导员', since: '2025-03-01' }, { role: '民意联络员', since: '2025-03-01' }] },
    { name: '振兴小区物业服务中心', kind: 'PROPERTY_MANAGEMENT', ratings: [80, 82, 83, 84],
      cross: [{ personName: '王淑静', role: '党建指导员', since: '2025-03-01' }, { role: '民意联络员', since: '2025-03-01' }] },
    { name: '河畔花园业主委员会', kind: 'OWNERS_COMMITTEE', contactName: '杨新利' },
  ],
  venues: [
    { name: '振兴社区党群服务中心', address: '振中街道振兴社区', capacity: 120 },
    { name: '振兴社区科普教育基地', address: '振兴社区党群服务中心一楼', capacity: 40 },
    { name: '振兴社区日间照料中心', address: '振兴社区党群服务中心二楼', capacity: 30 },
    { name: '振兴社区书画间', address: '振兴社区党群服务中心三楼', capacity: 20 },
    { name: '都市花园中心花园', address: '都市花园小区中心', capacity: 150 },
  ],
  activities: [
    { title: '学雷锋志愿服务', category: 'VOLUNTEER_SERVICE', venue: 4, when: [-22], slot: 'AM', capacity: 50,
      description: '清理公共区域杂物、擦洗健身器材，党员和楼院长带头。' },
    { title: '科普小课堂：探寻宇宙奥秘', category: 'LECTURE', venue: 1, when: [-8, 6], slot: 'PM', capacity: 30,
      description: '孩子们在科普教育基地观察星空模型和动植物生长。' },
    { title: '健康讲座：老年人慢病管理', category: 'HEALTH_CLINIC', venue: 2, when: [-15, 12], slot: 'AM', capacity: 30,
      description: '讲解高血压、糖尿病的日常管理，现场免费测血压。' },
    { title: '法律咨询进庭院', category: 'LEGAL_AID', venue: 4, when: [4], slot: 'AM', capacity: null,
      description: '志愿律师走进庭院，解答物业费、邻里纠纷、继承等问题。' },
    { title: '全民健身：广场舞展示', category: 'SPORTS', venue: 4, when: [-33], slot: 'EVE', capacity: 100,
      description: '各庭院舞蹈队同台展示，推广科学合理的锻炼方式。' },
    { title: '书画交流会', category: 'CULTURE', venue: 3, when: [-3], slot: 'PM', capacity: 20,
      description: '书画爱好者现场挥毫，交流作品。' },
    { title: '邻里欢聚迎新年', category: 'CULTURE', venue: 0, when: [35], slot: 'PM', capacity: 150, status: 'DRAFT',
      description: '文艺演出、包饺子、写春联，节目单征集中。' },
    { title: '主题党日：庭院书记坐班经验交流', category: 'PARTY_DAY', venue: 0, when: [-28], slot: 'AM', capacity: 60, membersOnly: true, branch: 0,
      description: '庭院书记"坐班设岗"、社区"逢三说事"的做法交流。' },
  ],
  teams: [
    { name: '矛盾纠纷志愿调解队', skills: ['矛盾纠纷调解', '物业纠纷协商'], size: 10 },
    { name: '学雷锋志愿服务队', skills: ['环境清扫', '扫雪除冰', '便民服务'], size: 20, include: ['贾吉玉'] },
    { name: '健康法律志愿服务队', skills: ['健康讲座', '法律咨询'], size: 10 },
    { name: '振兴社区文艺演出队', skills: ['声乐', '舞蹈'], size: 14 },
  ],
};

const seat = { title: '社区党委兼职委员', since: '2024-03-28' };
const signed = { signedOn: '2024-03-28', termMonths: 36 };

/** 红康社区: "红心向党·康宁喜乐" — 10 branches, 429 members, 4 兼职委员 units, 河畔集市 on the 盘龙江. */
const hongkang: CommunitySpec = {
  key: 'hongkang', name: '红康社区', brand: '红心向党·康宁喜乐', partyOrgName: '红康社区党委',
  address: '昆明市五华区红云街道红康社区', buildingSuffix: '幢',
  compounds: [['茉莉苑', 16, 7], ['新时代广场', 12, 30], ['金水湾', 20, 18], ['江畔雅居', 10, 11], ['红云里', 12, 7]],
  committee: { size: 7, named: [] },
  branches: [
    { name: '红康社区茉莉苑居民区党支部', kind: 'RESIDENTIAL', size: 58, compounds: ['茉莉苑'] },
    { name: '红康社区新时代广场居民区党支部', kind: 'RESIDENTIAL', size: 52, compounds: ['新时代广场'] },
    { name: '红康社区金水湾居民区党支部', kind: 'RESIDENTIAL', size: 47, compounds: ['金水湾'] },
    { name: '红康社区第一网格党支部', kind: 'GRID', size: 44, compounds: ['江畔雅居'] },
    { name: '红康社区第二网格党支部', kind: 'GRID', size: 41, compounds: ['红云里'] },
    { name: '红康社区第三网格党支部', kind: 'GRID', size: 39, compounds: ['茉莉苑', '金水湾'] },
    { name: '红康社区第四网格党支部', kind: 'GRID', size: 38, compounds: ['江畔雅居', '红云里'] },
    { name: '红康社区红色物业联合党支部', kind: 'PROPERTY', size: 36, compounds: ['新时代广场', '金水湾'] },
    { name: '红康社区公共户单位第一党支部', kind: 'UNIT', size: 35, compounds: ['金水湾'] },
    { name: '红康社区公共户单位第二党支部', kind: 'UNIT', size: 32, compounds: ['茉莉苑', '红云里'] },
  ],
  units: [
    { name: '昆明有色冶金设计研究院股份公司', kind: 'ENTERPRISE', partyOrgName: '昆明有色冶金设计研究院股份公司党委', seat, doubleReport: 8,
      agreement: { ...signed, commitments: ['组织党员参加盘龙江河道巡查和河畔健康跑', '开放会议室供党建联席会议使用', '选派技术骨干协助排查户外广告牌等安全隐患'] } },
    { name: '昆明市口腔医院', kind: 'HOSPITAL', partyOrgName: '昆明市口腔医院党委', seat, doubleReport: 6,
      agreement: { ...signed, commitments: ['每月派医护人员参加河畔集市爱心义诊', '为辖区高龄老人提供口腔健康检查', '每季度开展一次健康知识宣讲'] } },
    { name: '五华区第二幼儿园', kind: 'SCHOOL', partyOrgName: '五华区第二幼儿园党支部', seat, doubleReport: 4,
      agreement: { ...signed, commitments: ['开展家庭教育公益讲座', '组织教职工党员参与周五志愿服务', '节假日开放场地开展亲子活动'] } },
    { name: '云南言之文化传媒有限公司', kind: 'ENTERPRISE', partyOrgName: '云南言之文化传媒有限公司党支部', seat, doubleReport: 3,
      agreement: { ...signed, commitments: ['为社区活动提供摄影摄像和宣传设计', '协助推广"社区能人"招募令', '支持非遗守艺人体验活动'] } },
  ],
  venues: [
    { name: '红康社区党群服务中心', address: '五华区红云街道红康社区', capacity: 100 },
    { name: '盘龙江畔河畔集市', address: '盘龙江红康段滨河步道', capacity: 300 },
    { name: '普法茶水铺', address: '红康社区党群服务中心一楼', capacity: 20 },
    { name: '红康社区议事厅', address: '红康社区党群服务中心二楼', capacity: 60 },
  ],
  activities: [
    { title: '河畔集市', category: 'SERVICE_FAIR', venue: 1, when: [-29, 3], slot: 'AM', capacity: null, coHosts: [1, 3], recurrence: '每月',
      description: '每月在盘龙江畔摆开服务集市：法律咨询、政策宣讲、爱心义诊、非遗展示，居民家门口享受服务。' },
    { title: '普法茶水铺·以茶会友', category: 'LEGAL_AID', venue: 2, when: [-15, 5], slot: 'PM', capacity: 20,
      description: '联合司法所、派出所和律师事务所，一杯茶的工夫解答婚姻家庭、邻里纠纷、物业服务等法律问题。' },
    { title: '爱心义诊：口腔健康检查', category: 'HEALTH_CLINIC', venue: 0, when: [-40, 12], slot: 'AM', capacity: 60, coHosts: [1],
      description: '昆明市口腔医院医生免费检查口腔，讲解老人假牙护理和儿童龋齿预防。' },
    { title: '联合主题党日：红色观影', category: 'PARTY_DAY', venue: 3, when: [-45], slot: 'PM', capacity: 60, membersOnly: true, coHosts: [0, 1, 2, 3],
      description: '社区党委与四家兼职委员单位党组织联合观看红色影片，交流观后感。' },
    { title: '联合主题党日：参观朱德旧居纪念馆', category: 'PARTY_DAY', venue: 0, when: [18], slot: 'AM', capacity: 40, membersOnly: true, coHosts: [0, 1, 2, 3],
      description: '"强信念 守纪律 跟党走"主题党日，党群服务中心集合，前往朱德旧居纪念馆参观。' },
    { title: '周五志愿服务', category: 'VOLUNTEER_SERVICE', venue: 0, weekday: 5, when: [-2, -1, 1, 2], slot: 'AM', capacity: 50, recurrence: '每周五',
      description: '周五志愿服务队提供水电维修、磨菜刀、地垫清洗、机动车清洗，带上需要修的物件来就行。' },
    { title: '全民健身·河畔健康跑', category: 'SPORTS', venue: 1, when: [25], slot: 'AM', capacity: 200, coHosts: [0, 2],
      description: '沿盘龙江滨河步道慢跑约3公里，倡导"爱河、护河"，亲子家庭可组队报名。' },
    { title: '非遗守艺人：瓦猫制作体验', category: 'CULTURE', venue: 0, when: [-12], slot: 'PM', capacity: 25,
      description: '跟着非遗守艺人捏一只云南瓦猫，材料由社区提供。' },
    { title: '防范电信诈骗普法宣传', category: 'LECTURE', venue: 3, when: [-33], slot: 'EVE', capacity: 60,
      description: '联合中国移动、富滇银行讲解冒充客服、刷单返利等常见骗局。' },
  ],
  teams: [
    { name: '周五志愿服务队', skills: ['水电维修', '磨菜刀', '地垫清洗', '机动车清洗'], size: 16 },
    { name: '爱心义诊团', skills: ['爱心义诊', '专家问诊', '健康知识宣讲'], size: 12 },
    { name: '非遗守艺人', skills: ['瓦猫制作', '掐丝珐琅彩画', '扎染', '剪纸'], size: 10 },
    { name: '矛盾纠纷调解队', skills: ['矛盾纠纷化解', '邻里调解'], size: 10 },
    { name: '普法宣传队', skills: ['法律咨询', '防范电信诈骗宣传'], size: 10 },
    { name: '便民服务队', skills: ['家电维修', '理发', '代办帮办'], size: 12 },
    { name: '红心闪耀党员志愿者团队', skills: ['河道巡查', '垃圾清理', '游泳劝导'], size: 20 },
  ],
};

export const STREETS: StreetSpec[] = [
  { key: 'henggang', name: '横岗街道', district: '龙岗区', city: '深圳市', communities: [hongmian] },
  { key: 'tancheng', name: '潭城街道', district: '建阳区', city: '南平市', communities: [ximen, zhongnan, qixian] },
  { key: 'tongyou', name: '童游街道', district: '建阳区', city: '南平市', communities: [tongzishan] },
  { key: 'jiyuanlu', name: '济源路街道', district: '上街区', city: '郑州市', communities: [sanwanjie] },
  { key: 'zhongxinlu', name: '中心路街道', district: '上街区', city: '郑州市', communities: [yiyuan] },
  { key: 'zhenzhong', name: '振中街道', district: '高新区', city: '郑州市', communities: [zhenxing] },
  { key: 'hongyun', name: '红云街道', district: '五华区', city: '昆明市', communities: [hongkang] },
];

/** Branch-secretary demo logins: community key → index of the branch. */
export const BRANCH_ACCOUNTS: [string, number][] = [['hongkang', 0], ['hongmian', 0]];
