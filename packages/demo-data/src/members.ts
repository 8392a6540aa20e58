/**
 * What the demo members' profiles are made of beyond name, gender and join date: ethnicities by region, work
 * units, where mobile members (流动党员) went, the transfers (组织关系转接) still waiting for a decision, and the
 * branches that break a rule of the branch work regulations (支部工作条例) so the warnings have something to show.
 * The API's member seeder draws from these with its own seeded random source.
 */

/** Ethnicities (民族) by community key, most common first; communities not listed are mostly 汉族. */
export const ETHNICITIES: Record<string, [string, number][]> = {
  hongkang: [['汉族', 78], ['彝族', 8], ['白族', 5], ['回族', 4], ['哈尼族', 3], ['纳西族', 2]],
  default: [['汉族', 95], ['回族', 3], ['满族', 2]],
};

/** Where retired members are not; work units by city. */
export const WORK_UNITS: Record<string, string[]> = {
  昆明市: ['五华区红云街道办事处', '昆明市第一人民医院', '云南师范大学附属小学', '昆明电力公司', '五华区市场监督管理局', '个体经营', '红康社区居民委员会'],
  郑州市: ['郑州高新区管委会', '郑州市第七人民医院', '上街区实验小学', '中铝河南分公司', '上街区税务局', '个体经营', '社区居民委员会'],
  南平市: ['建阳区人民政府', '建阳区第一医院', '建阳一中', '南平电力公司', '个体经营', '社区居民委员会'],
  深圳市: ['横岗街道办事处', '龙岗区人民医院', '横岗中学', '比亚迪股份有限公司', '个体经营', '社区工作站'],
};

/** Where mobile members (流动党员) work now. */
export const MOBILE_PLACES = ['广东省深圳市', '浙江省杭州市', '上海市浦东新区', '江苏省苏州市', '北京市朝阳区', '四川省成都市', '广东省东莞市'];

export interface DemoPendingTransfer {
  /** community key; the member is drawn from branch `fromBranch` (index) */
  community: string;
  kind: 'INTERNAL' | 'IN' | 'OUT';
  fromBranch?: number;
  toBranch?: number;
  outsideOrganization?: string;
  note: string;
  /** IN only: who arrives */
  incoming?: { name: string; gender: 'MALE' | 'FEMALE'; joinedOn: string; birthDate: string; education: string; workUnit: string };
}

export const PENDING_TRANSFERS: DemoPendingTransfer[] = [
  { community: 'hongkang', kind: 'INTERNAL', fromBranch: 1, toBranch: 2, note: '搬家到金水湾小区，申请转入居住地支部' },
  { community: 'hongkang', kind: 'INTERNAL', fromBranch: 3, toBranch: 6, note: '网格调整后所住楼栋划入第四网格' },
  { community: 'hongkang', kind: 'IN', toBranch: 0, outsideOrganization: '曲靖市麒麟区南宁街道紫云社区党委', note: '退休后随子女迁居茉莉苑',
    incoming: { name: '段永祥', gender: 'MALE', joinedOn: '1986-07-01', birthDate: '1958-04-16', education: 'SENIOR_HIGH', workUnit: '退休' } },
  { community: 'hongkang', kind: 'OUT', fromBranch: 7, outsideOrganization: '昆明市官渡区关上街道党工委', note: '已迁居官渡区' },
  { community: 'zhenxing', kind: 'INTERNAL', fromBranch: 0, toBranch: 1, note: '从都市花园搬到河畔花园' },
  { community: 'zhenxing', kind: 'IN', toBranch: 1, outsideOrganization: '洛阳市涧西区长安路街道党工委', note: '工作调动来郑州',
    incoming: { name: '席晓燕', gender: 'FEMALE', joinedOn: '2012-06-28', birthDate: '1988-10-02', education: 'BACHELOR', workUnit: '郑州高新区管委会' } },
];

/**
 * Branches that break a rule, so the warnings have real cases:
 * - a newly founded branch with fewer than 3 full members (added here, not in the communities' specs, so the
 *   counts the published accounts give stay as they are);
 * - a branch whose committee's term ended without a new one (7+ full members, no committee);
 * - more than 50 members: 红康社区茉莉苑居民区党支部 (58) already is one.
 */
export const SMALL_BRANCH = {
  community: 'qixian',
  name: '七贤社区新就业群体党支部',
  kind: 'UNIT' as const,
  members: [
    { name: '叶振华', gender: 'MALE' as const, joinedOn: '2015-07-01', status: 'FULL' as const, position: 'SECRETARY' as const },
    { name: '邹丽萍', gender: 'FEMALE' as const, joinedOn: '2019-05-20', status: 'FULL' as const },
    { name: '蔡明宇', gender: 'MALE' as const, joinedOn: '2026-06-15', status: 'PROBATIONARY' as const },
  ],
};
/** community key and branch index whose committee (deputy secretary, committee members) left office */
export const LAPSED_COMMITTEE = { community: 'hongkang', branch: 9, endedOn: '2026-09-30' };
