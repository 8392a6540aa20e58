import { error } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { api } from '$lib/server/api';
import { buildCalendar, calendarResponse } from '$lib/server/calendar';
import type { RequestHandler } from './$types';

const ActivityCalendar = graphql(`
  query ActivityCalendar($id: ID!) {
    activity(id: $id) {
      ...CalendarActivity
    }
  }
`);

export const GET: RequestHandler = async (event) => {
  const { activity } = await api(event, ActivityCalendar, { id: event.params.id });
  if (!activity) error(404, '活动不存在，或已经下线');
  const body = buildCalendar({ name: activity.title, origin: event.url.origin, activities: [activity] });
  return calendarResponse(body, 'activity.ics');
};
