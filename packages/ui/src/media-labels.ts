/** Chinese labels of the media and announcement enums. */

export const MEDIA_KIND_LABEL = { IMAGE: '照片', AUDIO: '录音' } as const;
export const MEDIA_VISIBILITY_LABEL = { PUBLIC: '公开', PRIVATE: '不公开' } as const;
export const ANNOUNCEMENT_AUDIENCE_LABEL = { PUBLIC: '居民（公开）', MEMBERS: '党员', STAFF: '社区工作人员' } as const;
export type AnnouncementAudience = keyof typeof ANNOUNCEMENT_AUDIENCE_LABEL;

export const MEDIA_ENUM_LABELS = {
  MediaKind: MEDIA_KIND_LABEL,
  MediaVisibility: MEDIA_VISIBILITY_LABEL,
  AnnouncementAudience: ANNOUNCEMENT_AUDIENCE_LABEL,
} as const;
