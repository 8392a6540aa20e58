/** The activities module: activities, series, venues and registrations. */
import { ActivityEntity, ActivitySeriesEntity, VenueEntity } from './activity.entity.js';
import { RegistrationEntity } from './registration.entity.js';
import { activityResolvers } from './activity.resolver.js';
import { registrationResolvers } from './registration.resolver.js';
import { onSubtreeMovedToCommunity } from '../org/index.js';
import { subtreeEnd } from '../access/index.js';
import { sql } from '../../db/sql.js';

export const activityEntities = [
  VenueEntity, ActivitySeriesEntity, ActivityEntity, RegistrationEntity,
];

export const activityModuleResolvers = [...activityResolvers, ...registrationResolvers];

// Activities follow their organiser when part of the chain moves to another community; their sign-ups follow them.
onSubtreeMovedToCommunity(async (em, { path, communityId }) => {
  await sql(em, `update activity set community_id = ? where organizer_id in (select id from org_node where path >= ? and path < ?)`, [communityId, path, subtreeEnd(path)]);
  await sql(em, `update registration r set community_id = a.community_id from activity a
    where a.id = r.activity_id and r.community_id <> a.community_id and a.organizer_id in (select id from org_node where path >= ? and path < ?)`, [path, subtreeEnd(path)]);
});
