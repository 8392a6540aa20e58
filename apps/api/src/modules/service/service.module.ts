/** The service menu module (便民服务, 菜单式服务): offers, and orders that are demands linked to them. */
import { ServiceOfferEntity, ServiceOrderEntity } from './service.entity.js';
import { PublicDemandServiceResolver, ServiceMutationResolver, ServiceOfferFieldsResolver, ServiceOrderFieldsResolver, ServiceQueryResolver } from './service.resolver.js';

export const serviceEntities = [ServiceOfferEntity, ServiceOrderEntity];
export const serviceResolvers = [ServiceOfferFieldsResolver, ServiceOrderFieldsResolver, PublicDemandServiceResolver, ServiceQueryResolver, ServiceMutationResolver];
