/**
 * The co-building tables' tenant keys: a unit's relationship is with a community committee itself (its link,
 * agreements, seats, appointments, evaluations, double reports, partner tokens), never with a node below it,
 * so a move in the chain leaves them where they are.
 */
import { registerTenantTable } from '../org/index.js';

for (const table of ['unit_community', 'agreement', 'committee_seat', 'cross_appointment', 'property_evaluation', 'double_report', 'partner_token']) {
  registerTenantTable({ table, fixed: "a co-building unit's relationship with the community committee" });
}
