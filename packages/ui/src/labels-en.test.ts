import { describe, expect, it } from 'vitest';
import { ENUM_LABELS, ENUM_LABELS_EN, enumLabel, labelsFor, SERVICE_ORDER_STATE_LABEL, SERVICE_ORDER_STATE_LABEL_EN } from './index.js';

describe('English enum labels', () => {
  for (const [name, zh] of Object.entries(ENUM_LABELS)) {
    it(`label every value of ${name} in English, and nothing else`, () => {
      const en = ENUM_LABELS_EN[name as keyof typeof ENUM_LABELS_EN] as Record<string, string>;
      expect(en, name).toBeDefined();
      expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
      for (const [value, word] of Object.entries(en)) expect(word, `${name}.${value}`).toMatch(/^[^\p{Script=Han}]+$/u);
      expect(new Set(Object.values(en)).size, name).toBe(Object.keys(en).length);
    });
  }

  it('read in the language asked for, with the Chinese tables under their usual names', () => {
    expect(enumLabel('ActivityStatus', 'PUBLISHED', 'en')).toBe('Published');
    expect(enumLabel('ActivityStatus', 'PUBLISHED')).toBe('已发布');
    expect(labelsFor('en').REGISTRATION_STATUS_LABEL.CHECKED_IN).toBe('Checked in');
    expect(labelsFor('zh-CN').REGISTRATION_STATUS_LABEL.CHECKED_IN).toBe('已签到');
    expect(labelsFor('zh-CN').MEETING_KIND_LABEL).toBe(ENUM_LABELS.MeetingKind);
    expect(labelsFor('en').DECISION_STATE_LABEL.SOLICITING).toBe('Taking opinions');
    expect(labelsFor('zh-CN').DECISION_STEP_KIND_LABEL).toBe(ENUM_LABELS.DecisionStepKind);
    expect(labelsFor('en').SERVICE_ORDER_STATE_LABEL.ACCEPTED).toBe('To dispatch');
    expect(labelsFor('zh-CN').SERVICE_ORDER_STATE_LABEL.ACCEPTED).toBe('待派单');
    expect(Object.keys(SERVICE_ORDER_STATE_LABEL_EN).sort()).toEqual(Object.keys(SERVICE_ORDER_STATE_LABEL).sort());
  });
});
