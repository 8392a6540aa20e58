import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123000001_foundation } from './Migration20261123000001_foundation.js';
import { Migration20261123000002_units } from './Migration20261123000002_units.js';
import { Migration20261123000003_partners } from './Migration20261123000003_partners.js';
import { Migration20261123000004_activities } from './Migration20261123000004_activities.js';
import { Migration20261123000005_partner_scope } from './Migration20261123000005_partner_scope.js';
import { Migration20261203000006_demands } from './Migration20261203000006_demands.js';
import { Migration20261203000007_members } from './Migration20261203000007_members.js';
import { Migration20261203000008_households } from './Migration20261203000008_households.js';
import { Migration20261203000009_governance } from './Migration20261203000009_governance.js';
import { Migration20261203000010_notifications } from './Migration20261203000010_notifications.js';
import { Migration20261203000011_media } from './Migration20261203000011_media.js';
import { Migration20261203000012_service_menu } from './Migration20261203000012_service_menu.js';
import { Migration20261203000013_decisions } from './Migration20261203000013_decisions.js';
import { Migration20261203000014_retention } from './Migration20261203000014_retention.js';
import { Migration20261203000015_org_rollup } from './Migration20261203000015_org_rollup.js';
import { Migration20261203000016_upcoming_activities } from './Migration20261203000016_upcoming_activities.js';
import { Migration20261203000017_demand_community_cover } from './Migration20261203000017_demand_community_cover.js';
import { Migration20261204000018_demand_open_community } from './Migration20261204000018_demand_open_community.js';

/** Every migration, in order. Listed by hand so nothing depends on file globs at run time. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261123000001_foundation', class: Migration20261123000001_foundation },
  { name: 'Migration20261123000002_units', class: Migration20261123000002_units },
  { name: 'Migration20261123000003_partners', class: Migration20261123000003_partners },
  { name: 'Migration20261123000004_activities', class: Migration20261123000004_activities },
  { name: 'Migration20261123000005_partner_scope', class: Migration20261123000005_partner_scope },
  { name: 'Migration20261203000006_demands', class: Migration20261203000006_demands },
  { name: 'Migration20261203000007_members', class: Migration20261203000007_members },
  { name: 'Migration20261203000008_households', class: Migration20261203000008_households },
  { name: 'Migration20261203000009_governance', class: Migration20261203000009_governance },
  { name: 'Migration20261203000010_notifications', class: Migration20261203000010_notifications },
  { name: 'Migration20261203000011_media', class: Migration20261203000011_media },
  { name: 'Migration20261203000012_service_menu', class: Migration20261203000012_service_menu },
  { name: 'Migration20261203000013_decisions', class: Migration20261203000013_decisions },
  { name: 'Migration20261203000014_retention', class: Migration20261203000014_retention },
  { name: 'Migration20261203000015_org_rollup', class: Migration20261203000015_org_rollup },
  { name: 'Migration20261203000016_upcoming_activities', class: Migration20261203000016_upcoming_activities },
  { name: 'Migration20261203000017_demand_community_cover', class: Migration20261203000017_demand_community_cover },
  { name: 'Migration20261204000018_demand_open_community', class: Migration20261204000018_demand_open_community },
];
