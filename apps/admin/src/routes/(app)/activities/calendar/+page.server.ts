import { query } from '$lib/server/api';
import { monthBounds, monthKey, parseMonth, shiftMonth } from '$lib/activity/calendar';
import { ActivityList } from '../queries';
import type { PageServerLoad } from './$types';
import { m } from '$lib/i18n';

/** The most activities one month shows; a busier month says so and links to the list. */
const MONTH_LIMIT = 100;

export const load: PageServerLoad = async (event) => {
  const month = parseMonth(event.url.searchParams.get('month'));
  const { from, to } = monthBounds(month);
  const { activities } = await query(event, ActivityList, {
    filter: { from: from.toISOString(), to: to.toISOString() },
    first: MONTH_LIMIT,
    after: null,
  });
  return {
    month,
    key: monthKey(month),
    previous: monthKey(shiftMonth(month, -1)),
    next: monthKey(shiftMonth(month, 1)),
    activities: activities.edges.map((e) => e.node),
    more: activities.totalCount - activities.edges.length,
    crumbs: { title: m.cal_month({ year: month.year, month: month.month }) },
  };
};
