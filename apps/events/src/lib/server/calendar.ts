import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { graphql } from '$lib/gql';
import type { CalendarActivityFragment } from '$lib/gql/graphql';
import { CATEGORY_LABELS } from '$lib/labels';
import { TIME_ZONE, zoned } from '$lib/format';

export const CalendarActivity = graphql(`
  fragment CalendarActivity on Activity {
    id
    title
    description
    category
    status
    sequence
    startsAt
    endsAt
    venue {
      name
      address
    }
    organizer {
      id
      name
    }
    coHosts {
      id
      name
    }
  }
`);

function vtimezone(name: string): string | null {
  const block = tzlib_get_ical_block(name);
  return Array.isArray(block) && block[0] ? block[0] : null;
}

export interface CalendarOptions {
  name: string;
  description?: string;
  /** Origin of the events site, for links back to each activity. */
  origin: string;
  activities: CalendarActivityFragment[];
  /** Refresh hint for subscribed calendars, in seconds. */
  ttl?: number;
}

/**
 * An iCalendar document with every event in Beijing time: DTSTART;TZID=Asia/Shanghai plus the
 * VTIMEZONE block, so phones in any zone show the right hour. The calendar itself gets no default
 * zone on purpose: ical-generator would then write DTSTAMP without its required UTC "Z".
 */
export function buildCalendar(options: CalendarOptions): string {
  const calendar = ical({
    name: options.name,
    description: options.description,
    prodId: { company: 'Tongxin', product: 'Community Events', language: 'ZH' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: null, generator: vtimezone },
    ttl: options.ttl,
  });
  for (const activity of options.activities) {
    const url = `${options.origin}/activities/${encodeURIComponent(activity.id)}`;
    const hosts = [activity.organizer.name, ...activity.coHosts.map((unit) => unit.name)].join('、');
    calendar.createEvent({
      id: `${activity.id}@tongxin`,
      start: zoned(activity.startsAt),
      end: zoned(activity.endsAt),
      timezone: TIME_ZONE,
      summary: activity.title,
      description: `${activity.description}\n\n主办：${hosts}\n详情与报名：${url}`,
      location: activity.venue ? `${activity.venue.name}（${activity.venue.address}）` : null,
      url,
      categories: [{ name: CATEGORY_LABELS[activity.category] }],
      status: activity.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      // raised by the API with every edit and the cancellation: calendars replace only a higher SEQUENCE
      sequence: activity.sequence,
    });
  }
  return calendar.toString();
}

export function calendarResponse(body: string, filename?: string): Response {
  const headers: Record<string, string> = {
    'content-type': 'text/calendar; charset=utf-8',
    'cache-control': 'public, max-age=300',
  };
  if (filename) headers['content-disposition'] = `attachment; filename="${filename}"`;
  return new Response(body, { headers });
}
