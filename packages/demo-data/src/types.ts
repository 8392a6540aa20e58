/** The shapes of the demo dataset, shared by the hand-written specs, the generator and the package entry. */

export type BranchKind = 'GRID' | 'RESIDENTIAL' | 'COURTYARD' | 'PROPERTY' | 'UNIT';
export type Position = 'SECRETARY' | 'DEPUTY_SECRETARY' | 'COMMITTEE_MEMBER' | 'BUILDING_HEAD' | 'HOUSEHOLD_HEAD';
export type CareCategory = 'ELDERLY' | 'LOW_INCOME' | 'DISABLED' | 'EMPTY_NEST' | 'HARDSHIP';
export type UnitKind =
  | 'GOVERNMENT_OFFICE' | 'HOSPITAL' | 'SCHOOL' | 'ENTERPRISE'
  | 'PROPERTY_MANAGEMENT' | 'OWNERS_COMMITTEE' | 'SOCIAL_ORGANIZATION';
export type ActivityCategory =
  | 'PARTY_DAY' | 'VOLUNTEER_SERVICE' | 'SERVICE_FAIR' | 'LEGAL_AID' | 'HEALTH_CLINIC'
  | 'CULTURE' | 'LECTURE' | 'SPORTS' | 'OTHER';

/** e.g. 梧桐花园 / 3栋 / 2单元 / 501 */
export interface DemoAddress { compound: string; building: string; unit: string; room: string }

export interface DemoMember {
  key: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  /** YYYY-MM-DD */
  joinedOn: string;
  status: 'FULL' | 'PROBATIONARY';
  /** 11-digit mainland mobile, unique across the dataset */
  phone: string;
  positions: Position[];
}

export interface DemoHousehold {
  key: string;
  address: DemoAddress;
  headName: string;
  size: number;
  phone: string;
  careCategories: CareCategory[];
}

/** 党员中心户: a member's home that links neighbouring households (联户). */
export interface DemoMemberHousehold {
  key: string;
  /** e.g. 李建华党员中心户 */
  name: string;
  /** member key, same branch, holds HOUSEHOLD_HEAD */
  headKey: string;
  address: DemoAddress;
  linkedHouseholds: DemoHousehold[];
}

/** 楼栋党小组, led by a 党员楼栋长. */
export interface DemoBuildingGroup {
  key: string;
  /** e.g. 梧桐花园3栋党小组 */
  name: string;
  /** member key, same branch, holds BUILDING_HEAD */
  headKey: string;
  buildings: string[];
  memberHouseholds: DemoMemberHousehold[];
}

export interface DemoBranch {
  key: string;
  name: string;
  kind: BranchKind;
  secretaryKey: string;
  members: DemoMember[];
  buildingGroups: DemoBuildingGroup[];
}

/** 共建单位 */
export interface DemoUnit {
  key: string;
  name: string;
  kind: UnitKind;
  partyOrgName?: string;
  contactName: string;
  contactPhone: string;
  /** 兼职委员: the unit's seat on the community committee */
  committeeSeat?: { representativeName: string; title: string; since: string };
  /** 共驻共建协议 */
  agreement?: { signedOn: string; termMonths: number; commitments: string[] };
  /** 交叉任职: 党建指导员 / 党建联络员 / 民意联络员 / 社情监督员 */
  crossAppointments?: { personName: string; role: string; since: string }[];
  /** 物业测评: red flag for the good, yellow flag for the rest */
  evaluations?: {
    /** e.g. '2026-Q2' */
    period: string;
    /** 0-100 */
    scores: { service: number; environment: number; safety: number; response: number };
    flag: 'RED' | 'YELLOW';
  }[];
  /** staff Party members who 双报到 to this community */
  doubleReportMemberNames?: string[];
}

/** 阵地 */
export interface DemoVenue { key: string; name: string; address: string; capacity: number }

export interface DemoActivity {
  key: string;
  title: string;
  category: ActivityCategory;
  description: string;
  venueKey: string;
  /** absent: organised by the community committee */
  organizerBranchKey?: string;
  coHostUnitKeys: string[];
  /** ISO 8601 with +08:00 */
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  audience: 'PUBLIC' | 'MEMBERS_ONLY';
  status: 'DRAFT' | 'PUBLISHED' | 'CANCELLED' | 'FINISHED';
  /** e.g. 每周五; each occurrence is its own activity */
  recurrence?: string;
  coverImageUrl?: string;
}

export interface DemoVolunteerTeam {
  key: string;
  /** 周五志愿服务队, 爱心义诊团, 非遗守艺人 */
  name: string;
  skills: string[];
  memberNames: string[];
}

export interface DemoCommunity {
  key: string;
  name: string;
  brand?: string;
  /** name of the community-level Party organisation, e.g. 红康社区党委 */
  partyOrgName?: string;
  address: string;
  /** the community committee's own members, incl. its SECRETARY */
  committeeMembers: DemoMember[];
  compounds: { name: string; buildings: string[] }[];
  branches: DemoBranch[];
  units: DemoUnit[];
  venues: DemoVenue[];
  activities: DemoActivity[];
  volunteerTeams: DemoVolunteerTeam[];
}

export interface DemoStreet { key: string; name: string; district: string; city: string; communities: DemoCommunity[] }

export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  role: 'COMMITTEE_ADMIN' | 'BRANCH_SECRETARY';
  /** community key or branch key */
  scopeKey: string;
  /** Chinese, e.g. 红康社区党委管理员 */
  description: string;
}

export interface DemoDataset { streets: DemoStreet[]; accounts: DemoAccount[] }
