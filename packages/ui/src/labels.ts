/**
 * Chinese labels for the API's enums, keyed by their GraphQL values. The API, the admin site and the events page
 * all read them from here, so a level or a status is called the same everywhere.
 */
import { GOVERNANCE_ENUM_LABELS } from './governance-labels.js';
import { DECISION_ENUM_LABELS } from './decision-labels.js';
import { SERVICE_ENUM_LABELS } from './service-labels.js';
import { MEDIA_ENUM_LABELS } from './media-labels.js';

export * from './governance-labels.js';
export * from './decision-labels.js';
export * from './media-labels.js';

export type OrgLevel = 'STREET' | 'COMMUNITY' | 'BRANCH' | 'BUILDING_GROUP' | 'MEMBER_HOUSEHOLD';
export type BranchKind = 'GRID' | 'RESIDENTIAL' | 'COURTYARD' | 'PROPERTY' | 'UNIT';
export type GrantRole = 'COMMITTEE_ADMIN' | 'BRANCH_SECRETARY' | 'GRID_WORKER' | 'VIEWER';
export type PositionRole = 'SECRETARY' | 'DEPUTY_SECRETARY' | 'COMMITTEE_MEMBER' | 'BUILDING_HEAD' | 'HOUSEHOLD_HEAD';
export type MemberStatus = 'FULL' | 'PROBATIONARY';
export type Gender = 'MALE' | 'FEMALE';
export type CareCategory = 'ELDERLY_ALONE' | 'EMPTY_NEST' | 'DISABLED' | 'LOW_INCOME' | 'HARDSHIP' | 'LEFT_BEHIND_CHILD';
export type ResidentRelation = 'HEAD' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'GRANDCHILD' | 'SIBLING' | 'OTHER';
export type LinkLoad = 'NONE' | 'OK' | 'TOO_MANY';
export type ActivityStatus = 'DRAFT' | 'PUBLISHED' | 'FINISHED' | 'CANCELLED';
export type ActivityCategory =
  | 'PARTY_DAY'
  | 'VOLUNTEER_SERVICE'
  | 'SERVICE_FAIR'
  | 'LEGAL_AID'
  | 'HEALTH_CLINIC'
  | 'CULTURE'
  | 'LECTURE'
  | 'SPORTS'
  | 'OTHER';
export type ActivityAudience = 'PUBLIC' | 'MEMBERS_ONLY';
export type RegistrationStatus = 'CONFIRMED' | 'WAITLISTED' | 'CANCELLED' | 'CHECKED_IN' | 'CHECKED_OUT';
export type ServiceSource = 'CHECK_IN' | 'MANUAL' | 'SERVICE_ORDER';
export type CoBuildingUnitKind =
  | 'GOVERNMENT_OFFICE'
  | 'ENTERPRISE'
  | 'SCHOOL'
  | 'HOSPITAL'
  | 'SOCIAL_ORGANIZATION'
  | 'PROPERTY_MANAGEMENT'
  | 'OWNERS_COMMITTEE';
export type AgreementStatus = 'ACTIVE' | 'EXPIRED' | 'TERMINATED';
export type CrossAppointmentRole = 'PARTY_BUILDING_INSTRUCTOR' | 'PARTY_BUILDING_LIAISON' | 'OPINION_LIAISON' | 'SOCIAL_SUPERVISOR';
export type EvaluationFlag = 'RED' | 'YELLOW';

export const ORG_LEVEL_LABEL: Readonly<Record<OrgLevel, string>> = {
  STREET: '街道党工委',
  COMMUNITY: '社区党委',
  BRANCH: '党支部',
  BUILDING_GROUP: '楼栋党小组',
  MEMBER_HOUSEHOLD: '党员中心户',
};

export const BRANCH_KIND_LABEL: Readonly<Record<BranchKind, string>> = {
  GRID: '网格党支部',
  RESIDENTIAL: '居民区党支部',
  COURTYARD: '庭院党支部',
  PROPERTY: '物业党支部',
  UNIT: '单位党支部',
};

export const GRANT_ROLE_LABEL: Readonly<Record<GrantRole, string>> = {
  COMMITTEE_ADMIN: '社区党委管理员',
  BRANCH_SECRETARY: '支部书记',
  GRID_WORKER: '网格员',
  VIEWER: '查看者',
};

export const POSITION_ROLE_LABEL: Readonly<Record<PositionRole, string>> = {
  SECRETARY: '书记',
  DEPUTY_SECRETARY: '副书记',
  COMMITTEE_MEMBER: '委员',
  BUILDING_HEAD: '党员楼栋长',
  HOUSEHOLD_HEAD: '党员中心户户主',
};

export const MEMBER_STATUS_LABEL: Readonly<Record<MemberStatus, string>> = {
  FULL: '正式党员',
  PROBATIONARY: '预备党员',
};

export const GENDER_LABEL: Readonly<Record<Gender, string>> = {
  MALE: '男',
  FEMALE: '女',
};

export const CARE_CATEGORY_LABEL: Readonly<Record<CareCategory, string>> = {
  ELDERLY_ALONE: '独居老人',
  EMPTY_NEST: '空巢老人',
  DISABLED: '残疾人',
  LOW_INCOME: '低保户',
  HARDSHIP: '困难家庭',
  LEFT_BEHIND_CHILD: '留守儿童',
};

export const RESIDENT_RELATION_LABEL: Readonly<Record<ResidentRelation, string>> = {
  HEAD: '户主',
  SPOUSE: '配偶',
  CHILD: '子女',
  PARENT: '父母',
  GRANDCHILD: '孙辈',
  SIBLING: '兄弟姐妹',
  OTHER: '其他',
};

export const LINK_LOAD_LABEL: Readonly<Record<LinkLoad, string>> = {
  NONE: '未联户',
  OK: '正常',
  TOO_MANY: '联户过多',
};

export const ACTIVITY_STATUS_LABEL: Readonly<Record<ActivityStatus, string>> = {
  DRAFT: '草稿',
  PUBLISHED: '已发布',
  FINISHED: '已结束',
  CANCELLED: '已取消',
};

export const ACTIVITY_CATEGORY_LABEL: Readonly<Record<ActivityCategory, string>> = {
  PARTY_DAY: '主题党日',
  VOLUNTEER_SERVICE: '志愿服务',
  SERVICE_FAIR: '便民集市',
  LEGAL_AID: '普法与法律援助',
  HEALTH_CLINIC: '义诊与健康',
  CULTURE: '文化活动',
  LECTURE: '讲座课堂',
  SPORTS: '体育健身',
  OTHER: '其他',
};

export const ACTIVITY_AUDIENCE_LABEL: Readonly<Record<ActivityAudience, string>> = {
  PUBLIC: '公开',
  MEMBERS_ONLY: '仅限党员',
};

export const REGISTRATION_STATUS_LABEL: Readonly<Record<RegistrationStatus, string>> = {
  CONFIRMED: '已报名',
  WAITLISTED: '候补中',
  CANCELLED: '已取消',
  CHECKED_IN: '已签到',
  CHECKED_OUT: '已签退',
};

export const SERVICE_SOURCE_LABEL: Readonly<Record<ServiceSource, string>> = {
  CHECK_IN: '签到签退',
  MANUAL: '手工录入',
  SERVICE_ORDER: '便民服务',
};

export type NotificationKind = 'WAITLIST_PROMOTED' | 'ACTIVITY_CHANGED' | 'ACTIVITY_CANCELLED' | 'DEMAND_REPLY';
export type NotificationStatus = 'PENDING' | 'SENT' | 'FAILED' | 'PAGE_ONLY';
export type RecurrenceFrequency = 'WEEKLY' | 'MONTHLY';
export type MonthlyBy = 'WEEKDAY_OF_MONTH' | 'DAY_OF_MONTH';

export const NOTIFICATION_KIND_LABEL: Readonly<Record<NotificationKind, string>> = {
  WAITLIST_PROMOTED: '候补转正',
  ACTIVITY_CHANGED: '活动变更',
  ACTIVITY_CANCELLED: '活动取消',
  DEMAND_REPLY: '诉求回复',
};

export const NOTIFICATION_STATUS_LABEL: Readonly<Record<NotificationStatus, string>> = {
  PENDING: '待发送',
  SENT: '已发送',
  FAILED: '发送失败',
  PAGE_ONLY: '仅页面显示',
};

export const RECURRENCE_FREQUENCY_LABEL: Readonly<Record<RecurrenceFrequency, string>> = {
  WEEKLY: '每周',
  MONTHLY: '每月',
};

export const MONTHLY_BY_LABEL: Readonly<Record<MonthlyBy, string>> = {
  WEEKDAY_OF_MONTH: '按第几个星期几',
  DAY_OF_MONTH: '按日期',
};

export const UNIT_KIND_LABEL: Readonly<Record<CoBuildingUnitKind, string>> = {
  GOVERNMENT_OFFICE: '机关单位',
  ENTERPRISE: '企业',
  SCHOOL: '学校/幼儿园',
  HOSPITAL: '医院',
  SOCIAL_ORGANIZATION: '社会组织',
  PROPERTY_MANAGEMENT: '物业服务企业',
  OWNERS_COMMITTEE: '业主委员会',
};

export const AGREEMENT_STATUS_LABEL: Readonly<Record<AgreementStatus, string>> = {
  ACTIVE: '生效中',
  EXPIRED: '已到期',
  TERMINATED: '已终止',
};

export const CROSS_APPOINTMENT_ROLE_LABEL: Readonly<Record<CrossAppointmentRole, string>> = {
  PARTY_BUILDING_INSTRUCTOR: '党建指导员',
  PARTY_BUILDING_LIAISON: '党建联络员',
  OPINION_LIAISON: '民意联络员',
  SOCIAL_SUPERVISOR: '社情监督员',
};

export const EVALUATION_FLAG_LABEL: Readonly<Record<EvaluationFlag, string>> = {
  RED: '红旗',
  YELLOW: '黄旗',
};

export type DemandChannel = 'VISIT' | 'HOTLINE' | 'ONLINE' | 'MEETING' | 'GRID_PATROL' | 'WALK_IN';
export type DemandCategory = 'ENVIRONMENT' | 'PROPERTY' | 'SAFETY' | 'NEIGHBOUR_DISPUTE' | 'FACILITIES' | 'ELDERLY_CARE' | 'OTHER';
export type DemandPriority = 'LOW' | 'NORMAL' | 'HIGH' | 'URGENT';
export type DemandState = 'SUBMITTED' | 'ACCEPTED' | 'ASSIGNED' | 'IN_PROGRESS' | 'RESOLVED' | 'CLOSED' | 'REJECTED' | 'REOPENED' | 'DUPLICATE';
export type DemandAction = 'ACCEPT' | 'REJECT' | 'MARK_DUPLICATE' | 'ASSIGN' | 'START' | 'RESOLVE' | 'CLOSE' | 'REOPEN';
export type DemandEventKind =
  | 'CREATED' | 'TRANSITION' | 'ASSIGNED' | 'NOTE' | 'REPLY' | 'ESCALATED' | 'RATED' | 'REOPENED' | 'DUPLICATE_LINKED' | 'DEADLINE_CHANGED' | 'CONTACT_REVEALED';
export type DemandActorKind = 'STAFF' | 'PARTNER' | 'RESIDENT' | 'SYSTEM';
export type DemandCommentVisibility = 'INTERNAL' | 'PUBLIC';

export const DEMAND_CHANNEL_LABEL: Readonly<Record<DemandChannel, string>> = {
  VISIT: '入户走访',
  HOTLINE: '热线电话',
  ONLINE: '网上反映',
  MEETING: '议事会议',
  GRID_PATROL: '网格巡查',
  WALK_IN: '来访',
};

export const DEMAND_CATEGORY_LABEL: Readonly<Record<DemandCategory, string>> = {
  ENVIRONMENT: '环境卫生',
  PROPERTY: '物业管理',
  SAFETY: '安全隐患',
  NEIGHBOUR_DISPUTE: '邻里纠纷',
  FACILITIES: '公共设施',
  ELDERLY_CARE: '养老服务',
  OTHER: '其他',
};

export const DEMAND_PRIORITY_LABEL: Readonly<Record<DemandPriority, string>> = {
  LOW: '低',
  NORMAL: '普通',
  HIGH: '高',
  URGENT: '紧急',
};

export const DEMAND_STATE_LABEL: Readonly<Record<DemandState, string>> = {
  SUBMITTED: '待受理',
  ACCEPTED: '已受理',
  ASSIGNED: '已指派',
  IN_PROGRESS: '办理中',
  RESOLVED: '已办结',
  CLOSED: '已关闭',
  REJECTED: '不予受理',
  REOPENED: '重新办理',
  DUPLICATE: '重复诉求',
};

export const DEMAND_ACTION_LABEL: Readonly<Record<DemandAction, string>> = {
  ACCEPT: '受理',
  REJECT: '不予受理',
  MARK_DUPLICATE: '标记重复',
  ASSIGN: '指派',
  START: '开始办理',
  RESOLVE: '办结',
  CLOSE: '关闭',
  REOPEN: '重新办理',
};

export const DEMAND_EVENT_KIND_LABEL: Readonly<Record<DemandEventKind, string>> = {
  CREATED: '登记',
  TRANSITION: '状态变更',
  ASSIGNED: '指派',
  NOTE: '内部备注',
  REPLY: '答复',
  ESCALATED: '超时升级',
  RATED: '评价',
  REOPENED: '重新办理',
  DUPLICATE_LINKED: '关联重复',
  DEADLINE_CHANGED: '期限调整',
  CONTACT_REVEALED: '查看联系方式',
};

export const DEMAND_ACTOR_KIND_LABEL: Readonly<Record<DemandActorKind, string>> = {
  STAFF: '社区工作人员',
  PARTNER: '合作单位',
  RESIDENT: '居民',
  SYSTEM: '系统',
};

export const DEMAND_COMMENT_VISIBILITY_LABEL: Readonly<Record<DemandCommentVisibility, string>> = {
  INTERNAL: '内部备注',
  PUBLIC: '公开答复',
};

export type DemandMetricsGroup = 'NONE' | 'CATEGORY' | 'ASSIGNEE' | 'MONTH';
export type DemandAssigneeKind = 'UNIT' | 'ACCOUNT' | 'BRANCH' | 'UNASSIGNED';

export const DEMAND_METRICS_GROUP_LABEL: Readonly<Record<DemandMetricsGroup, string>> = {
  NONE: '合计',
  CATEGORY: '按类别',
  ASSIGNEE: '按承办方',
  MONTH: '按月份',
};

export const DEMAND_ASSIGNEE_KIND_LABEL: Readonly<Record<DemandAssigneeKind, string>> = {
  UNIT: '共建单位',
  ACCOUNT: '工作人员',
  BRANCH: '党支部',
  UNASSIGNED: '未指派',
};

// ---- Party members: education, transfers (组织关系转接), branch warnings -------------------------------------
export type Education = 'PRIMARY' | 'JUNIOR_HIGH' | 'SENIOR_HIGH' | 'JUNIOR_COLLEGE' | 'BACHELOR' | 'POSTGRADUATE';
export type TransferKind = 'INTERNAL' | 'IN' | 'OUT';
export type TransferState = 'PENDING' | 'APPROVED' | 'REFUSED' | 'CANCELLED';
export type BranchWarningCode = 'TOO_FEW_FULL_MEMBERS' | 'TOO_MANY_MEMBERS' | 'NO_BRANCH_COMMITTEE';

export const EDUCATION_LABEL: Readonly<Record<Education, string>> = {
  PRIMARY: '小学及以下',
  JUNIOR_HIGH: '初中',
  SENIOR_HIGH: '高中/中专',
  JUNIOR_COLLEGE: '大专',
  BACHELOR: '本科',
  POSTGRADUATE: '研究生',
};

export const TRANSFER_KIND_LABEL: Readonly<Record<TransferKind, string>> = {
  INTERNAL: '平台内转接',
  IN: '从外单位转入',
  OUT: '转出到外单位',
};

export const TRANSFER_STATE_LABEL: Readonly<Record<TransferState, string>> = {
  PENDING: '待审批',
  APPROVED: '已同意',
  REFUSED: '已退回',
  CANCELLED: '已撤回',
};

export const BRANCH_WARNING_LABEL: Readonly<Record<BranchWarningCode, string>> = {
  TOO_FEW_FULL_MEMBERS: '正式党员不足 3 人',
  TOO_MANY_MEMBERS: '党员超过 50 人',
  NO_BRANCH_COMMITTEE: '正式党员 7 人以上未设支部委员会',
};

export type LeaderState = 'SET' | 'NOT_SET' | 'HIDDEN';

/** How a node's leader reads when there is no name to show: hidden from the viewer is not "not set". */
export const LEADER_STATE_LABEL: Readonly<Record<LeaderState, string>> = {
  SET: '已设置',
  NOT_SET: '未设置',
  HIDDEN: '无权查看',
};

/** Every label table above, by the name of its GraphQL enum. */
export const ENUM_LABELS = {
  OrgLevel: ORG_LEVEL_LABEL,
  BranchKind: BRANCH_KIND_LABEL,
  GrantRole: GRANT_ROLE_LABEL,
  PositionRole: POSITION_ROLE_LABEL,
  MemberStatus: MEMBER_STATUS_LABEL,
  Gender: GENDER_LABEL,
  CareCategory: CARE_CATEGORY_LABEL,
  ResidentRelation: RESIDENT_RELATION_LABEL,
  LinkLoad: LINK_LOAD_LABEL,
  ActivityStatus: ACTIVITY_STATUS_LABEL,
  ActivityCategory: ACTIVITY_CATEGORY_LABEL,
  ActivityAudience: ACTIVITY_AUDIENCE_LABEL,
  RegistrationStatus: REGISTRATION_STATUS_LABEL,
  ServiceSource: SERVICE_SOURCE_LABEL,
  NotificationKind: NOTIFICATION_KIND_LABEL,
  NotificationStatus: NOTIFICATION_STATUS_LABEL,
  RecurrenceFrequency: RECURRENCE_FREQUENCY_LABEL,
  MonthlyBy: MONTHLY_BY_LABEL,
  CoBuildingUnitKind: UNIT_KIND_LABEL,
  AgreementStatus: AGREEMENT_STATUS_LABEL,
  CrossAppointmentRole: CROSS_APPOINTMENT_ROLE_LABEL,
  EvaluationFlag: EVALUATION_FLAG_LABEL,
  DemandChannel: DEMAND_CHANNEL_LABEL,
  DemandCategory: DEMAND_CATEGORY_LABEL,
  DemandPriority: DEMAND_PRIORITY_LABEL,
  DemandState: DEMAND_STATE_LABEL,
  DemandAction: DEMAND_ACTION_LABEL,
  DemandEventKind: DEMAND_EVENT_KIND_LABEL,
  DemandActorKind: DEMAND_ACTOR_KIND_LABEL,
  DemandCommentVisibility: DEMAND_COMMENT_VISIBILITY_LABEL,
  DemandMetricsGroup: DEMAND_METRICS_GROUP_LABEL,
  DemandAssigneeKind: DEMAND_ASSIGNEE_KIND_LABEL,
  Education: EDUCATION_LABEL,
  TransferKind: TRANSFER_KIND_LABEL,
  TransferState: TRANSFER_STATE_LABEL,
  BranchWarningCode: BRANCH_WARNING_LABEL,
  ...GOVERNANCE_ENUM_LABELS,
  ...DECISION_ENUM_LABELS,
  ...SERVICE_ENUM_LABELS,
  ...MEDIA_ENUM_LABELS,
  LeaderState: LEADER_STATE_LABEL,
} as const satisfies Record<string, Readonly<Record<string, string>>>;
