/** Line icons of the navigation, drawn on a 24×24 grid (stroke only). */
export const ICONS = {
  home: 'M3.5 10.5 12 3.5l8.5 7M5.5 9v11h5v-6h3v6h5V9',
  checkin: 'M8 4.5H6a1.5 1.5 0 0 0-1.5 1.5v13A1.5 1.5 0 0 0 6 20.5h12a1.5 1.5 0 0 0 1.5-1.5V6A1.5 1.5 0 0 0 18 4.5h-2M9 3.5h6v3H9zM8.5 13l2.5 2.5 4.5-5',
  org: 'M9.5 3.5h5v4h-5zM3.5 16.5h5v4h-5zM9.5 16.5h5v4h-5zM15.5 16.5h5v4h-5zM12 7.5v9M6 16.5v-3h12v3',
  more: 'M4 7h16M4 12h16M4 17h16',
  demand: 'M4.5 5h15v10.5h-8l-4 3.5v-3.5h-3zM8 9h8M8 12h5',
  member: 'M12 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM5 20.5c0-3.9 3.1-6.5 7-6.5s7 2.6 7 6.5M17.5 4.5l1 1.8 2 .3-1.5 1.4.4 2-1.9-1-1.9 1 .4-2-1.5-1.4 2-.3z',
  household: 'M3.5 11 12 4l8.5 7M6 9.5V20h12V9.5M10 20v-5h4v5',
  coverage: 'M12 4.5a3 3 0 1 1 0 6 3 3 0 0 1 0-6zM5 14.5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5zM19 14.5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5zM10.5 10l-4 5M13.5 10l4 5M7.5 17h9',
  grid: 'M4 4h16v16H4zM4 12h16M12 4v16M8 12v8',
  audit: 'M6 3.5h9l3 3v14H6zM9 9h6M9 12.5h6M9 16h4',
  visit: 'M4 20.5V10l8-6.5 8 6.5v10.5h-5.5v-6h-5v6zM12 10.5v.01',
  meeting: 'M3.5 19.5h17M6 19.5v-7h12v7M8.5 9a2 2 0 1 0 0-.01M15.5 9a2 2 0 1 0 0-.01M12 7.5a2 2 0 1 0 0-.01',
  hazard: 'M12 4 3 19.5h18zM12 10v4.5M12 17v.01',
  project: 'M5 4.5h14v15H5zM8.5 9h7M8.5 12h7M8.5 15h4',
  unit: 'M4.5 20.5v-13l7.5-4 7.5 4v13M3 20.5h18M9 20.5v-4h6v4M8.5 9.5h2M13.5 9.5h2M8.5 13h2M13.5 13h2',
  activity: 'M4.5 6.5h15v13h-15zM4.5 10.5h15M8.5 4v4M15.5 4v4M8 14h3M8 17h6',
  account: 'M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM3.5 19.5c0-3.3 2.5-5.5 5.5-5.5s5.5 2.2 5.5 5.5M15 8.5h5.5M15 12h5.5M17 15.5h3.5',
} as const;

export type IconName = keyof typeof ICONS;
