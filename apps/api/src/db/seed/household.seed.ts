/**
 * Households of the demo communities: compounds and buildings, households with their residents (phones, ID
 * numbers, care categories sealed), the 联户 links of the member households, a few care households no member
 * links yet (real gaps in the coverage report), and 红康社区's grids: 3 level-4 and 6 level-5, each level-5 grid
 * worked by hongkang-grid1..6 (password tongxin-demo).
 */
import type { DemoCommunity, DemoHousehold } from '@tongxin/demo-data';
import { DEMO_PASSWORD } from '@tongxin/demo-data';
import { hashPassword } from '../../modules/access/access.service.js';
import { lookupHash, normalizePhone, seal } from '../../modules/privacy/index.js';
import { sql } from '../sql.js';
import { idFor, insertRows, reserveIds, type SeedContext } from './util.js';

const CARE_OF: Record<string, string> = { ELDERLY: 'ELDERLY_ALONE' };
const NOTES: Record<string, string[]> = {
  ELDERLY_ALONE: ['独居，子女在外地工作，每周上门探望一次', '独居老人，行动不便，需代购生活用品', '独居，患高血压，每日电话问候'],
  EMPTY_NEST: ['空巢老人，子女每月回家一次', '老两口同住，需帮助预约体检'],
  LOW_INCOME: ['低保户，协助办理年审', '低保户，帮助申请临时救助'],
  DISABLED: ['肢体残疾，出行需轮椅，协助办理残疾人证年审', '视力残疾，需定期上门服务'],
  HARDSHIP: ['家庭困难，主要劳动力患病', '困难家庭，子女就学需帮扶'],
  LEFT_BEHIND_CHILD: ['父母在外务工，与祖父母同住，关注课后辅导'],
};
const REGION: Record<string, string> = { hongmian: '440307', ximen: '350702', zhongnan: '350702', qixian: '350703', tongzishan: '350703', sanwanjie: '410102', yiyuan: '410102', zhenxing: '410105', hongkang: '530102' };
const GIVEN = '秀兰桂英建国志强丽华明辉晓燕子涵浩然欣怡宇轩雨萱梓豪文博佳琪思远嘉怡';
const GRID_WORKERS = ['李海燕', '王建伟', '张丽萍', '杨志红', '刘春梅', '赵永胜'];

/** A small deterministic generator: the same demo every time. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (a: number, b: number) => a + Math.floor(next() * (b - a + 1)), pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)] };
}

/** A valid 18-digit ID number (GB 11643 check character). */
function idNumber(region: string, year: number, r: ReturnType<typeof random>): string {
  const body = `${region}${year}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}${String(r.int(0, 999)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

const hex = (b: Buffer | null) => b?.toString('hex') ?? null;
const sealCare = (categories: string[], note: string) => (categories.length ? seal(JSON.stringify({ categories, note })) : null);

interface Pending { row: Record<string, unknown>; demo: DemoHousehold; care: string[] }

export async function seedHouseholds(ctx: SeedContext): Promise<void> {
  const { em } = ctx;
  const r = random(147);
  let households = 0;
  let residents = 0;
  let gaps = 0;
  for (const street of ctx.dataset.streets) {
    for (const community of street.communities) {
      const cid = idFor(ctx, 'org', community.key);
      // buildings: the building group whose member households live there answers for it
      const places = new Map<string, Map<string, number>>();
      const note = (compound: string, building: string, nodeId: number) => {
        const inCompound = places.get(compound) ?? new Map<string, number>();
        places.set(compound, inCompound);
        if (!inCompound.has(building)) inCompound.set(building, nodeId);
      };
      for (const branch of community.branches) for (const group of branch.buildingGroups) for (const mh of group.memberHouseholds) note(mh.address.compound, mh.address.building, idFor(ctx, 'org', group.key));
      for (const branch of community.branches) for (const group of branch.buildingGroups) for (const mh of group.memberHouseholds) for (const hh of mh.linkedHouseholds) note(hh.address.compound, hh.address.building, idFor(ctx, 'org', group.key));
      const compoundIds = await reserveIds(em, 'compound', places.size);
      const compoundRows = [...places.keys()].map((name, i) => ({ id: compoundIds[i], community_id: cid, org_node_id: cid, name, address: `${community.address}${name}` }));
      await insertRows(em, 'compound', compoundRows);
      const buildingRows: Record<string, unknown>[] = [];
      const buildingId = new Map<string, number>();
      for (const [i, [compound, buildings]] of [...places.entries()].entries()) {
        const ids = await reserveIds(em, 'building', buildings.size);
        [...buildings.entries()].forEach(([name, nodeId], j) => {
          buildingRows.push({ id: ids[j], community_id: cid, compound_id: compoundIds[i], org_node_id: nodeId, name });
          buildingId.set(`${compound}\u0000${name}`, ids[j]);
        });
      }
      await insertRows(em, 'building', buildingRows);

      const pending: Pending[] = [];
      let careSeen = 0;
      for (const branch of community.branches) {
        for (const group of branch.buildingGroups) {
          const groupId = idFor(ctx, 'org', group.key);
          for (const mh of group.memberHouseholds) {
            const mhId = idFor(ctx, 'org', mh.key);
            for (const hh of mh.linkedHouseholds) {
              let care = hh.careCategories.map((c) => CARE_OF[c] ?? c);
              // a few households with a left-behind child living with grandparents
              if (care.length === 0 && hh.size >= 3 && r.next() < 0.04) care = ['LEFT_BEHIND_CHILD'];
              // a few care households no member links yet: the gaps the coverage report shows
              const gap = care.length > 0 && careSeen++ % 9 === 4;
              if (gap) gaps++;
              const phone = normalizePhone(hh.phone);
              const householdCare = care.filter((c) => c !== 'LEFT_BEHIND_CHILD');
              pending.push({
                demo: hh, care,
                row: {
                  community_id: cid, org_node_id: gap ? groupId : mhId, building_id: buildingId.get(`${hh.address.compound}\u0000${hh.address.building}`),
                  unit: hh.address.unit, room: hh.address.room, head_name: hh.headName, size: hh.size,
                  phone: hex(seal(phone)), phone_hash: hex(lookupHash('phone', phone)),
                  care: hex(sealCare(householdCare, householdCare.map((c) => r.pick(NOTES[c])).join('；'))),
                },
              });
            }
          }
        }
      }
      const ids = await reserveIds(em, 'household', pending.length);
      const residentRows: Record<string, unknown>[] = [];
      pending.forEach((p, i) => {
        p.row.id = ids[i];
        residentRows.push(...residentsOf(community, p, ids[i], r));
      });
      for (let i = 0; i < pending.length; i += 500) {
        await sql(em, `insert into household (id, community_id, org_node_id, building_id, unit, room, head_name, size, phone, phone_hash, care)
          select id, community_id, org_node_id, building_id, unit, room, head_name, size, decode(phone, 'hex'), decode(phone_hash, 'hex'), decode(care, 'hex')
          from jsonb_to_recordset(?::jsonb) as x(id int, community_id int, org_node_id int, building_id int, unit text, room text, head_name text, size int, phone text, phone_hash text, care text)`,
        [JSON.stringify(pending.slice(i, i + 500).map((p) => p.row))]);
      }
      for (let i = 0; i < residentRows.length; i += 500) {
        await sql(em, `insert into resident (household_id, name, relation, birth_year, phone, phone_hash, id_number, id_number_hash, care)
          select household_id, name, relation, birth_year, decode(phone, 'hex'), decode(phone_hash, 'hex'), decode(id_number, 'hex'), decode(id_number_hash, 'hex'), decode(care, 'hex')
          from jsonb_to_recordset(?::jsonb) as x(household_id int, name text, relation text, birth_year int, phone text, phone_hash text, id_number text, id_number_hash text, care text)`,
        [JSON.stringify(residentRows.slice(i, i + 500))]);
      }
      households += pending.length;
      residents += residentRows.length;
      if (community.key === 'hongkang') await seedGrids(ctx, community, cid, buildingRows);
    }
  }
  Object.assign(ctx.counts, { households, residents, coverageGaps: gaps });
}

function residentsOf(community: DemoCommunity, p: Pending, householdId: number, r: ReturnType<typeof random>): Record<string, unknown>[] {
  const region = REGION[community.key] ?? '110101';
  const elderly = p.care.some((c) => c === 'ELDERLY_ALONE' || c === 'EMPTY_NEST');
  const headYear = elderly ? r.int(1936, 1956) : r.int(1958, 1992);
  const surname = [...p.demo.headName][0];
  const out: Record<string, unknown>[] = [];
  const person = (name: string, relation: string, year: number, phone: string | null, care: string[]) => {
    const id = idNumber(region, year, r);
    out.push({
      household_id: householdId, name, relation, birth_year: year,
      phone: hex(seal(phone)), phone_hash: phone ? hex(lookupHash('phone', phone)) : null,
      id_number: hex(seal(id)), id_number_hash: hex(lookupHash('id_number', id)),
      care: hex(sealCare(care, care.map((c) => r.pick(NOTES[c])).join('；'))),
    });
  };
  const headCare = p.care.filter((c) => c === 'ELDERLY_ALONE' || c === 'DISABLED');
  person(p.demo.headName, 'HEAD', headYear, normalizePhone(p.demo.phone), headCare);
  const given = () => r.pick([...GIVEN]) + r.pick([...GIVEN]);
  for (let k = 1; k < Math.min(p.demo.size, 6); k++) {
    if (k === 1 && p.demo.size >= 2) person(`${r.pick(['王', '李', '张', '刘', '陈', '杨'])}${given()}`, 'SPOUSE', headYear + r.int(-3, 3), `1${r.int(3, 9)}${String(r.int(0, 999999999)).padStart(9, '0')}`, []);
    else if (p.care.includes('LEFT_BEHIND_CHILD') && k === 2) person(`${surname}${given()}`, 'GRANDCHILD', r.int(2012, 2019), null, ['LEFT_BEHIND_CHILD']);
    else person(`${surname}${given()}`, 'CHILD', Math.min(headYear + r.int(22, 32), 2024), null, []);
  }
  return out;
}

/** 红康社区's grids: 3 level-4 grids of two level-5 grids each, buildings dealt out in order, a worker each. */
async function seedGrids(ctx: SeedContext, community: DemoCommunity, cid: number, buildings: Record<string, unknown>[]): Promise<void> {
  const { em } = ctx;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accountIds: number[] = [];
  for (let i = 0; i < 6; i++) {
    const [row] = await sql<{ id: number }>(em, `insert into account (username, password_hash, display_name) values (?, ?, ?) returning id`,
      [`${community.key}-grid${i + 1}`, passwordHash, `${GRID_WORKERS[i]}（网格员）`]);
    accountIds.push(row.id);
    await sql(em, `insert into access_grant (account_id, org_node_id, role) values (?, ?, 'GRID_WORKER')`, [row.id, cid]);
  }
  const gridBranches = community.branches.filter((b) => b.kind === 'GRID').map((b) => idFor(ctx, 'org', b.key));
  const names = ['第一', '第二', '第三'];
  let n = 0;
  for (let i = 0; i < 3; i++) {
    const [top] = await sql<{ id: number }>(em, `insert into grid (community_id, level, name, worker_account_id, branch_id) values (?, 4, ?, ?, ?) returning id`,
      [cid, `${names[i]}网格`, accountIds[i * 2], gridBranches[i] ?? null]);
    for (let j = 0; j < 2; j++, n++) {
      const [cell] = await sql<{ id: number }>(em, `insert into grid (community_id, parent_id, level, name, worker_account_id) values (?, ?, 5, ?, ?) returning id`,
        [cid, top.id, `${names[i]}网格${j + 1}号微网格`, accountIds[n]]);
      const mine = buildings.filter((_b, k) => k % 6 === n).map((b) => b.id as number);
      await sql(em, `insert into grid_building (grid_id, building_id) select ?, unnest(?::int[])`, [cell.id, mine]);
    }
  }
  ctx.counts.grids = 9;
}
