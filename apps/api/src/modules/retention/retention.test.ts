import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { runRetention } from './retention.js';

/**
 * Retention on the seeded demo database: sign-up phones go RETENTION_REGISTRATION_DAYS after the activity,
 * archived volunteers' phones as long after archiving, resolved demands' reporter contacts after
 * RETENTION_DEMAND_CONTACT_DAYS; every clearing is audited; counts and ratings stay; a second pass does nothing.
 */
let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.close(); });

const policy = { registrationDays: 30, demandContactDays: 180 };
const count = async (text: string, params: unknown[] = []) => Number(Object.values((await api.sql(text, params))[0])[0]);

describe('the retention job', () => {
  it('clears what has been kept long enough, audits each row, keeps the statistics, and does nothing a second time', async () => {
    // two activities with sign-ups: one ended 40 days ago (its phones go), one 10 days ago (its phones stay)
    const acts = await api.sql<{ id: number }>(
      `select a.id from activity a where exists (select 1 from registration r where r.activity_id = a.id) order by a.id limit 2`);
    expect(acts.length).toBe(2);
    const [old, recent] = acts.map((a) => a.id);
    await api.sql(`update activity set starts_at = now() - interval '41 days', ends_at = now() - interval '40 days' where id = ?`, [old]);
    await api.sql(`update activity set starts_at = now() - interval '11 days', ends_at = now() - interval '10 days' where id = ?`, [recent]);
    // everything else in the future, so only these two count
    await api.sql(`update activity set starts_at = now() + interval '5 days', ends_at = now() + interval '5 days 2 hours' where id not in (?, ?) and ends_at < now()`, [old, recent]);
    // a volunteer archived 40 days ago, another archived yesterday
    const vols = await api.sql<{ id: number }>(`select id from volunteer where archived_at is null order by id limit 2`);
    await api.sql(`update volunteer set archived_at = now() - interval '40 days' where id = ?`, [vols[0].id]);
    await api.sql(`update volunteer set archived_at = now() - interval '1 day' where id = ?`, [vols[1].id]);
    // a demand resolved 200 days ago with a rating, one resolved 10 days ago, the rest open or recent
    const demands = await api.sql<{ id: number }>(`select id from demand where resident_phone is not null order by id limit 2`);
    expect(demands.length).toBe(2);
    await api.sql(`update demand set state = 'CLOSED', resolved_at = now() - interval '201 days', closed_at = now() - interval '200 days', rating = 4, rated_at = now() - interval '200 days' where id = ?`, [demands[0].id]);
    await api.sql(`update demand set state = 'RESOLVED', resolved_at = now() - interval '10 days', closed_at = null where id = ?`, [demands[1].id]);
    await api.sql(`update demand set closed_at = now(), resolved_at = now() where id not in (?, ?) and state in ('RESOLVED', 'CLOSED', 'REJECTED', 'DUPLICATE')`, [demands[0].id, demands[1].id]);

    const oldRegs = await count(`select count(*) from registration where activity_id = ?`, [old]);
    expect(oldRegs).toBeGreaterThan(0);
    const recentRegs = await count(`select count(*) from registration where activity_id = ?`, [recent]);
    const statusesBefore = await api.sql(`select activity_id, status, count(*)::int as n from registration group by 1, 2 order by 1, 2`);
    const auditBefore = await count(`select count(*) from personal_data_audit`);

    const result = await runRetention(api.orm, policy);
    expect(result).toEqual({ ran: true, registrations: oldRegs, volunteers: 1, demands: 1 });

    // sign-ups of the old activity: phone gone, name, status and the row kept; the recent activity's untouched
    expect(await count(`select count(*) from registration where activity_id = ? and phone is null and contact_cleared_at is not null`, [old])).toBe(oldRegs);
    expect(await count(`select count(*) from registration where activity_id = ? and phone is not null and contact_cleared_at is null`, [recent])).toBe(recentRegs);
    expect(await count(`select count(*) from registration where activity_id = ? and length(name) > 0`, [old])).toBe(oldRegs);
    expect(await api.sql(`select activity_id, status, count(*)::int as n from registration group by 1, 2 order by 1, 2`)).toEqual(statusesBefore);
    // volunteers: the one archived long ago only
    const v = await api.sql<{ id: number; phone: string | null }>(`select id, phone from volunteer where id = any(?::int[]) order by id`, [`{${vols[0].id},${vols[1].id}}`]);
    expect(v).toEqual([{ id: vols[0].id, phone: null }, { id: vols[1].id, phone: expect.stringMatching(/^1\d{10}$/) }]);
    // demands: the reporter's contact of the one closed 200 days ago; its state and rating stay
    const d = await api.sql<{ id: number; resident_name: Buffer | null; resident_phone: Buffer | null; state: string; rating: number | null }>(
      `select id, resident_name, resident_phone, state, rating from demand where id = any(?::int[]) order by id`, [`{${demands[0].id},${demands[1].id}}`]);
    expect(d[0]).toMatchObject({ resident_name: null, resident_phone: null, state: 'CLOSED', rating: 4 });
    expect(d[1].resident_phone).not.toBeNull();

    // one audit row per cleared record, by the system, with the rule as the reason
    const audit = await api.sql<{ record_type: string; n: number; kinds: string[]; reasons: string[] }>(
      `select record_type, count(*)::int as n, array_agg(distinct principal_kind) as kinds, array_agg(distinct reason) as reasons
       from personal_data_audit where id > (select coalesce(max(id), 0) from personal_data_audit) - ? group by record_type order by record_type`, [oldRegs + 2]);
    expect(audit).toEqual([
      { record_type: 'Demand', n: 1, kinds: ['system'], reasons: [expect.stringContaining('180 天')] },
      { record_type: 'Registration', n: oldRegs, kinds: ['system'], reasons: [expect.stringContaining('30 天')] },
      { record_type: 'Volunteer', n: 1, kinds: ['system'], reasons: [expect.stringContaining('30 天')] },
    ]);
    expect(await count(`select count(*) from personal_data_audit`)).toBe(auditBefore + oldRegs + 2);

    // idempotent: nothing more to clear, nothing more audited
    expect(await runRetention(api.orm, policy)).toEqual({ ran: true, registrations: 0, volunteers: 0, demands: 0 });
    expect(await count(`select count(*) from personal_data_audit`)).toBe(auditBefore + oldRegs + 2);

    // staff see that the phone is gone, not an error
    const admin = await api.login('hongkang-admin');
    const [reg] = await api.sql<{ id: number; community: string }>(
      `select r.id, c.name as community from registration r join org_node c on c.id = r.community_id where r.activity_id = ? order by r.id limit 1`, [old]);
    const token = reg.community.startsWith('红康') ? admin : await api.login(`${(await api.sql<{ username: string }>(`select a.username from account a join access_grant g on g.account_id = a.id where g.role = 'COMMITTEE_ADMIN' and g.org_node_id = (select community_id from registration where id = ?)`, [reg.id]))[0].username}`);
    const res = await api.gql(`query($id: ID!) { node(id: $id) { ... on Registration { phone name } } }`, { id: globalId('Registration', reg.id) }, token);
    expect(res.errors).toBeUndefined();
    expect(res.data.node.phone).toBe('已清除');
    expect(res.data.node.name).toMatch(/\*/);
  });

  it('clears a backlog of several batches in one pass, each row once', async () => {
    // 2,500 sign-ups (two and a half batches) to an activity that ended 40 days ago
    const [act] = await api.sql<{ id: number; community_id: number }>(`select id, community_id from activity order by id desc limit 1`);
    await api.sql(`update activity set starts_at = now() - interval '41 days', ends_at = now() - interval '40 days' where id = ?`, [act.id]);
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    await api.sql(
      `insert into registration (community_id, activity_id, code, name, phone, status)
       select ?, ?, 'Q' || substr(?, 1 + (g / 32768) % 32, 1) || substr(?, 1 + (g / 1024) % 32, 1) || substr(?, 1 + (g / 32) % 32, 1) || substr(?, 1 + g % 32, 1) || 'QQQ',
              '积压测试', '139' || lpad(g::text, 8, '0'), 'CONFIRMED'
       from generate_series(1, 2500) g`, [act.community_id, act.id, alphabet, alphabet, alphabet, alphabet]);
    const due = await count(`select count(*) from registration where activity_id = ? and phone is not null`, [act.id]);
    expect(due).toBeGreaterThanOrEqual(2500);
    const auditBefore = await count(`select count(*) from personal_data_audit where record_type = 'Registration'`);
    const result = await runRetention(api.orm, policy);
    expect(result.registrations).toBe(due);
    expect(await count(`select count(*) from registration where activity_id = ? and phone is not null`, [act.id])).toBe(0);
    expect(await count(`select count(*) from personal_data_audit where record_type = 'Registration'`)).toBe(auditBefore + due);
    expect(await count(`select count(*) from (select record_id from personal_data_audit where record_type = 'Registration' group by record_id having count(*) > 1) twice`)).toBe(0);
  });

  it('lets one pass run at a time across instances', async () => {
    const em = api.orm.em.fork();
    await em.transactional(async (tx) => {
      await tx.getConnection().execute(`select pg_advisory_xact_lock(hashtext('tongxin.retention'))`, [], 'all', tx.getTransactionContext());
      expect(await runRetention(api.orm, policy)).toEqual({ ran: false, registrations: 0, volunteers: 0, demands: 0 });
    });
    expect((await runRetention(api.orm, policy)).ran).toBe(true);
  });
});
