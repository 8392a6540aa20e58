/**
 * The activity editor's form: its fields, reading them back from a submission, and the API input they become.
 * Times are Beijing wall-clock (`datetime-local`); recurrence is offered as the community uses it: every week on
 * the first occurrence's weekday (每周五), monthly on the same day (每月15日) or the same weekday (每月第一个周六).
 */
import type { ActivityAudience, ActivityCategory, ActivityCreateInput, ActivityUpdateInput } from '$lib/gql/graphql';
import { fromLocalInput, toLocalInput } from './time';
import { m } from '../i18n';

export const CATEGORIES = [
  'PARTY_DAY', 'VOLUNTEER_SERVICE', 'SERVICE_FAIR', 'LEGAL_AID', 'HEALTH_CLINIC', 'CULTURE', 'LECTURE', 'SPORTS', 'OTHER',
] as const satisfies readonly ActivityCategory[];
export const AUDIENCES = ['PUBLIC', 'MEMBERS_ONLY'] as const satisfies readonly ActivityAudience[];
export const REPEATS = ['NONE', 'WEEKLY', 'MONTHLY_DAY', 'MONTHLY_WEEKDAY'] as const;
export type Repeat = (typeof REPEATS)[number];
/** Read at render time: each label is in the language of the request or page. */
export const REPEAT_LABEL: Readonly<Record<Repeat, string>> = {
  get NONE() { return m.act_repeat_none(); },
  get WEEKLY() { return m.act_repeat_weekly(); },
  get MONTHLY_DAY() { return m.act_repeat_monthly_day(); },
  get MONTHLY_WEEKDAY() { return m.act_repeat_monthly_weekday(); },
};

export const EDITOR_FIELDS = [
  'organizerId', 'title', 'category', 'description', 'venueId', 'startsAt', 'endsAt', 'capacity',
  'registrationOpensAt', 'registrationClosesAt', 'audience', 'coverImageUrl', 'coHostIds', 'repeat', 'count', 'expectedVersion',
] as const;
export type EditorField = (typeof EDITOR_FIELDS)[number];

export interface EditorValues {
  organizerId: string;
  title: string;
  category: string;
  description: string;
  venueId: string;
  startsAt: string;
  endsAt: string;
  capacity: string;
  registrationOpensAt: string;
  registrationClosesAt: string;
  audience: string;
  coverImageUrl: string;
  coHostIds: string[];
  repeat: Repeat;
  count: string;
  expectedVersion: string;
}

export function emptyValues(organizerId = ''): EditorValues {
  return {
    organizerId, title: '', category: 'VOLUNTEER_SERVICE', description: '', venueId: '', startsAt: '', endsAt: '', capacity: '',
    registrationOpensAt: '', registrationClosesAt: '', audience: 'PUBLIC', coverImageUrl: '', coHostIds: [], repeat: 'NONE', count: '8', expectedVersion: '',
  };
}

/** The editor filled in from an activity being edited. */
export function valuesOf(a: {
  title: string; category: string; description: string; startsAt: string; endsAt: string; capacity?: number | null;
  registrationOpensAt?: string | null; registrationClosesAt?: string | null; audience: string; coverImageUrl?: string | null;
  version: number; venue?: { id: string } | null; organizer: { id: string }; coHosts: { id: string }[];
}): EditorValues {
  return {
    organizerId: a.organizer.id, title: a.title, category: a.category, description: a.description, venueId: a.venue?.id ?? '',
    startsAt: toLocalInput(a.startsAt), endsAt: toLocalInput(a.endsAt), capacity: a.capacity == null ? '' : String(a.capacity),
    registrationOpensAt: toLocalInput(a.registrationOpensAt), registrationClosesAt: toLocalInput(a.registrationClosesAt),
    audience: a.audience, coverImageUrl: a.coverImageUrl ?? '', coHostIds: a.coHosts.map((u) => u.id), repeat: 'NONE', count: '8',
    expectedVersion: String(a.version),
  };
}

export function readValues(form: FormData): EditorValues {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const repeat = text('repeat');
  return {
    organizerId: text('organizerId'), title: text('title'), category: text('category'), description: text('description'),
    venueId: text('venueId'), startsAt: text('startsAt'), endsAt: text('endsAt'), capacity: text('capacity'),
    registrationOpensAt: text('registrationOpensAt'), registrationClosesAt: text('registrationClosesAt'), audience: text('audience'),
    coverImageUrl: text('coverImageUrl'), coHostIds: form.getAll('coHostIds').map(String).filter(Boolean).slice(0, 20),
    repeat: (REPEATS as readonly string[]).includes(repeat) ? (repeat as Repeat) : 'NONE', count: text('count'), expectedVersion: text('expectedVersion'),
  };
}

type Checked = { fields: Partial<Record<EditorField, string>>; times: Record<'startsAt' | 'endsAt' | 'registrationOpensAt' | 'registrationClosesAt', Date | null>; capacity: number | null; count: number | null };

/** What the browser can tell before asking the API: missing or malformed values, in plain Chinese. */
export function checkValues(v: EditorValues, mode: 'create' | 'edit'): Checked {
  const fields: Checked['fields'] = {};
  if (mode === 'create' && !v.organizerId) fields.organizerId = m.ae_v_organizer();
  if (!v.title) fields.title = m.ae_v_title();
  else if ([...v.title].length > 100) fields.title = m.ae_v_title_long();
  if (!(CATEGORIES as readonly string[]).includes(v.category)) fields.category = m.ae_v_category();
  if (!(AUDIENCES as readonly string[]).includes(v.audience)) fields.audience = m.ae_v_audience();
  const times = {
    startsAt: fromLocalInput(v.startsAt), endsAt: fromLocalInput(v.endsAt),
    registrationOpensAt: fromLocalInput(v.registrationOpensAt), registrationClosesAt: fromLocalInput(v.registrationClosesAt),
  };
  if (!times.startsAt) fields.startsAt = m.ae_v_starts();
  if (!times.endsAt) fields.endsAt = m.ae_v_ends();
  else if (times.startsAt && times.endsAt <= times.startsAt) fields.endsAt = m.ae_v_order();
  if (v.registrationOpensAt && !times.registrationOpensAt) fields.registrationOpensAt = m.ae_v_opens();
  if (v.registrationClosesAt && !times.registrationClosesAt) fields.registrationClosesAt = m.ae_v_closes();
  let capacity: number | null = null;
  if (v.capacity) {
    capacity = Number(v.capacity);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 100_000) fields.capacity = m.ae_v_capacity();
  }
  if (v.coverImageUrl && !/^https?:\/\/\S+$/i.test(v.coverImageUrl)) fields.coverImageUrl = m.ae_v_cover();
  let count: number | null = null;
  if (mode === 'create' && v.repeat !== 'NONE') {
    count = Number(v.count);
    if (!Number.isInteger(count) || count < 2 || count > 52) fields.count = m.ae_v_count();
  }
  return { fields, times, capacity, count };
}

export function createInput(v: EditorValues, c: Checked): ActivityCreateInput {
  return {
    organizerId: v.organizerId,
    title: v.title,
    category: v.category as ActivityCategory,
    description: v.description || null,
    venueId: v.venueId || null,
    startsAt: c.times.startsAt!.toISOString(),
    endsAt: c.times.endsAt!.toISOString(),
    capacity: c.capacity,
    registrationOpensAt: c.times.registrationOpensAt?.toISOString() ?? null,
    registrationClosesAt: c.times.registrationClosesAt?.toISOString() ?? null,
    audience: v.audience as ActivityAudience,
    coHostIds: v.coHostIds,
    coverImageUrl: v.coverImageUrl || null,
    recurrence: v.repeat === 'NONE' ? null : {
      frequency: v.repeat === 'WEEKLY' ? 'WEEKLY' : 'MONTHLY',
      interval: 1,
      count: c.count,
      monthlyBy: v.repeat === 'MONTHLY_DAY' ? 'DAY_OF_MONTH' : 'WEEKDAY_OF_MONTH',
    },
  };
}

export function updateInput(id: string, v: EditorValues, c: Checked): ActivityUpdateInput {
  const version = Number(v.expectedVersion);
  return {
    id,
    title: v.title,
    category: v.category as ActivityCategory,
    description: v.description,
    venueId: v.venueId || null,
    startsAt: c.times.startsAt!.toISOString(),
    endsAt: c.times.endsAt!.toISOString(),
    capacity: c.capacity,
    registrationOpensAt: c.times.registrationOpensAt?.toISOString() ?? null,
    registrationClosesAt: c.times.registrationClosesAt?.toISOString() ?? null,
    audience: v.audience as ActivityAudience,
    coHostIds: v.coHostIds,
    coverImageUrl: v.coverImageUrl || null,
    expectedVersion: Number.isInteger(version) && version > 0 ? version : null,
  };
}

/** API field names that are not the form's input names. */
export function editorField(path: readonly string[] | null | undefined): readonly string[] | null | undefined {
  const last = path?.at(-1);
  if (last === 'until' || last === 'interval') return ['input', 'count'];
  if (last === 'id') return null;
  return path;
}

export interface Organizer { id: string; name: string; communityId: string }
export interface CommunityOptions { id: string; name: string; venues: { id: string; name: string }[]; units: { id: string; name: string }[] }
/** What the editor offers: organisers the person manages, and each community's venues and co-building units. */
export interface EditorChoiceSet { organizers: Organizer[]; communities: CommunityOptions[] }
