/**
 * The enum label tables of @tongxin/ui under their usual names, in the language of the current request (server) or
 * page (browser). Each is a live view: `ACTIVITY_STATUS_LABEL[status]` and `Object.entries(…)` read the table of the
 * language in force when they run, so components import from here instead of '@tongxin/ui'.
 */
import { labelsFor, type LabelTables } from '@tongxin/ui';
import { getLocale } from './paraglide/runtime.js';

function live<K extends keyof LabelTables>(name: K): LabelTables[K] {
  const zh = labelsFor('zh-CN')[name] as Record<string, string>;
  const current = () => labelsFor(getLocale())[name] as Record<string, string>;
  return new Proxy(zh, {
    get: (_, key) => (typeof key === 'string' ? current()[key] : undefined),
    ownKeys: () => Reflect.ownKeys(zh),
    has: (_, key) => key in zh,
    getOwnPropertyDescriptor: (_, key) =>
      typeof key === 'string' && key in zh ? { value: current()[key], enumerable: true, configurable: true, writable: false } : undefined,
  }) as LabelTables[K];
}

export const ORG_LEVEL_LABEL = live('ORG_LEVEL_LABEL');
export const BRANCH_KIND_LABEL = live('BRANCH_KIND_LABEL');
export const GRANT_ROLE_LABEL = live('GRANT_ROLE_LABEL');
export const POSITION_ROLE_LABEL = live('POSITION_ROLE_LABEL');
export const MEMBER_STATUS_LABEL = live('MEMBER_STATUS_LABEL');
export const GENDER_LABEL = live('GENDER_LABEL');
export const CARE_CATEGORY_LABEL = live('CARE_CATEGORY_LABEL');
export const RESIDENT_RELATION_LABEL = live('RESIDENT_RELATION_LABEL');
export const LINK_LOAD_LABEL = live('LINK_LOAD_LABEL');
export const ACTIVITY_STATUS_LABEL = live('ACTIVITY_STATUS_LABEL');
export const ACTIVITY_CATEGORY_LABEL = live('ACTIVITY_CATEGORY_LABEL');
export const ACTIVITY_AUDIENCE_LABEL = live('ACTIVITY_AUDIENCE_LABEL');
export const REGISTRATION_STATUS_LABEL = live('REGISTRATION_STATUS_LABEL');
export const SERVICE_SOURCE_LABEL = live('SERVICE_SOURCE_LABEL');
export const NOTIFICATION_KIND_LABEL = live('NOTIFICATION_KIND_LABEL');
export const NOTIFICATION_STATUS_LABEL = live('NOTIFICATION_STATUS_LABEL');
export const RECURRENCE_FREQUENCY_LABEL = live('RECURRENCE_FREQUENCY_LABEL');
export const MONTHLY_BY_LABEL = live('MONTHLY_BY_LABEL');
export const UNIT_KIND_LABEL = live('UNIT_KIND_LABEL');
export const AGREEMENT_STATUS_LABEL = live('AGREEMENT_STATUS_LABEL');
export const CROSS_APPOINTMENT_ROLE_LABEL = live('CROSS_APPOINTMENT_ROLE_LABEL');
export const EVALUATION_FLAG_LABEL = live('EVALUATION_FLAG_LABEL');
export const DEMAND_CHANNEL_LABEL = live('DEMAND_CHANNEL_LABEL');
export const DEMAND_CATEGORY_LABEL = live('DEMAND_CATEGORY_LABEL');
export const DEMAND_PRIORITY_LABEL = live('DEMAND_PRIORITY_LABEL');
export const DEMAND_STATE_LABEL = live('DEMAND_STATE_LABEL');
export const DEMAND_ACTION_LABEL = live('DEMAND_ACTION_LABEL');
export const DEMAND_EVENT_KIND_LABEL = live('DEMAND_EVENT_KIND_LABEL');
export const DEMAND_ACTOR_KIND_LABEL = live('DEMAND_ACTOR_KIND_LABEL');
export const DEMAND_COMMENT_VISIBILITY_LABEL = live('DEMAND_COMMENT_VISIBILITY_LABEL');
export const DEMAND_METRICS_GROUP_LABEL = live('DEMAND_METRICS_GROUP_LABEL');
export const DEMAND_ASSIGNEE_KIND_LABEL = live('DEMAND_ASSIGNEE_KIND_LABEL');
export const EDUCATION_LABEL = live('EDUCATION_LABEL');
export const TRANSFER_KIND_LABEL = live('TRANSFER_KIND_LABEL');
export const TRANSFER_STATE_LABEL = live('TRANSFER_STATE_LABEL');
export const BRANCH_WARNING_LABEL = live('BRANCH_WARNING_LABEL');
export const LEADER_STATE_LABEL = live('LEADER_STATE_LABEL');
export const MEETING_KIND_LABEL = live('MEETING_KIND_LABEL');
export const MEETING_STATUS_LABEL = live('MEETING_STATUS_LABEL');
export const SCHEDULE_RULE_LABEL = live('SCHEDULE_RULE_LABEL');
export const ATTENDEE_KIND_LABEL = live('ATTENDEE_KIND_LABEL');
export const ATTENDANCE_LABEL = live('ATTENDANCE_LABEL');
export const REQUIRED_PERIOD_LABEL = live('REQUIRED_PERIOD_LABEL');
export const VISIT_KIND_LABEL = live('VISIT_KIND_LABEL');
export const VISIT_LEDGER_GROUP_LABEL = live('VISIT_LEDGER_GROUP_LABEL');
export const HAZARD_KIND_LABEL = live('HAZARD_KIND_LABEL');
export const HAZARD_STATE_LABEL = live('HAZARD_STATE_LABEL');
export const HAZARD_ACTION_LABEL = live('HAZARD_ACTION_LABEL');
export const PATROL_KIND_LABEL = live('PATROL_KIND_LABEL');
export const PROJECT_AREA_LABEL = live('PROJECT_AREA_LABEL');
export const PROJECT_STATUS_LABEL = live('PROJECT_STATUS_LABEL');
export const DECISION_STATE_LABEL = live('DECISION_STATE_LABEL');
export const DECISION_ACTION_LABEL = live('DECISION_ACTION_LABEL');
export const DECISION_STEP_KIND_LABEL = live('DECISION_STEP_KIND_LABEL');
export const SERVICE_CATEGORY_LABEL = live('SERVICE_CATEGORY_LABEL');
export const SERVICE_PROVIDER_KIND_LABEL = live('SERVICE_PROVIDER_KIND_LABEL');
export const SERVICE_ASSIGNEE_KIND_LABEL = live('SERVICE_ASSIGNEE_KIND_LABEL');
export const SERVICE_ORDER_STATE_LABEL = live('SERVICE_ORDER_STATE_LABEL');
export const APPLICANT_STATUS_LABEL = live('APPLICANT_STATUS_LABEL');
export const APPLICANT_DECISION_LABEL = live('APPLICANT_DECISION_LABEL');
export const ANNOUNCEMENT_AUDIENCE_LABEL = live('ANNOUNCEMENT_AUDIENCE_LABEL');
export type { LeaderState } from '@tongxin/ui';
