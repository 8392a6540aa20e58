/** What other modules may use of the service menu module. */
export { ServiceAssigneeKind, ServiceCategory, ServiceOfferEntity, ServiceOrderEntity, ServiceProviderKind } from './service.entity.js';
export { loadOffer, orderOf } from './service.service.js';
