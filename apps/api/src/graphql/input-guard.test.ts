import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

describe('strings PostgreSQL cannot store', () => {
  it('are refused as the caller\'s mistake, in variables and in literals, on public operations too', async () => {
    const viaVariable = await api.gql(`mutation($input: RegistrationCreateInput!) { registrationCreate(input: $input) { userErrors { code } } }`,
      { input: { activityId: 'x', name: '张\u0000三', phone: '13800138000' } });
    expect(viaVariable.status).toBe(400);
    expect(viaVariable.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const viaLiteral = await api.gql(`{ activities(filter: { search: "a\\u0000b" }) { totalCount } }`);
    expect(viaLiteral.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const signIn = await api.gql(`mutation { sessionCreate(input: { username: "a\\u0000", password: "x" }) { token } }`);
    expect(signIn.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
