/**
 * English labels for the API's enums, keyed like the Chinese tables (by GraphQL enum name, then value).
 * `labelsFor(locale)` gives the label tables under their usual export names in one language.
 */
import * as zh from './labels.js';
import { SERVICE_ORDER_STATE_LABEL } from './service-labels.js';

export type Locale = 'zh-CN' | 'en';

type Tables = typeof zh.ENUM_LABELS;
type EnglishTables = { readonly [E in keyof Tables]: { readonly [V in keyof Tables[E]]: string } };

export const ENUM_LABELS_EN: EnglishTables = {
  OrgLevel: { STREET: 'Street Party working committee', COMMUNITY: 'Community Party committee', BRANCH: 'Party branch', BUILDING_GROUP: 'Building Party group', MEMBER_HOUSEHOLD: 'Party member household' },
  BranchKind: { GRID: 'Grid branch', RESIDENTIAL: 'Residential branch', COURTYARD: 'Courtyard branch', PROPERTY: 'Property branch', UNIT: 'Work unit branch' },
  GrantRole: { COMMITTEE_ADMIN: 'Committee admin', BRANCH_SECRETARY: 'Branch secretary', GRID_WORKER: 'Grid worker', VIEWER: 'Viewer' },
  PositionRole: { SECRETARY: 'Secretary', DEPUTY_SECRETARY: 'Deputy secretary', COMMITTEE_MEMBER: 'Committee member', BUILDING_HEAD: 'Building head', HOUSEHOLD_HEAD: 'Member household head' },
  MemberStatus: { FULL: 'Full member', PROBATIONARY: 'Probationary member' },
  Gender: { MALE: 'Male', FEMALE: 'Female' },
  CareCategory: { ELDERLY_ALONE: 'Elderly living alone', EMPTY_NEST: 'Empty-nest elderly', DISABLED: 'Disabled', LOW_INCOME: 'Minimum-income household', HARDSHIP: 'Family in hardship', LEFT_BEHIND_CHILD: 'Left-behind child' },
  ResidentRelation: { HEAD: 'Head of household', SPOUSE: 'Spouse', CHILD: 'Child', PARENT: 'Parent', GRANDCHILD: 'Grandchild', SIBLING: 'Sibling', OTHER: 'Other' },
  LinkLoad: { NONE: 'No households linked', OK: 'Normal', TOO_MANY: 'Too many households' },
  ActivityStatus: { DRAFT: 'Draft', PUBLISHED: 'Published', FINISHED: 'Finished', CANCELLED: 'Cancelled' },
  ActivityCategory: { PARTY_DAY: 'Themed Party day', VOLUNTEER_SERVICE: 'Volunteer service', SERVICE_FAIR: 'Service fair', LEGAL_AID: 'Legal aid', HEALTH_CLINIC: 'Health clinic', CULTURE: 'Culture', LECTURE: 'Lecture', SPORTS: 'Sports', OTHER: 'Other' },
  ActivityAudience: { PUBLIC: 'Public', MEMBERS_ONLY: 'Party members only' },
  RegistrationStatus: { CONFIRMED: 'Signed up', WAITLISTED: 'Waiting list', CANCELLED: 'Cancelled', CHECKED_IN: 'Checked in', CHECKED_OUT: 'Checked out' },
  ServiceSource: { CHECK_IN: 'Check-in and check-out', MANUAL: 'Entered by hand', SERVICE_ORDER: 'Service order' },
  NotificationKind: { WAITLIST_PROMOTED: 'Moved up from waiting list', ACTIVITY_CHANGED: 'Activity changed', ACTIVITY_CANCELLED: 'Activity cancelled', DEMAND_REPLY: 'Reply to a demand' },
  NotificationStatus: { PENDING: 'Pending', SENT: 'Sent', FAILED: 'Failed', PAGE_ONLY: 'Shown on page only' },
  RecurrenceFrequency: { WEEKLY: 'Weekly', MONTHLY: 'Monthly' },
  MonthlyBy: { WEEKDAY_OF_MONTH: 'By weekday of the month', DAY_OF_MONTH: 'By date' },
  CoBuildingUnitKind: { GOVERNMENT_OFFICE: 'Government office', ENTERPRISE: 'Enterprise', SCHOOL: 'School or kindergarten', HOSPITAL: 'Hospital', SOCIAL_ORGANIZATION: 'Social organisation', PROPERTY_MANAGEMENT: 'Property management company', OWNERS_COMMITTEE: "Owners' committee" },
  AgreementStatus: { ACTIVE: 'In force', EXPIRED: 'Expired', TERMINATED: 'Terminated' },
  CrossAppointmentRole: { PARTY_BUILDING_INSTRUCTOR: 'Party-building instructor', PARTY_BUILDING_LIAISON: 'Party-building liaison', OPINION_LIAISON: 'Public opinion liaison', SOCIAL_SUPERVISOR: 'Social supervisor' },
  EvaluationFlag: { RED: 'Red flag', YELLOW: 'Yellow flag' },
  DemandChannel: { VISIT: 'Home visit', HOTLINE: 'Hotline', ONLINE: 'Online', MEETING: 'Deliberation meeting', GRID_PATROL: 'Grid patrol', WALK_IN: 'Walk-in' },
  DemandCategory: { ENVIRONMENT: 'Environment and sanitation', PROPERTY: 'Property management', SAFETY: 'Safety hazard', NEIGHBOUR_DISPUTE: 'Neighbour dispute', FACILITIES: 'Public facilities', ELDERLY_CARE: 'Elderly care', OTHER: 'Other' },
  DemandPriority: { LOW: 'Low', NORMAL: 'Normal', HIGH: 'High', URGENT: 'Urgent' },
  DemandState: { SUBMITTED: 'Awaiting acceptance', ACCEPTED: 'Accepted', ASSIGNED: 'Assigned', IN_PROGRESS: 'In progress', RESOLVED: 'Resolved', CLOSED: 'Closed', REJECTED: 'Not accepted', REOPENED: 'Reopened', DUPLICATE: 'Duplicate' },
  DemandAction: { ACCEPT: 'Accept', REJECT: 'Decline', MARK_DUPLICATE: 'Mark as duplicate', ASSIGN: 'Assign', START: 'Start work', RESOLVE: 'Resolve', CLOSE: 'Close', REOPEN: 'Reopen' },
  DemandEventKind: { CREATED: 'Registered', TRANSITION: 'State changed', ASSIGNED: 'Assigned', NOTE: 'Internal note', REPLY: 'Reply', ESCALATED: 'Escalated (overdue)', RATED: 'Rated', REOPENED: 'Reopened', DUPLICATE_LINKED: 'Duplicate linked', DEADLINE_CHANGED: 'Deadline changed', CONTACT_REVEALED: 'Contact details viewed' },
  DemandActorKind: { STAFF: 'Community staff', PARTNER: 'Partner', RESIDENT: 'Resident', SYSTEM: 'System' },
  DemandCommentVisibility: { INTERNAL: 'Internal note', PUBLIC: 'Public reply' },
  DemandMetricsGroup: { NONE: 'Total', CATEGORY: 'By category', ASSIGNEE: 'By assignee', MONTH: 'By month' },
  DemandAssigneeKind: { UNIT: 'Co-building unit', ACCOUNT: 'Staff member', BRANCH: 'Party branch', UNASSIGNED: 'Unassigned' },
  Education: { PRIMARY: 'Primary school or less', JUNIOR_HIGH: 'Junior high school', SENIOR_HIGH: 'Senior high or vocational school', JUNIOR_COLLEGE: 'Junior college', BACHELOR: "Bachelor's degree", POSTGRADUATE: 'Postgraduate' },
  TransferKind: { INTERNAL: 'Within the platform', IN: 'In from another organisation', OUT: 'Out to another organisation' },
  TransferState: { PENDING: 'Awaiting approval', APPROVED: 'Approved', REFUSED: 'Returned', CANCELLED: 'Withdrawn' },
  BranchWarningCode: { TOO_FEW_FULL_MEMBERS: 'Fewer than 3 full members', TOO_MANY_MEMBERS: 'More than 50 members', NO_BRANCH_COMMITTEE: '7 or more full members but no branch committee' },
  MeetingKind: { DELIBERATION: 'Deliberation meeting', JOINT_CONFERENCE: 'Joint Party-building conference', GRID_GOVERNANCE: 'Grid governance meeting', RESIDENT_TALK: 'Bench talk', BRANCH_ASSEMBLY: 'Branch general meeting', BRANCH_COMMITTEE: 'Branch committee meeting', GROUP_MEETING: 'Party group meeting', PARTY_LECTURE: 'Party lecture', THEMED_PARTY_DAY: 'Themed Party day' },
  MeetingStatus: { PLANNED: 'Planned', HELD: 'Held', CANCELLED: 'Cancelled' },
  ScheduleRule: { WEEKLY: 'Weekly', MONTH_DAYS: 'Fixed days each month', MONTHLY: 'Once a month', QUARTERLY: 'Once a quarter' },
  AttendeeKind: { MEMBER: 'Party member', RESIDENT: 'Resident', UNIT: 'Co-building unit representative' },
  Attendance: { INVITED: 'Invited', PRESENT: 'Present', ABSENT: 'Absent', EXCUSED: 'Excused' },
  RequiredPeriod: { NONE: 'Not required', MONTH: 'Monthly', QUARTER: 'Quarterly' },
  VisitKind: { ROUTINE: 'Routine visit', CARE: 'Care visit', DISPUTE: 'Dispute mediation', SURVEY: 'Opinion survey' },
  VisitLedgerGroup: { MEMBER: 'By visitor', BRANCH: 'By Party branch', MONTH: 'By month' },
  HazardKind: { FIRE: 'Fire hazard', EBIKE_CHARGING: 'Unsafe e-bike charging', BILLBOARD: 'Billboard', STRUCTURE: 'Building structure', ELECTRICAL: 'Electrical safety', RIVER: 'River', OTHER: 'Other' },
  HazardState: { FOUND: 'Found', ASSIGNED: 'Being fixed', FIXED: 'Fixed', VERIFIED: 'Verified', REJECTED: 'Not a hazard' },
  HazardAction: { ASSIGN: 'Assign for fixing', FIX: 'Mark fixed', VERIFY: 'Verify', RETURN: 'Send back', REJECT: 'Not a hazard' },
  PatrolKind: { RIVER: 'River patrol', BILLBOARD: 'Billboard check', FIRE: 'Fire patrol', GENERAL: 'General patrol' },
  PartyProjectArea: { POSITION_BUILDING: 'Venue building', BASIC_SYSTEMS: 'Basic systems', REGIONAL_CO_BUILDING: 'Regional co-building', MEMBER_EDUCATION: 'Member education and management', SERVING_MASSES: 'Serving the public' },
  PartyProjectStatus: { PLANNED: 'Not started', IN_PROGRESS: 'In progress', COMPLETED: 'Completed', SUSPENDED: 'Suspended' },
  DecisionState: { DRAFT: 'Draft', SOLICITING: 'Taking opinions', PROPOSED: 'Proposed', DELIBERATED: 'Deliberated', RESOLVED: 'Resolved', DECISION_PUBLISHED: 'Decision published', RESULT_PUBLISHED: 'Result published' },
  DecisionAction: { OPEN_SOLICITATION: 'Open for opinions', PROPOSE: 'Party organisation proposal', DELIBERATE: 'Joint committee deliberation', RESOLVE: 'Meeting resolution', PUBLISH_DECISION: 'Publish the decision', PUBLISH_RESULT: 'Publish the result' },
  DecisionStepKind: { SOLICITATION: 'Solicitation of opinions', PROPOSAL: 'Proposal by the Party organisation', DELIBERATION: 'Deliberation by the two committees', RESOLUTION: 'Resolution by the meeting', DECISION_NOTICE: 'Decision published', RESULT_NOTICE: 'Result published' },
  ServiceCategory: { REPAIR: 'Repairs', HOUSEKEEPING: 'Cleaning and housekeeping', HEALTH: 'Free clinics', ELDERLY: 'Help for the elderly and disabled', LEGAL: 'Legal aid and mediation', CULTURE: 'Culture and intangible heritage', DELIVERY: 'Supplies and errands', OTHER: 'Other' },
  ServiceProviderKind: { MEMBER: 'Party member', VOLUNTEER: 'Volunteer', VOLUNTEER_TEAM: 'Volunteer team', UNIT: 'Co-building unit' },
  ServiceAssigneeKind: { VOLUNTEER: 'Volunteer', MEMBER: 'Party member', TEAM: 'Team' },
  ApplicantStatus: { PENDING: 'Awaiting review', APPROVED: 'In the pool', REJECTED: 'Not accepted' },
  ApplicantDecision: { APPROVE: 'Accept', REJECT: 'Decline' },
  MediaKind: { IMAGE: 'Photo', AUDIO: 'Recording' },
  MediaVisibility: { PUBLIC: 'Public', PRIVATE: 'Private' },
  AnnouncementAudience: { PUBLIC: 'Residents (public)', MEMBERS: 'Party members', STAFF: 'Community staff' },
  LeaderState: { SET: 'Set', NOT_SET: 'Not set', HIDDEN: 'Not visible to you' },
};

/** A service order's state in service words (the demand states as the service menu reads them), in English. */
export const SERVICE_ORDER_STATE_LABEL_EN: Readonly<Record<keyof typeof SERVICE_ORDER_STATE_LABEL, string>> = {
  SUBMITTED: 'Ordered',
  ACCEPTED: 'To dispatch',
  ASSIGNED: 'Dispatched',
  IN_PROGRESS: 'Taken',
  RESOLVED: 'Completed',
  CLOSED: 'Completed',
  REJECTED: 'Could not be taken on',
  REOPENED: 'Being served again',
  DUPLICATE: 'Duplicate',
};

/** The label of one enum value in a language (Chinese when the English table lacks it). */
export function enumLabel<E extends keyof Tables>(name: E, value: keyof Tables[E] & string, locale: Locale = 'zh-CN'): string {
  const zhTable = zh.ENUM_LABELS[name] as Readonly<Record<string, string>>;
  if (locale === 'en') return (ENUM_LABELS_EN[name] as Readonly<Record<string, string>>)[value] ?? zhTable[value] ?? value;
  return zhTable[value] ?? value;
}

function tablesIn(locale: Locale) {
  const t = locale === 'en' ? ENUM_LABELS_EN : zh.ENUM_LABELS;
  return {
    ORG_LEVEL_LABEL: t.OrgLevel,
    BRANCH_KIND_LABEL: t.BranchKind,
    GRANT_ROLE_LABEL: t.GrantRole,
    POSITION_ROLE_LABEL: t.PositionRole,
    MEMBER_STATUS_LABEL: t.MemberStatus,
    GENDER_LABEL: t.Gender,
    CARE_CATEGORY_LABEL: t.CareCategory,
    RESIDENT_RELATION_LABEL: t.ResidentRelation,
    LINK_LOAD_LABEL: t.LinkLoad,
    ACTIVITY_STATUS_LABEL: t.ActivityStatus,
    ACTIVITY_CATEGORY_LABEL: t.ActivityCategory,
    ACTIVITY_AUDIENCE_LABEL: t.ActivityAudience,
    REGISTRATION_STATUS_LABEL: t.RegistrationStatus,
    SERVICE_SOURCE_LABEL: t.ServiceSource,
    NOTIFICATION_KIND_LABEL: t.NotificationKind,
    NOTIFICATION_STATUS_LABEL: t.NotificationStatus,
    RECURRENCE_FREQUENCY_LABEL: t.RecurrenceFrequency,
    MONTHLY_BY_LABEL: t.MonthlyBy,
    UNIT_KIND_LABEL: t.CoBuildingUnitKind,
    AGREEMENT_STATUS_LABEL: t.AgreementStatus,
    CROSS_APPOINTMENT_ROLE_LABEL: t.CrossAppointmentRole,
    EVALUATION_FLAG_LABEL: t.EvaluationFlag,
    DEMAND_CHANNEL_LABEL: t.DemandChannel,
    DEMAND_CATEGORY_LABEL: t.DemandCategory,
    DEMAND_PRIORITY_LABEL: t.DemandPriority,
    DEMAND_STATE_LABEL: t.DemandState,
    DEMAND_ACTION_LABEL: t.DemandAction,
    DEMAND_EVENT_KIND_LABEL: t.DemandEventKind,
    DEMAND_ACTOR_KIND_LABEL: t.DemandActorKind,
    DEMAND_COMMENT_VISIBILITY_LABEL: t.DemandCommentVisibility,
    DEMAND_METRICS_GROUP_LABEL: t.DemandMetricsGroup,
    DEMAND_ASSIGNEE_KIND_LABEL: t.DemandAssigneeKind,
    EDUCATION_LABEL: t.Education,
    TRANSFER_KIND_LABEL: t.TransferKind,
    TRANSFER_STATE_LABEL: t.TransferState,
    BRANCH_WARNING_LABEL: t.BranchWarningCode,
    LEADER_STATE_LABEL: t.LeaderState,
    MEETING_KIND_LABEL: t.MeetingKind,
    MEETING_STATUS_LABEL: t.MeetingStatus,
    SCHEDULE_RULE_LABEL: t.ScheduleRule,
    ATTENDEE_KIND_LABEL: t.AttendeeKind,
    ATTENDANCE_LABEL: t.Attendance,
    REQUIRED_PERIOD_LABEL: t.RequiredPeriod,
    VISIT_KIND_LABEL: t.VisitKind,
    VISIT_LEDGER_GROUP_LABEL: t.VisitLedgerGroup,
    HAZARD_KIND_LABEL: t.HazardKind,
    HAZARD_STATE_LABEL: t.HazardState,
    HAZARD_ACTION_LABEL: t.HazardAction,
    PATROL_KIND_LABEL: t.PatrolKind,
    PROJECT_AREA_LABEL: t.PartyProjectArea,
    PROJECT_STATUS_LABEL: t.PartyProjectStatus,
    DECISION_STATE_LABEL: t.DecisionState,
    DECISION_ACTION_LABEL: t.DecisionAction,
    DECISION_STEP_KIND_LABEL: t.DecisionStepKind,
    SERVICE_CATEGORY_LABEL: t.ServiceCategory,
    SERVICE_PROVIDER_KIND_LABEL: t.ServiceProviderKind,
    SERVICE_ASSIGNEE_KIND_LABEL: t.ServiceAssigneeKind,
    APPLICANT_STATUS_LABEL: t.ApplicantStatus,
    APPLICANT_DECISION_LABEL: t.ApplicantDecision,
    ANNOUNCEMENT_AUDIENCE_LABEL: t.AnnouncementAudience,
    SERVICE_ORDER_STATE_LABEL: locale === 'en' ? SERVICE_ORDER_STATE_LABEL_EN : SERVICE_ORDER_STATE_LABEL,
  } as const;
}

/** The label tables under their usual export names (ACTIVITY_STATUS_LABEL …), in one language. */
export type LabelTables = ReturnType<typeof tablesIn>;
const BY_LOCALE: Readonly<Record<Locale, LabelTables>> = { 'zh-CN': tablesIn('zh-CN'), en: tablesIn('en') };

export function labelsFor(locale: Locale | string): LabelTables {
  return locale === 'en' ? BY_LOCALE.en : BY_LOCALE['zh-CN'];
}
