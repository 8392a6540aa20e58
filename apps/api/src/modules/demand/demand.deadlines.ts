/**
 * Deadlines of resident demands. The first response (accept, decline, or a public reply) is due within 24 hours
 * everywhere by default (矛盾不过夜: no dispute left overnight); resolution depends on the category. A community
 * may set its own hours per category (`demand_deadline`); they apply to demands taken in afterwards (and to the
 * resolution deadline set again when a demand is reopened).
 *
 * Hours are elapsed hours, not working hours: the deadlines are instants and need no calendar, so no time zone
 * enters here. Display in Asia/Shanghai is the front ends' business.
 */
import { DemandCategory } from './demand.entity.js';

export const DEFAULT_FIRST_RESPONSE_HOURS = 24;

/** Default resolution hours per category. */
export const DEFAULT_RESOLUTION_HOURS: Record<DemandCategory, number> = {
  SAFETY: 72, // hazards: 3 days
  NEIGHBOUR_DISPUTE: 72, // disputes: 3 days
  ELDERLY_CARE: 72, // care for the elderly: 3 days
  ENVIRONMENT: 120, // sanitation, clutter: 5 days
  PROPERTY: 168, // property management: 7 days
  OTHER: 168, // 7 days
  FACILITIES: 360, // repairs of public facilities, often with a co-building unit: 15 days
};

/** An overdue demand already escalated to level 1 goes on to level 2 when still overdue this much later. */
export const ESCALATION_STEP_HOURS = 24;

export interface Deadline { category: DemandCategory; firstResponseHours: number; resolutionHours: number; custom: boolean }

export function defaultDeadline(category: DemandCategory): Deadline {
  return { category, firstResponseHours: DEFAULT_FIRST_RESPONSE_HOURS, resolutionHours: DEFAULT_RESOLUTION_HOURS[category], custom: false };
}

export const addHours = (from: Date, hours: number) => new Date(from.getTime() + hours * 3_600_000);
