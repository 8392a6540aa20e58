import { Arg, Ctx, FieldResolver, Float, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { payload } from '../../graphql/errors.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { loadNode, OrgNode } from '../org/index.js';
import { MediaEntity } from './media.entity.js';
import { AttachMediaInput, AttachMediaPayload, DetachMediaInput, durationSeconds, Media, mediaUrl } from './media.types.js';
import * as media from './media.service.js';

registerNodeType(MediaEntity, 'Media', (ctx, id) => media.findVisibleMedia(ctx, id));

const INPUT = { description: 'What to do (see the input type).' } as const;

@Resolver(() => Media)
export class MediaFieldsResolver {
  @FieldResolver(() => String, { description: 'Where to fetch the bytes: a path (`/media/<n>`) on the API and on both sites, which pass it on with the visitor\'s sign-in.' })
  url(@Root() m: MediaEntity): string { return mediaUrl(m); }

  @FieldResolver(() => Float, { nullable: true, description: 'Length of a recording in seconds (one decimal), read from the file.' })
  durationSeconds(@Root() m: MediaEntity): number | null { return durationSeconds(m); }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'The org node it belongs to.' })
  orgNode(@Root() m: MediaEntity, @Ctx() ctx: Context) { return loadNode(ctx, m.orgNodeId); }
}

@Resolver()
export class MediaMutationResolver {
  @Mutation(() => AttachMediaPayload, { description: 'Attach an uploaded file to a demand, hazard, visit, meeting, activity or announcement you may change.' })
  attachMedia(@Arg('input', () => AttachMediaInput, INPUT) input: AttachMediaInput, @Ctx() ctx: Context) {
    return payload(async () => ({ media: await media.attachMedia(ctx, input) }), { media: null });
  }

  @Mutation(() => AttachMediaPayload, { description: 'Remove a file from a record you may change (the file itself stays with its uploader).' })
  detachMedia(@Arg('input', () => DetachMediaInput, INPUT) input: DetachMediaInput, @Ctx() ctx: Context) {
    return payload(async () => ({ media: await media.detachMedia(ctx, input) }), { media: null });
  }
}
