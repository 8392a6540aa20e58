/** Chinese labels of the governance enums: meetings, visits, hazards, patrols, the Party-building project ledger. */

export const MEETING_KIND_LABEL = {
  DELIBERATION: '议事协商会',
  JOINT_CONFERENCE: '党建联席会议',
  GRID_GOVERNANCE: '网格综治会',
  RESIDENT_TALK: '板凳议事会',
  BRANCH_ASSEMBLY: '党员大会',
  BRANCH_COMMITTEE: '支委会',
  GROUP_MEETING: '党小组会',
  PARTY_LECTURE: '党课',
  THEMED_PARTY_DAY: '主题党日',
} as const;
export type MeetingKind = keyof typeof MEETING_KIND_LABEL;

export const MEETING_STATUS_LABEL = { PLANNED: '待召开', HELD: '已召开', CANCELLED: '已取消' } as const;
export const SCHEDULE_RULE_LABEL = { WEEKLY: '每周', MONTH_DAYS: '每月固定日', MONTHLY: '每月一次', QUARTERLY: '每季度一次' } as const;
export const ATTENDEE_KIND_LABEL = { MEMBER: '党员', RESIDENT: '居民', UNIT: '共建单位代表' } as const;
export const ATTENDANCE_LABEL = { INVITED: '应到', PRESENT: '出席', ABSENT: '缺席', EXCUSED: '请假' } as const;
export const REQUIRED_PERIOD_LABEL = { NONE: '不要求', MONTH: '每月', QUARTER: '每季度' } as const;
export const VISIT_KIND_LABEL = { ROUTINE: '日常走访', CARE: '关爱走访', DISPUTE: '矛盾调解', SURVEY: '民意调查' } as const;
export const VISIT_LEDGER_GROUP_LABEL = { MEMBER: '按走访人', BRANCH: '按党支部', MONTH: '按月份' } as const;
export const HAZARD_KIND_LABEL = {
  FIRE: '消防隐患',
  EBIKE_CHARGING: '电动车违规充电',
  BILLBOARD: '广告牌',
  STRUCTURE: '建筑结构',
  ELECTRICAL: '用电安全',
  RIVER: '河道',
  OTHER: '其他',
} as const;
export const HAZARD_STATE_LABEL = { FOUND: '已发现', ASSIGNED: '整改中', FIXED: '已整改', VERIFIED: '已验收', REJECTED: '不属隐患' } as const;
export const HAZARD_ACTION_LABEL = { ASSIGN: '交办整改', FIX: '整改完成', VERIFY: '验收通过', RETURN: '验收退回', REJECT: '不属隐患' } as const;
export const PATROL_KIND_LABEL = { RIVER: '河道巡查', BILLBOARD: '广告牌检查', FIRE: '消防巡查', GENERAL: '综合巡查' } as const;
export const PROJECT_AREA_LABEL = {
  POSITION_BUILDING: '阵地建设',
  BASIC_SYSTEMS: '基本制度落实',
  REGIONAL_CO_BUILDING: '区域化党建联建',
  MEMBER_EDUCATION: '党员教育管理',
  SERVING_MASSES: '服务群众',
} as const;
export const PROJECT_STATUS_LABEL = { PLANNED: '未启动', IN_PROGRESS: '推进中', COMPLETED: '已完成', SUSPENDED: '已暂停' } as const;

export const GOVERNANCE_ENUM_LABELS = {
  MeetingKind: MEETING_KIND_LABEL,
  MeetingStatus: MEETING_STATUS_LABEL,
  ScheduleRule: SCHEDULE_RULE_LABEL,
  AttendeeKind: ATTENDEE_KIND_LABEL,
  Attendance: ATTENDANCE_LABEL,
  RequiredPeriod: REQUIRED_PERIOD_LABEL,
  VisitKind: VISIT_KIND_LABEL,
  VisitLedgerGroup: VISIT_LEDGER_GROUP_LABEL,
  HazardKind: HAZARD_KIND_LABEL,
  HazardState: HAZARD_STATE_LABEL,
  HazardAction: HAZARD_ACTION_LABEL,
  PatrolKind: PATROL_KIND_LABEL,
  PartyProjectArea: PROJECT_AREA_LABEL,
  PartyProjectStatus: PROJECT_STATUS_LABEL,
} as const;
