/** Line icons of the navigation, drawn on a 24×24 grid (stroke only). */
export const ICONS = {
  home: 'M3.5 10.5 12 3.5l8.5 7M5.5 9v11h5v-6h3v6h5V9',
  checkin: 'M8 4.5H6a1.5 1.5 0 0 0-1.5 1.5v13A1.5 1.5 0 0 0 6 20.5h12a1.5 1.5 0 0 0 1.5-1.5V6A1.5 1.5 0 0 0 18 4.5h-2M9 3.5h6v3H9zM8.5 13l2.5 2.5 4.5-5',
  org: 'M9.5 3.5h5v4h-5zM3.5 16.5h5v4h-5zM9.5 16.5h5v4h-5zM15.5 16.5h5v4h-5zM12 7.5v9M6 16.5v-3h12v3',
  more: 'M4 7h16M4 12h16M4 17h16',
  demand: 'M4.5 5h15v10.5h-8l-4 3.5v-3.5h-3zM8 9h8M8 12h5',
  activity: 'M4.5 6.5h15v13h-15zM4.5 10.5h15M8.5 4v4M15.5 4v4M8 14h3M8 17h6',
} as const;

export type IconName = keyof typeof ICONS;
