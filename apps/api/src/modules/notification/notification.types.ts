import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { NotificationKind, NotificationStatus } from './notification.entity.js';

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a message to a resident is about.',
  valuesConfig: {
    WAITLIST_PROMOTED: { description: 'Moved up from the waiting list to a seat (候补转正).' },
    ACTIVITY_CHANGED: { description: 'The activity signed up for changed: time, place or details (活动变更).' },
    ACTIVITY_CANCELLED: { description: 'The activity signed up for was cancelled (活动取消).' },
    DEMAND_REPLY: { description: "A reply to the resident's demand (诉求回复)." },
  },
});
registerEnumType(NotificationStatus, {
  name: 'NotificationStatus',
  description: 'Where a message in the outbox stands.',
  valuesConfig: {
    PENDING: { description: 'Waiting for the delivery worker (待发送), or for its next attempt.' },
    SENT: { description: 'Handed to the SMS or WeChat provider (已发送).' },
    FAILED: { description: 'Could not be delivered after several attempts (发送失败); it still shows on the code page.' },
    PAGE_ONLY: { description: 'No provider is configured: shown on the code page only (仅页面显示).' },
  },
});

@ObjectType('Notification', { description: "A message to a resident (通知), kept in the outbox: shown on the resident's code page and to staff over the activity; sent by SMS or WeChat when a provider is configured." })
export class Notification {
  @Field(() => NotificationKind, { description: 'What it is about.' }) kind: NotificationKind;
  @Field(() => String, { description: 'The text, in Chinese, as sent.' }) body: string;
  @Field(() => DateTimeResolver, { description: 'When it was written.' }) createdAt: Date;
}

@ObjectType('NotificationDelivery', { description: 'How a message was delivered (staff only).' })
export class NotificationDelivery {
  @Field(() => NotificationStatus, { description: 'Where it stands.' }) status: NotificationStatus;
  @Field(() => String, { nullable: true, description: 'The provider that handled it (none, webhook ...).' }) provider: string | null;
  @Field(() => Int, { description: 'Delivery attempts so far.' }) attempts: number;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When the provider took it.' }) sentAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' }) lastError: string | null;
}
