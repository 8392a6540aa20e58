/**
 * Access policy of the service menu.
 *
 * - ServiceOffer: a published offer that is not archived is public (the events site lists it); unpublished or
 *   archived offers are read by staff whose grants cover the community; written by the community's writing roles.
 * - Service orders are demands (modules/demand): the Demand policy decides who reads and changes them; the
 *   volunteer an order is dispatched to reads it through the demand's assigned account, and accepts and completes it
 *   through `service.service.ts` (acting as the assignee, not as staff of the community).
 */
import { anyOf, definePolicy, rule, WRITE_ROLES } from '../access/index.js';
import { underNode } from '../org/index.js';
import { ServiceOfferEntity } from './service.entity.js';

definePolicy<ServiceOfferEntity>({
  type: 'ServiceOffer',
  table: 'service_offer',
  entity: ServiceOfferEntity,
  read: anyOf(
    rule<ServiceOfferEntity>((_ctx, o) => o.published && o.archivedAt == null, (_ctx, t) => ({ sql: `(${t}.published and ${t}.archived_at is null)`, params: [] })),
    underNode((_ctx, o) => o.communityId, (t) => `${t}.community_id`),
  ),
  write: underNode((_ctx, o) => o.communityId, (t) => `${t}.community_id`, WRITE_ROLES),
});
