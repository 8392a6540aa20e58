/** What other modules may use of the media module. */
export { AttachmentEntity, AttachmentOwnerType, MediaEntity, MediaKind, MediaVisibility } from './media.entity.js';
export { Media } from './media.types.js';
export { attachmentsOf, findVisibleMedia, loadMedia, uploadMedia } from './media.service.js';
export { inspect, toneWav } from './media.content.js';
export { LocalStore, mediaStore, S3Store, type MediaStore } from './media.store.js';
