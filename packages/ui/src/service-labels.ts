/** Chinese labels of the service menu (便民服务) and the talent pool (治理人才库). */
export type ServiceCategory = 'REPAIR' | 'HOUSEKEEPING' | 'HEALTH' | 'ELDERLY' | 'LEGAL' | 'CULTURE' | 'DELIVERY' | 'OTHER';
export const SERVICE_CATEGORY_LABEL: Readonly<Record<ServiceCategory, string>> = {
  REPAIR: '维修',
  HOUSEKEEPING: '清洗家政',
  HEALTH: '健康义诊',
  ELDERLY: '助老助残',
  LEGAL: '法律调解',
  CULTURE: '文化非遗',
  DELIVERY: '物资代办',
  OTHER: '其他',
};

export type ServiceProviderKind = 'MEMBER' | 'VOLUNTEER' | 'VOLUNTEER_TEAM' | 'UNIT';
export const SERVICE_PROVIDER_KIND_LABEL: Readonly<Record<ServiceProviderKind, string>> = {
  MEMBER: '党员',
  VOLUNTEER: '志愿者',
  VOLUNTEER_TEAM: '志愿服务队',
  UNIT: '共建单位',
};

export type ServiceAssigneeKind = 'VOLUNTEER' | 'MEMBER' | 'TEAM';
export const SERVICE_ASSIGNEE_KIND_LABEL: Readonly<Record<ServiceAssigneeKind, string>> = {
  VOLUNTEER: '志愿者',
  MEMBER: '党员',
  TEAM: '队伍',
};

export type ApplicantStatus = 'PENDING' | 'APPROVED' | 'REJECTED';
export const APPLICANT_STATUS_LABEL: Readonly<Record<ApplicantStatus, string>> = {
  PENDING: '待审核',
  APPROVED: '已入库',
  REJECTED: '未通过',
};

export type ApplicantDecision = 'APPROVE' | 'REJECT';
export const APPLICANT_DECISION_LABEL: Readonly<Record<ApplicantDecision, string>> = {
  APPROVE: '通过',
  REJECT: '不通过',
};

/** A service order's state as the resident reads it on the code page (the demand states, in service words). */
export const SERVICE_ORDER_STATE_LABEL: Readonly<Record<string, string>> = {
  SUBMITTED: '已点单',
  ACCEPTED: '待派单',
  ASSIGNED: '已派单',
  IN_PROGRESS: '已接单',
  RESOLVED: '已完成',
  CLOSED: '已完成',
  REJECTED: '未能受理',
  REOPENED: '重新服务',
  DUPLICATE: '重复',
};

export const SERVICE_ENUM_LABELS = {
  ServiceCategory: SERVICE_CATEGORY_LABEL,
  ServiceProviderKind: SERVICE_PROVIDER_KIND_LABEL,
  ServiceAssigneeKind: SERVICE_ASSIGNEE_KIND_LABEL,
  ApplicantStatus: APPLICANT_STATUS_LABEL,
  ApplicantDecision: APPLICANT_DECISION_LABEL,
} as const;
