/** The media module: uploaded photos and recordings, their storage, and attachments to records. */
import './media.http.js'; // POST /media, GET /media/:id
import { AttachmentEntity, MediaEntity } from './media.entity.js';
import { MediaFieldsResolver, MediaMutationResolver } from './media.resolver.js';
import { mediaChainResolvers } from './media.chain.js';

export const mediaEntities = [MediaEntity, AttachmentEntity];
export const mediaResolvers = [MediaFieldsResolver, MediaMutationResolver, ...mediaChainResolvers];
