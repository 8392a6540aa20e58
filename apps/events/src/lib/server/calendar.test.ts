import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { CalendarActivityFragment } from '$lib/gql/graphql';
import { buildCalendar } from './calendar';

const activity: CalendarActivityFragment = {
  id: 'QWN0aXZpdHk6MQ==',
  title: '河畔集市：义诊、普法茶水铺、京剧班展演，欢迎社区居民和共建单位踊跃参加',
  description: '现场提供免费血压测量、法律咨询和便民理发。\n请自带水杯。'.repeat(3),
  category: 'SERVICE_FAIR',
  status: 'PUBLISHED',
  sequence: 0,
  startsAt: '2025-11-28T01:00:00.000Z',
  endsAt: '2025-11-28T03:30:00.000Z',
  venue: { name: '红康社区党群服务中心', address: '深圳市龙华区民治街道红康路 88 号' },
  organizer: { id: 'o1', name: '红康社区党委' },
  coHosts: [{ id: 'u1', name: '龙华区人民医院' }],
};

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar;
}

describe('iCalendar export', () => {
  const text = buildCalendar({ name: '红康社区活动', origin: 'https://events.example.cn', activities: [activity] });

  it('starts at 09:00 Beijing time, whatever zone the phone is in', () => {
    const event = new ICAL.Event(parse(text).getFirstSubcomponent('vevent')!);
    expect(event.startDate.zone?.tzid).toBe('Asia/Shanghai');
    expect(event.startDate.toString()).toBe('2025-11-28T09:00:00');
    expect(event.startDate.toJSDate().toISOString()).toBe('2025-11-28T01:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2025-11-28T03:30:00.000Z');
    expect(text).toContain('DTSTART;TZID=Asia/Shanghai:20251128T090000');
    expect(text).toContain('BEGIN:VTIMEZONE');
  });

  it('keeps Chinese text intact and folds lines at 75 octets', () => {
    const event = new ICAL.Event(parse(text).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe(activity.title);
    expect(event.location).toBe('红康社区党群服务中心（深圳市龙华区民治街道红康路 88 号）');
    expect(event.description).toContain('详情与报名：https://events.example.cn/activities/QWN0aXZpdHk6MQ%3D%3D');
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it('stamps the event in UTC as RFC 5545 requires', () => {
    expect(text).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/m);
  });

  it('marks cancelled activities as cancelled, with the sequence the API gives, so calendars replace their copy', () => {
    const cancelled = buildCalendar({ name: 'x', origin: 'https://e', activities: [{ ...activity, status: 'CANCELLED', sequence: 3 }] });
    const event = new ICAL.Event(parse(cancelled).getFirstSubcomponent('vevent')!);
    expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.sequence).toBe(3);
    expect(new ICAL.Event(parse(text).getFirstSubcomponent('vevent')!).sequence).toBe(0);
  });
});
