/**
 * English names of the nav entries (lib/nav.ts), keyed by their href. A screen missing here shows its Chinese name
 * in English too, so a new nav entry works before its translation lands: append a line for it.
 */
export const NAV_EN: Readonly<Record<string, { label: string; short: string }>> = {
  '/': { label: 'Home', short: 'Home' },
  '/checkin': { label: 'Activity check-in', short: 'Check-in' },
  '/activities': { label: 'Activities', short: 'Events' },
  '/demands': { label: 'Demands', short: 'Demands' },
  '/members': { label: 'Party members', short: 'Members' },
  '/households': { label: 'Households', short: 'Homes' },
  '/coverage': { label: 'Household links', short: 'Links' },
  '/grids': { label: 'Grids', short: 'Grids' },
  '/audit': { label: 'Access log', short: 'Log' },
  '/visits': { label: 'Visits', short: 'Visits' },
  '/meetings': { label: 'Meetings', short: 'Meetings' },
  '/hazards': { label: 'Safety hazards', short: 'Hazards' },
  '/projects': { label: 'Party-building projects', short: 'Projects' },
  '/decisions': { label: 'Public decisions', short: 'Notices' },
  '/services': { label: 'Service menu', short: 'Services' },
  '/talent': { label: 'Talent pool', short: 'Talent' },
  '/announcements': { label: 'Announcements', short: 'News' },
  '/units': { label: 'Co-building units', short: 'Units' },
  '/accounts': { label: 'Accounts', short: 'Accounts' },
};
