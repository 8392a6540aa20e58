/**
 * The authorization matrix: who may call each root field of the API and each plain HTTP route.
 *
 * authz-matrix.test.ts walks the built schema (every Query and Mutation field) and the registered HTTP routes and
 * FAILS for any of them without a row here, naming it; so a new field cannot ship without someone deciding who may
 * call it. To add a field: add a row `myField: { allow: [...] }` below (the failure message suggests one from what
 * the field did for each caller; check it says what you mean before pasting it).
 *
 * The test calls each field as each caller (authz-matrix.fixtures.ts `buildWorld`): anonymous; partner tokens of a
 * unit of community A with each scope set (and one of community B); a VIEWER, GRID_WORKER, COMMITTEE_ADMIN on
 * community A's committee and a BRANCH_SECRETARY on one of its branches; the same four in community B. Arguments
 * are made up from the schema and point at community A's objects (`args` below overrides them): an ID argument
 * `activityId` gets an activity of community A, `communityId` community A itself.
 *
 * A caller the row allows must not be refused (FORBIDDEN / UNAUTHENTICATED); any other answer is fine (the made-up
 * arguments are often invalid). A caller the row does not allow must get a refusal, NOT_FOUND, or nothing (null, an
 * empty list, a summary of zeros); getting data, or an error from past the access check, is a leak.
 * Besides, every node type is read through `node(id)` / `nodes(ids)` and every list of nodes is read by every
 * caller, and what comes back must be exactly what the type's access policy (modules/access) lets the caller read.
 */
export type Role = 'anonymous' | 'partner' | 'VIEWER' | 'GRID_WORKER' | 'BRANCH_SECRETARY' | 'COMMITTEE_ADMIN';

/**
 * Who may call: `anyone`; `staff` (the four staff roles); `writer` (COMMITTEE_ADMIN and BRANCH_SECRETARY); a staff
 * role by name; `partner` (any partner token); `partner:<scope>` (a partner token with that scope).
 */
export type Allow = 'anyone' | 'anonymous' | 'staff' | 'writer' | Exclude<Role, 'anonymous'> | `partner:${string}`;

export interface Targets {
  /** The global ID of community A's object of `type` that the matrix aims at (one its committee admin may change). */
  id(type: string): string;
  communityA: string;
  /** The global ID of the account of one of the matrix's staff callers, e.g. `account('GRID_WORKER@A')`. */
  account(caller: string): string;
}

export interface FieldRule {
  allow: Allow[];
  /**
   * The field acts on the community its arguments name (community A): staff and partner tokens of community B are
   * not allowed even when their role is (`true`), or only partner tokens are held to it (`'partner'`).
   */
  scoped?: boolean | 'partner';
  /**
   * The field checks the shape of its input before it decides access, so callers it refuses may get INVALID_INPUT
   * for the made-up arguments instead of a refusal (they learn nothing). Prefer giving `args` that pass validation.
   */
  validatesFirst?: boolean;
  /** Arguments to use instead of the made-up ones (merged over them). */
  args?: (t: Targets) => Record<string, unknown>;
  note?: string;
}

const PUBLIC: FieldRule = { allow: ['anyone'] };
const STAFF: FieldRule = { allow: ['staff'] };
const STAFF_HERE: FieldRule = { allow: ['staff'], scoped: true };
const ADMIN_HERE: FieldRule = { allow: ['COMMITTEE_ADMIN'], scoped: true };
const WRITER_HERE: FieldRule = { allow: ['writer'], scoped: true };
/** Grants over the community committee itself (a branch secretary's grant covers only its branch). */
const COMMITTEE_STAFF_HERE: FieldRule = { allow: ['VIEWER', 'GRID_WORKER', 'COMMITTEE_ADMIN'], scoped: true };
/** Roles that work on demands and hazards: committee admins and grid workers over the node. */
const FIELD_WORK_HERE: FieldRule = { allow: ['GRID_WORKER', 'COMMITTEE_ADMIN'], scoped: true };
const CODE_HOLDER: FieldRule = { allow: ['anyone'], note: 'anyone holding the code a resident got; a wrong code finds nothing' };

export const queries: Record<string, FieldRule> = {
  // relay
  node: { ...PUBLIC, note: 'per object: see the node(id) / nodes(ids) checks' },
  nodes: { ...PUBLIC, note: 'per object: see the node(id) / nodes(ids) checks' },
  viewer: { allow: ['staff'] },
  managedAccounts: { allow: ['COMMITTEE_ADMIN'], note: 'accounts whose grants all lie under the caller’s committee-admin grants' },
  // org
  orgRoots: PUBLIC,
  orgNode: PUBLIC,
  orgSearch: { ...PUBLIC, args: () => ({ query: '红康' }) },
  publicCommunities: PUBLIC,
  branchWarnings: STAFF_HERE,
  // members
  members: STAFF,
  memberTransfers: STAFF_HERE,
  memberTransferTargets: { allow: ['writer'], scoped: true, note: 'empty unless the caller may change the member' },
  // households, grids
  households: STAFF,
  compounds: STAFF,
  grids: COMMITTEE_STAFF_HERE,
  householdCoverage: STAFF_HERE,
  // partners and units
  partnerBudget: { allow: ['partner'] },
  partnerUnit: { allow: ['partner'] },
  coBuildingUnit: { ...PUBLIC, note: "a unit's public profile" },
  coBuildingUnits: { ...PUBLIC, note: "units' public profiles" },
  agreementsExpiring: { allow: ['staff', 'partner:unit:read'], note: 'those the caller may see (list checks)', args: () => ({ withinDays: 366 }) },
  propertyEvaluationRanking: { allow: ['staff', 'partner:unit:read'], scoped: true },
  // activities
  activities: { ...PUBLIC, note: 'published public activities for all; drafts and internal ones by policy (list checks)' },
  activity: PUBLIC,
  venues: { ...PUBLIC, note: 'venues are printed on public activity pages' },
  registrationByCode: CODE_HOLDER,
  // volunteers
  volunteers: { allow: ['staff', 'partner:unit:read'], scoped: true },
  volunteerTeams: { ...PUBLIC, note: 'team names and counts are shown on the public site' },
  volunteerHours: { ...PUBLIC, note: 'community totals only, shown on the public site' },
  recognitions: STAFF_HERE,
  // demands
  demands: { allow: ['staff', 'partner:demands:read'] },
  demandStateCounts: { allow: ['staff', 'partner:demands:read'] },
  demandAssignableAccounts: { allow: ['GRID_WORKER', 'COMMITTEE_ADMIN'], scoped: true, note: 'empty unless the caller may assign the demand' },
  demandByTicket: CODE_HOLDER,
  demandTransitions: { ...PUBLIC, note: 'the lifecycle table, no data' },
  demandDeadlines: STAFF_HERE,
  demandMetrics: {
    allow: ['VIEWER', 'GRID_WORKER', 'COMMITTEE_ADMIN', 'partner:demands:read'], scoped: true,
    note: 'staff over the node; a partner token with demands:read counts the demands assigned to its unit',
    args: () => ({ from: '2025-01-01', to: '2027-01-01', groupBy: 'CATEGORY' }) },
  // meetings
  meetings: { allow: ['staff', 'partner:unit:read'], note: "partners see meetings their unit's seats attend" },
  meetingSchedules: STAFF_HERE,
  meetingRequirements: STAFF,
  missedMeetings: COMMITTEE_STAFF_HERE,
  // visits, hazards, projects
  visits: STAFF,
  visitLedger: STAFF,
  hazards: STAFF_HERE,
  hazardStats: { ...STAFF_HERE, note: 'a branch secretary counts the hazards of its branch', args: () => ({ from: '2020-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' }) },
  hazardTransitions: { ...PUBLIC, note: 'the lifecycle table, no data' },
  patrols: COMMITTEE_STAFF_HERE,
  partyProjects: STAFF,
  partyProjectAreaCounts: STAFF,
  // public decisions (一征三议两公开)
  decisions: { ...PUBLIC, note: 'staff: the decisions of their subtrees; everyone else: those whose solicitation has opened, published parts only' },
  // service menu and talent pool
  serviceOffers: { ...PUBLIC, note: 'the menu is public (便民服务 on the events site)' },
  serviceOrders: COMMITTEE_STAFF_HERE,
  serviceOrder: { allow: ['staff'], scoped: true, note: 'the order of a demand the caller may read' },
  serviceDispatchCandidates: FIELD_WORK_HERE,
  recruitmentCalls: { ...PUBLIC, note: 'recruitment calls (招募令) are public' },
  talentTeams: { ...PUBLIC, note: 'team names and counts, no personal data' },
  talentApplicants: COMMITTEE_STAFF_HERE,
  // announcements
  announcements: { ...PUBLIC, note: 'what the caller may read: public ones for everyone, members’ and staff ones for staff of the subtree' },
  publicAnnouncements: { ...PUBLIC, note: 'public announcements only, whoever asks' },
  // audit
  personalDataAudit: { allow: ['COMMITTEE_ADMIN'] },
};

export const mutations: Record<string, FieldRule> = {
  // sign-in
  sessionCreate: PUBLIC,
  sessionRevoke: { ...PUBLIC, note: 'ends the caller’s own session; nothing for others' },
  passwordChange: { allow: ['staff'], note: 'the caller’s own password' },
  accountDisable: { ...ADMIN_HERE, args: (t) => ({ input: { id: t.account('VIEWER@A') } }) },
  accountEnable: { ...ADMIN_HERE, args: (t) => ({ input: { id: t.account('VIEWER@A') } }) },
  // org
  orgNodeCreate: { allow: ['COMMITTEE_ADMIN'], scoped: true, args: () => ({ input: { level: 'BRANCH', name: '矩阵检查支部', branchKind: 'GRID' } }) },
  orgNodeUpdate: ADMIN_HERE,
  orgNodeMove: ADMIN_HERE,
  orgNodeArchive: { allow: [], note: "nobody may archive the community committee they administer (it takes a grant above it)" },
  // members
  memberCreate: { ...WRITER_HERE, validatesFirst: true },
  memberUpdate: { ...WRITER_HERE, validatesFirst: true },
  memberPositionAssign: ADMIN_HERE,
  memberPositionEnd: ADMIN_HERE,
  memberTransferRequest: { ...WRITER_HERE, validatesFirst: true },
  memberTransferApprove: ADMIN_HERE,
  memberTransferRefuse: ADMIN_HERE,
  memberTransferCancel: ADMIN_HERE,
  // households
  householdCreate: { ...WRITER_HERE, validatesFirst: true },
  householdUpdate: WRITER_HERE,
  householdLink: WRITER_HERE,
  householdUnlink: WRITER_HERE,
  residentSave: { ...WRITER_HERE, validatesFirst: true },
  residentErase: ADMIN_HERE,
  gridUpdate: ADMIN_HERE,
  personalDataReveal: { allow: ['GRID_WORKER', 'BRANCH_SECRETARY', 'COMMITTEE_ADMIN'], scoped: true, args: (t) => ({ input: { id: t.id('Resident'), fields: ['phone'], reason: '矩阵检查' } }) },
  // partners and units
  partnerTokenCreate: { ...ADMIN_HERE, validatesFirst: true },
  partnerTokenRotate: ADMIN_HERE,
  partnerTokenRevoke: ADMIN_HERE,
  coBuildingUnitCreate: ADMIN_HERE,
  coBuildingUnitUpdate: ADMIN_HERE,
  coBuildingUnitLink: ADMIN_HERE,
  agreementCreate: ADMIN_HERE,
  agreementRenew: ADMIN_HERE,
  agreementTerminate: ADMIN_HERE,
  committeeSeatCreate: ADMIN_HERE,
  committeeSeatEnd: ADMIN_HERE,
  crossAppointmentCreate: ADMIN_HERE,
  crossAppointmentEnd: ADMIN_HERE,
  propertyEvaluationRecord: ADMIN_HERE,
  doubleReportMemberCreate: ADMIN_HERE,
  doubleReportMemberEnd: ADMIN_HERE,
  // activities
  activityCreate: { ...WRITER_HERE, validatesFirst: true },
  activityUpdate: { ...ADMIN_HERE, note: 'a partner token with activities:write may change the activities its unit co-hosts, not this one' },
  activityPublish: ADMIN_HERE,
  activityCancel: ADMIN_HERE,
  activityDoorStaffSet: ADMIN_HERE,
  venueCreate: ADMIN_HERE,
  venueUpdate: ADMIN_HERE,
  registrationCreate: { ...PUBLIC, note: 'residents sign up without an account' },
  registrationCancel: CODE_HOLDER,
  registrationCheckIn: { allow: ['staff'], scoped: true, note: 'staff over the organiser or named door staff; a code of another community finds nothing' },
  registrationCheckOut: { allow: ['staff'], scoped: true, note: 'as registrationCheckIn' },
  registrationPromote: ADMIN_HERE,
  registrationStaffCancel: ADMIN_HERE,
  // volunteers
  volunteerCreate: ADMIN_HERE,
  volunteerUpdate: ADMIN_HERE,
  volunteerTeamCreate: ADMIN_HERE,
  volunteerTeamUpdate: ADMIN_HERE,
  volunteerTeamMemberAdd: ADMIN_HERE,
  volunteerTeamMemberRemove: ADMIN_HERE,
  serviceRecordCreate: { ...ADMIN_HERE, validatesFirst: true },
  serviceRecordDelete: ADMIN_HERE,
  recognitionCreate: { ...ADMIN_HERE, validatesFirst: true },
  recognitionDelete: ADMIN_HERE,
  // demands
  submitDemand: { allow: ['anyone'], scoped: 'partner', note: 'residents file without an account; a partner token only in its own community' },
  createDemand: FIELD_WORK_HERE,
  transitionDemand: FIELD_WORK_HERE,
  addDemandComment: FIELD_WORK_HERE,
  revealDemandContact: FIELD_WORK_HERE,
  rateDemand: CODE_HOLDER,
  setDemandDeadline: { ...ADMIN_HERE, args: () => ({ input: { firstResponseHours: 24, resolutionHours: 72 } }) },
  // meetings
  createMeeting: ADMIN_HERE,
  createMeetingSchedule: ADMIN_HERE,
  changeScheduleDate: ADMIN_HERE,
  createMeetingFromSchedule: ADMIN_HERE,
  updateMeeting: WRITER_HERE,
  addAgendaItem: WRITER_HERE,
  decideAgendaItem: WRITER_HERE,
  setMeetingRequirement: ADMIN_HERE,
  // visits, hazards, projects
  recordVisit: { ...STAFF, validatesFirst: true },
  reportHazard: FIELD_WORK_HERE,
  transitionHazard: FIELD_WORK_HERE,
  recordPatrol: FIELD_WORK_HERE,
  createPartyProject: { ...ADMIN_HERE, validatesFirst: true },
  updatePartyProject: ADMIN_HERE,
  // public decisions
  createDecision: ADMIN_HERE,
  advanceDecision: { ...ADMIN_HERE, note: 'writers over the decision’s node: 红康’s demo decision is the committee’s own, so a branch secretary’s grant does not reach it' },
  submitDecisionOpinion: { ...PUBLIC, note: 'residents give opinions without an account while a solicitation is open' },
  // service menu and talent pool
  createServiceOffer: ADMIN_HERE,
  updateServiceOffer: ADMIN_HERE,
  orderService: { ...PUBLIC, note: 'residents order without an account (点单)' },
  dispatchServiceOrder: ADMIN_HERE,
  acceptServiceOrder: { ...ADMIN_HERE, note: 'also the account the order was dispatched to' },
  completeServiceOrder: { ...ADMIN_HERE, note: 'also the account the order was dispatched to' },
  linkVolunteerAccount: ADMIN_HERE,
  createRecruitmentCall: ADMIN_HERE,
  applyToRecruitmentCall: { ...PUBLIC, note: 'the public sign-up form of a recruitment call (招募令)' },
  reviewTalentApplicant: ADMIN_HERE,
  placeTalentApplicant: ADMIN_HERE,
  createTalentTeam: ADMIN_HERE,
  // uploads and announcements
  attachMedia: ADMIN_HERE,
  detachMedia: ADMIN_HERE,
  createAnnouncement: ADMIN_HERE,
  updateAnnouncement: ADMIN_HERE,
  deleteAnnouncement: ADMIN_HERE,
};

/**
 * Plain HTTP routes (exports, imports, Open311): who the route lets in, as it declares (`staff`: a signed-in
 * account; `caller`: staff or a partner token; `public`: anyone). What each returns is filtered by the same
 * policies as the GraphQL lists.
 */
/**
 * Subscriptions (graphql-ws): who may subscribe. Each message is reloaded as the subscriber and sent only if the
 * subscriber may read it; the matrix test checks both: refused callers cannot subscribe, and what an allowed
 * caller receives is exactly what the type's policy lets it read.
 */
export const subscriptions: Record<string, FieldRule & { type: string }> = {
  demandChanged: { allow: ['staff'], type: 'Demand', note: 'staff sign-ins only; each demand as the subscriber may read it' },
  registrationChanged: { allow: ['staff'], type: 'Registration', note: 'staff who may see the registrants of the activity' },
};

export const routes: Record<string, 'staff' | 'caller' | 'public'> = {
  'GET /export/personal-data-audit.xlsx': 'staff',
  'GET /export/member-template.xlsx': 'staff',
  'POST /import/members': 'staff',
  'GET /export/members.xlsx': 'staff',
  'POST /import/households.xlsx': 'staff',
  'GET /export/households.xlsx': 'staff',
  'GET /export/household-coverage.xlsx': 'staff',
  'GET /export/households-template.xlsx': 'staff',
  'GET /export/resident-data.json': 'staff',
  'GET /export/units.xlsx': 'staff',
  'GET /export/unit-agreements.xlsx': 'staff',
  'GET /export/unit-seats.xlsx': 'staff',
  'GET /export/unit-cross-appointments.xlsx': 'staff',
  'GET /export/unit-double-reports.xlsx': 'staff',
  'GET /export/unit-evaluations.xlsx': 'staff',
  'GET /export/activities.xlsx': 'staff',
  'GET /export/activity-registrations.xlsx': 'staff',
  'GET /export/volunteers.xlsx': 'staff',
  'GET /export/volunteer-teams.xlsx': 'staff',
  'GET /export/demands.xlsx': 'staff',
  'GET /export/party-projects.xlsx': 'staff',
  'GET /export/decisions.xlsx': 'staff',
  'GET /export/service-orders.xlsx': 'staff',
  'GET /export/talent.xlsx': 'staff',
  // uploads: staff upload; a file is served to whoever may read it (public files to anyone, others by their record)
  'POST /media': 'staff',
  'GET /media/:id': 'public',
  // Open311 (GeoReport v2): public like the resident form; requests show no personal data
  'GET /open311/v2/services.:format': 'public',
  'GET /open311/v2/requests.:format': 'public',
  'GET /open311/v2/requests/:id.:format': 'public',
  'POST /open311/v2/requests.:format': 'public',
};
