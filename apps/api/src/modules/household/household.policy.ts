/**
 * Access policy of resident households (personal data, PIPL): staff whose grants cover the org node that
 * looks after the household read it; roles that need contact details (committee admin, branch secretary,
 * grid worker) see its phone and care categories in clear. Never partners or the public.
 */
import { definePolicy } from '../access/index.js';
import { PERSONAL_DATA_ROLES } from '../access/index.js';
import { underNode } from '../org/index.js';
import { HouseholdEntity } from './household.entity.js';

definePolicy<HouseholdEntity>({
  type: 'Household',
  table: 'household',
  entity: HouseholdEntity,
  read: underNode((_ctx, h) => h.orgNodeId, (t) => `${t}.org_node_id`),
  reveal: underNode((_ctx, h) => h.orgNodeId, (t) => `${t}.org_node_id`, PERSONAL_DATA_ROLES),
});
