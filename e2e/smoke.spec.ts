import { expect, test } from '@playwright/test';
import { appUrl, e2eGateway } from './gateway';

test('the app loads and has the clawscope title', async ({ page }) => {
  const gw = e2eGateway();
  const res = await fetch(`${gw.httpUrl}/readyz`);
  expect(res.status).toBe(200);
  await page.goto(appUrl(gw.url, gw.token));
  await expect(page).toHaveTitle('clawscope');
});
