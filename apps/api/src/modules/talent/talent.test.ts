import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { communityId } from '../activity/activity.fixtures.js';

let api: TestApi;
let admin: string;
let hongkang: string;
const tag = Date.now().toString(36);

const CREATE_CALL = `mutation($input: RecruitmentCallInput!) { createRecruitmentCall(input: $input) { call { id title open skillsWanted } userErrors { code field message } } }`;
const APPLY = `mutation($input: ApplyToRecruitmentCallInput!) { applyToRecruitmentCall(input: $input) { received callTitle userErrors { code field message } } }`;
const CREATE_TEAM = `mutation($input: TalentTeamInput!) { createTalentTeam(input: $input) { team { id name volunteerTeamId stats { memberCount problemsSolved } } userErrors { code field message } } }`;
const REVIEW = `mutation($input: ReviewTalentApplicantInput!) { reviewTalentApplicant(input: $input) { applicant { id status reviewNote volunteerId team { name } } userErrors { code field message } } }`;
const APPLICANTS = `query($c: ID!, $call: ID, $status: ApplicantStatus, $skill: String, $building: String) {
  talentApplicants(communityId: $c, callId: $call, status: $status, skill: $skill, building: $building, first: 50) { totalCount edges { node { id name phone skills status building } } } }`;
const list = async (vars: Record<string, unknown>, token: string | null = admin) => {
  const res = await api.gql(APPLICANTS, { c: hongkang, ...vars }, token);
  expect(res.errors).toBeUndefined();
  return res.data.talentApplicants.edges.map((e: any) => e.node) as any[];
};

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  hongkang = await communityId(api, '红康社区');
});
afterAll(() => api?.close());

describe('talent pool: 招募令 -> sign-up -> review -> team -> search -> counts', () => {
  it('takes sign-ups, reviews them into teams, searches the pool and counts per team', async () => {
    const call = (await api.gql(CREATE_CALL, { input: { communityId: hongkang, title: `社区能人招募令${tag}`, body: '招募矛盾调解、义诊、便民服务能人', skillsWanted: ['矛盾调解', '水电维修'], opensOn: '2026-01-01' } }, admin)).data.createRecruitmentCall;
    expect(call.userErrors).toEqual([]);
    expect(call.call.open).toBe(true);
    const team = (await api.gql(CREATE_TEAM, { input: { communityId: hongkang, name: `矛盾调解队${tag}`, focus: '邻里纠纷化解' } }, admin)).data.createTalentTeam;
    expect(team.userErrors).toEqual([]);
    expect(team.team.stats).toEqual({ memberCount: 0, problemsSolved: 0 });

    // anonymous sign-up, twice with one key: one applicant
    const input = { callId: call.call.id, name: '赵大姐', phone: '13712345678', skills: ['矛盾调解', '心理疏导'], availability: '工作日晚上', building: `8栋${tag}`, idempotencyKey: `apply-${tag}-1` };
    const first = (await api.gql(APPLY, { input })).data.applyToRecruitmentCall;
    expect(first).toEqual({ received: true, callTitle: `社区能人招募令${tag}`, userErrors: [] });
    await api.gql(APPLY, { input });
    const other = (await api.gql(APPLY, { input: { ...input, name: '钱师傅', phone: '13698765432', skills: ['水电维修'], building: null, idempotencyKey: null } })).data.applyToRecruitmentCall;
    expect(other.received).toBe(true);
    const bad = (await api.gql(APPLY, { input: { ...input, skills: [], idempotencyKey: null } })).data.applyToRecruitmentCall;
    expect(bad).toMatchObject({ received: null, userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'skills'] }] });

    const applicants = await list({ call: call.call.id });
    expect(applicants.map((a) => a.name).sort()).toEqual(['赵大姐', '钱师傅']);
    expect(applicants.find((a) => a.name === '赵大姐')).toMatchObject({ status: 'PENDING', phone: '137****5678' });
    const [{ phone }] = await api.sql<{ phone: Buffer }>(`select phone from talent_applicant where name = '赵大姐' and call_id = (select id from recruitment_call where title = ?)`, [`社区能人招募令${tag}`]);
    expect(Buffer.from(phone).toString('utf8')).not.toContain('13712345678'); // sealed at rest

    // another community's staff and anonymous callers see no applicants
    expect(await list({ call: call.call.id }, await api.login('zhenxing-admin'))).toEqual([]);
    expect(await list({ call: call.call.id }, null)).toEqual([]);

    // review: approve into the team (on the volunteer roll, in its volunteer team); reject needs a note
    const zhao = applicants.find((a) => a.name === '赵大姐');
    const qian = applicants.find((a) => a.name === '钱师傅');
    const approved = (await api.gql(REVIEW, { input: { applicantId: zhao.id, decision: 'APPROVE', teamId: team.team.id } }, admin)).data.reviewTalentApplicant;
    expect(approved.userErrors).toEqual([]);
    expect(approved.applicant).toMatchObject({ status: 'APPROVED', team: { name: `矛盾调解队${tag}` } });
    const noNote = (await api.gql(REVIEW, { input: { applicantId: qian.id, decision: 'REJECT' } }, admin)).data.reviewTalentApplicant;
    expect(noNote.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'note'] });
    const rejected = (await api.gql(REVIEW, { input: { applicantId: qian.id, decision: 'REJECT', note: '本轮名额已满' } }, admin)).data.reviewTalentApplicant;
    expect(rejected.applicant).toMatchObject({ status: 'REJECTED', reviewNote: '本轮名额已满' });
    const twice = (await api.gql(REVIEW, { input: { applicantId: zhao.id, decision: 'REJECT', note: 'x' } }, admin)).data.reviewTalentApplicant;
    expect(twice.userErrors[0].code).toBe('INVALID_STATE');

    // search the pool by skill (partial) and building
    expect((await list({ status: 'APPROVED', skill: '调解' })).map((a) => a.name)).toContain('赵大姐');
    expect((await list({ status: 'APPROVED', skill: '水电' })).map((a) => a.name)).not.toContain('钱师傅');
    expect((await list({ building: `8栋${tag}` })).map((a) => a.name)).toEqual(['赵大姐']);

    // a service order dispatched to the team's volunteer team and completed counts as a problem solved
    const stats = async () => (await api.gql(`query($c: ID!) { talentTeams(communityId: $c) { name stats { memberCount problemsSolved } } }`, { c: hongkang })).data.talentTeams.find((t: any) => t.name === `矛盾调解队${tag}`).stats;
    expect(await stats()).toEqual({ memberCount: 1, problemsSolved: 0 });
    const offer = (await api.gql(`mutation($input: ServiceOfferInput!) { createServiceOffer(input: $input) { offer { id } userErrors { message } } }`,
      { input: { communityId: hongkang, title: `邻里调解${tag}`, category: 'LEGAL', schedule: '预约', place: '党群服务中心', capacityPerWeek: 5, providerId: team.team.volunteerTeamId } }, admin)).data.createServiceOffer.offer;
    const code = (await api.gql(`mutation($input: OrderServiceInput!) { orderService(input: $input) { ticketCode } }`,
      { input: { offerId: offer.id, name: '孙先生', phone: '13500001111', address: '红康小区 8栋' } })).data.orderService.ticketCode;
    const [{ id, version }] = await api.sql<{ id: number; version: number }>(`select id, version from demand where ticket_code = ?`, [code]);
    const demandId = globalId('Demand', id);
    const step = async (m: string, input: Record<string, unknown>) => {
      const res = (await api.gql(`mutation($input: ${m[0].toUpperCase()}${m.slice(1)}Input!) { ${m}(input: $input) { demand { version } userErrors { message } } }`, { input }, admin)).data[m];
      expect(res.userErrors).toEqual([]);
      return res.demand.version as number;
    };
    let v = await step('dispatchServiceOrder', { demandId, expectedVersion: version, teamId: team.team.volunteerTeamId });
    v = await step('acceptServiceOrder', { demandId, expectedVersion: v });
    await step('completeServiceOrder', { demandId, expectedVersion: v, hours: 1, volunteerIds: [approved.applicant.volunteerId] });
    expect(await stats()).toEqual({ memberCount: 1, problemsSolved: 1 });
  });

  it('refuses sign-up to a call that has closed', async () => {
    const call = (await api.gql(CREATE_CALL, { input: { communityId: hongkang, title: `往期招募${tag}`, opensOn: '2025-01-01', closesOn: '2025-02-01' } }, admin)).data.createRecruitmentCall.call;
    const res = (await api.gql(APPLY, { input: { callId: call.id, name: '周先生', phone: '13700001111', skills: ['理发'], availability: '周末' } })).data.applyToRecruitmentCall;
    expect(res.userErrors[0].code).toBe('REGISTRATION_CLOSED');
  });
});

describe('talent pool export', () => {
  const sheet = async (query: string, token: string) => {
    const res = await fetch(`${api.url.replace(/\/graphql$/, '')}/export/talent.xlsx?${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0];
    const rows = Array.from({ length: ws.rowCount }, (_, i) => Array.from((ws.getRow(i + 1).values as unknown[]).slice(1), (v) => (v == null ? "" : String(v))));
    return { headers: rows[0], rows: rows.slice(1) };
  };

  it('exports the pool of a community the caller may read to .xlsx with Chinese headers and masked phones', async () => {
    const call = (await api.gql(CREATE_CALL, { input: { communityId: hongkang, title: `导出招募${tag}`, skillsWanted: ['理发'], opensOn: '2026-01-01' } }, admin)).data.createRecruitmentCall.call;
    const applied = (await api.gql(APPLY, { input: { callId: call.id, name: '吴师傅', phone: '13755556666', skills: ['理发', '修鞋'], availability: '周末', building: `9栋${tag}` } })).data.applyToRecruitmentCall;
    expect(applied.received).toBe(true);
    const q = `community=${encodeURIComponent(hongkang)}&call=${encodeURIComponent(call.id)}`;
    const { headers, rows } = await sheet(q, admin);
    expect(headers).toEqual(['序号', '姓名', '联系电话', '特长', '可服务时间', '网格', '楼栋', '招募令', '状态', '所在人才队伍', '审核意见', '报名时间']);
    expect(rows).toHaveLength(1);
    expect(rows[0].slice(0, 9)).toEqual(['1', '吴师傅', '137****6666', '理发、修鞋', '周末', '', `9栋${tag}`, `导出招募${tag}`, '待审核']);
    expect(JSON.stringify(rows)).not.toContain('13755556666');
    // status filters as on the screen; another community's admin exports nothing of 红康社区's pool
    expect((await sheet(`${q}&status=APPROVED`, admin)).rows).toEqual([]);
    expect((await sheet(q, await api.login('zhenxing-admin'))).rows).toEqual([]);
    const base = api.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/export/talent.xlsx?${q}&status=NOPE`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(400);
    expect((await fetch(`${base}/export/talent.xlsx`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(400);
    expect((await fetch(`${base}/export/talent.xlsx?${q}`)).status).toBe(401);
  });
});
