/** Line icons of the navigation, drawn on a 24×24 grid (stroke only). */
export const ICONS = {
  home: 'M3.5 10.5 12 3.5l8.5 7M5.5 9v11h5v-6h3v6h5V9',
  checkin: 'M8 4.5H6a1.5 1.5 0 0 0-1.5 1.5v13A1.5 1.5 0 0 0 6 20.5h12a1.5 1.5 0 0 0 1.5-1.5V6A1.5 1.5 0 0 0 18 4.5h-2M9 3.5h6v3H9zM8.5 13l2.5 2.5 4.5-5',
  org: 'M9.5 3.5h5v4h-5zM3.5 16.5h5v4h-5zM9.5 16.5h5v4h-5zM15.5 16.5h5v4h-5zM12 7.5v9M6 16.5v-3h12v3',
  more: 'M4 7h16M4 12h16M4 17h16',
  demand: 'M4.5 5h15v10.5h-8l-4 3.5v-3.5h-3zM8 9h8M8 12h5',
  visit: 'M4 20.5V10l8-6.5 8 6.5v10.5h-5.5v-6h-5v6zM12 10.5v.01',
  meeting: 'M3.5 19.5h17M6 19.5v-7h12v7M8.5 9a2 2 0 1 0 0-.01M15.5 9a2 2 0 1 0 0-.01M12 7.5a2 2 0 1 0 0-.01',
  hazard: 'M12 4 3 19.5h18zM12 10v4.5M12 17v.01',
  project: 'M5 4.5h14v15H5zM8.5 9h7M8.5 12h7M8.5 15h4',
} as const;

export type IconName = keyof typeof ICONS;
