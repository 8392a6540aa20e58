import { describe, expect, it } from 'vitest';
import { failForm, failUserErrors, fieldAria, formErrors } from './forms';

const FIELDS = ['username', 'password'] as const;

describe('formErrors', () => {
  it('puts an error at the input its field path ends in, and the rest above the form', () => {
    const errors = formErrors(
      [
        { field: ['input', 'password'], message: '密码太短', code: 'INVALID_INPUT' },
        { field: ['input', 'venueId'], message: '找不到该场地', code: 'NOT_FOUND' },
        { field: null, message: '该活动已被他人修改', code: 'CONFLICT' },
      ],
      { fields: FIELDS, fallback: '保存失败' },
    );
    expect(errors).toEqual({ fields: { password: '密码太短' }, form: '找不到该场地' });
  });

  it('keeps the first message of each input and of the form', () => {
    const errors = formErrors(
      [
        { field: ['input', 'username'], message: '第一条', code: 'INVALID_INPUT' },
        { field: ['input', 'username'], message: '第二条', code: 'INVALID_INPUT' },
        { field: [], message: '表单第一条', code: 'INVALID_STATE' },
        { field: [], message: '表单第二条', code: 'INVALID_STATE' },
      ],
      { fields: FIELDS, fallback: '失败' },
    );
    expect(errors).toEqual({ fields: { username: '第一条' }, form: '表单第一条' });
  });

  it('reads messages by code, and with apiMessages off never shows the API text', () => {
    const options = {
      fields: FIELDS,
      messages: { INVALID_CREDENTIALS: '用户名或密码错误' },
      apiMessages: false,
      formCodes: ['INVALID_CREDENTIALS'],
      fallback: '登录失败，请稍后再试',
    };
    expect(formErrors([{ field: ['input', 'password'], message: 'Wrong password', code: 'INVALID_CREDENTIALS' }], options)).toEqual({
      fields: {},
      form: '用户名或密码错误',
    });
    expect(formErrors([{ field: ['input', 'username'], message: 'Unknown thing', code: 'SOMETHING_NEW' }], options)).toEqual({
      fields: { username: '登录失败，请稍后再试' },
    });
  });

  it('explains a failure without userErrors with the fallback', () => {
    expect(formErrors([], { fields: FIELDS, fallback: '签到失败，请重试' })).toEqual({ fields: {}, form: '签到失败，请重试' });
  });
});

describe('failing a form action', () => {
  it('answers 400 with errors, values and extra data', () => {
    const failure = failUserErrors([{ field: ['input', 'code'], message: '已经签到过了', code: 'INVALID_STATE' }], {
      fields: ['code'],
      fallback: '签到失败',
      values: { code: 'ABCD2345' },
      extra: { action: 'checkIn' },
    });
    expect(failure.status).toBe(400);
    expect(failure.data).toEqual({
      action: 'checkIn',
      values: { code: 'ABCD2345' },
      errors: { form: undefined, fields: { code: '已经签到过了' } },
    });
  });

  it('takes another status and a form-level message', () => {
    const failure = failForm(503, { username: 'hongkang-admin' }, { form: '暂时无法连接服务器' });
    expect(failure.status).toBe(503);
    expect(failure.data).toEqual({ values: { username: 'hongkang-admin' }, errors: { form: '暂时无法连接服务器', fields: {} } });
  });
});

describe('fieldAria', () => {
  it("points an input at its own message, or at the form's when asked", () => {
    const errors = { fields: { username: '请输入用户名' }, form: '用户名或密码错误' };
    expect(fieldAria(errors, 'username')).toEqual({ 'aria-invalid': 'true', 'aria-describedby': 'username-error' });
    expect(fieldAria(errors, 'password')).toEqual({});
    expect(fieldAria(errors, 'password', { form: true })).toEqual({ 'aria-invalid': 'true', 'aria-describedby': 'form-error' });
    expect(fieldAria(undefined, 'password', { form: true })).toEqual({});
  });
});
