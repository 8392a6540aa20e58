/**
 * A worker on a 375 px phone attaches a photo to a demand: the 照片 section's file input (camera or album), the
 * upload through the admin server, the thumbnail served back through /media with the worker's session; a
 * non-image file with a .jpg name is refused beside the input; another community's admin cannot open the photo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, COMMUNITY_ADMIN, DEMO_PASSWORD, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../../../test/browser';

/** A 48×36 JPEG as a phone camera writes it, GPS position in its EXIF. */
const PHOTO = Buffer.from('/9j/4QD+RXhpZgAASUkqAAgAAAAHABIBAwABAAAAAQAAABoBBQABAAAAYgAAABsBBQABAAAAagAAACgBAwABAAAAAgAAABMCAwABAAAAAQAAAGmHBAABAAAAcgAAACWIBAABAAAAwAAAAAAAAAA4YwAA6AMAADhjAADoAwAABgAAkAcABAAAADAyMTABkQcABAAAAAECAwAAoAcABAAAADAxMDABoAMAAQAAAP//AAACoAQAAQAAADAAAAADoAQAAQAAACQAAAAAAAAAAgABAAIAAgAAAE4AAAACAAUAAwAAAN4AAAAAAAAAGQAAAAEAAAACAAAAAQAAAB4AAAABAAAA/9sAQwANCQoLCggNCwoLDg4NDxMgFRMSEhMnHB4XIC4pMTAuKS0sMzpKPjM2RjcsLUBXQUZMTlJTUjI+WmFaUGBKUVJP/9sAQwEODg4TERMmFRUmTzUtNU9PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09P/8AAEQgAJAAwAwEiAAIRAQMRAf/EABUAAQEAAAAAAAAAAAAAAAAAAAAD/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/EABYBAQEBAAAAAAAAAAAAAAAAAAABAv/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/ALAMqAAAAAAAAAAAAAAAA//Z', 'base64');

describe.skipIf(!browserTestsEnabled('admin demand photos'))('demand photos (Chromium)', () => {
  let harness: Harness;
  let demandId: string;

  async function gql<T = any>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
    const res = await fetch(harness.platform.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data: T; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  }
  const login = async (username: string) =>
    (await gql<any>(`mutation($i: SessionCreateInput!) { sessionCreate(input: $i) { token } }`, { i: { username, password: DEMO_PASSWORD } })).sessionCreate.token as string;

  beforeAll(async () => {
    harness = await startHarness();
    const token = await login(COMMUNITY_ADMIN);
    const found = await gql<any>(`{ demands(first: 1) { edges { node { id } } } }`, {}, token);
    demandId = found.demands.edges[0].node.id;
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('takes a photo on a 375 px phone and shows its thumbnail', async () => {
    const page = await harness.newPage({ viewport: { width: 375, height: 812 } });
    await signIn(page, COMMUNITY_ADMIN);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto(`/demands/${encodeURIComponent(demandId)}`);
    const input = page.getByLabel(/添加照片/);
    expect(await input.getAttribute('accept')).toBe('image/*');
    expect(await input.getAttribute('capture')).toBe('environment');

    // a text file named like a photo is refused beside the input
    await input.setInputFiles({ name: 'kerb.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo, just text') });
    await page.getByRole('button', { name: '上传照片' }).click();
    await expect.poll(() => page.locator('#photo-file-error').textContent()).toMatch(/无法识别|只接受/);

    await page.getByLabel(/添加照片/).setInputFiles({ name: 'kerb.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    await page.getByRole('button', { name: '上传照片' }).click();
    const thumb = page.locator('.photos img').first();
    await expect.poll(() => thumb.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectNoSeriousA11yIssues(page);

    // the photo is as private as the demand
    const src = await thumb.getAttribute('src');
    expect(src).toMatch(/^\/media\/\d+$/);
    const mine = await fetch(`${harness.platform.apiUrl}${src}`, { headers: { authorization: `Bearer ${await login(COMMUNITY_ADMIN)}` } });
    expect(mine.status).toBe(200);
    const anonymous = await fetch(`${harness.platform.apiUrl}${src}`);
    expect(anonymous.status).toBe(404);
    const other = await fetch(`${harness.platform.apiUrl}${src}`, { headers: { authorization: `Bearer ${await login('hongmian-admin')}` } });
    expect(other.status).toBe(404);
  });
});
