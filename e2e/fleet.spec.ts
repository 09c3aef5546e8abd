import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { appUrl, connectionState, e2eGateway, openAndPair, startExtraGateway, type SandboxGateway } from './gateway';

// Several gateways: two real sandbox gateways saved in one browser, switching from the header keeps each one's
// pairing, and the fleet page shows both side by side (one full, one limited) from its own read-only probes.

let bravo: SandboxGateway;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  // Pairing needs an approval here, so this browser stays unpaired on it.
  bravo = await startExtraGateway({ config: { gateway: { nodes: { pairing: { autoApproveLocal: false } } } } });
});
test.afterAll(async () => {
  await bravo?.stop();
});

async function noAxeViolations(page: Page, include?: string) {
  const axe = new AxeBuilder({ page });
  const { violations } = await (include ? axe.include(include) : axe).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(', ')}`)).toEqual([]);
}

async function saveCurrent(page: Page, label: string) {
  await page.getByRole('button', { name: /^Gateway/ }).click();
  const menu = page.getByRole('region', { name: 'Gateways' });
  await menu.getByLabel(/^Save .* as$/).fill(label);
  if (label === 'alpha') await noAxeViolations(page, 'header');
  await menu.getByRole('button', { name: 'Save gateway' }).click();
  await expect(menu.getByRole('link', { name: new RegExp(label) })).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
}

async function switchTo(page: Page, label: string) {
  await page.getByRole('button', { name: /^Gateway/ }).click();
  await page
    .getByRole('region', { name: 'Gateways' })
    .getByRole('link', { name: new RegExp(label) })
    .click();
  await expect(page.getByRole('button', { name: new RegExp(`^Gateway\\s*${label}`) })).toBeVisible();
}

test('two saved gateways: switching keeps each pairing; the fleet shows one full, one limited', async ({ page }) => {
  test.setTimeout(90_000);
  const alpha = e2eGateway();

  await openAndPair(page, alpha);
  await saveCurrent(page, 'alpha');

  // The second gateway wants an approval for this (already keyed) browser: it waits, and stays unpaired.
  await page.goto(appUrl(bravo.url, bravo.token));
  await expect(connectionState(page)).toHaveAttribute('data-state', 'pairing-required');
  await saveCurrent(page, 'bravo');

  await switchTo(page, 'alpha');
  await expect(connectionState(page)).toHaveAttribute('data-state', 'full');
  await switchTo(page, 'bravo');
  await expect(connectionState(page)).toHaveAttribute('data-state', 'pairing-required');
  await switchTo(page, 'alpha');
  await expect(connectionState(page)).toHaveAttribute('data-state', 'full');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fleet', exact: true }).click();
  await expect(page).toHaveURL(/\/fleet\?.*probe=/);
  await expect(page.getByRole('heading', { name: 'Fleet' })).toBeVisible();

  const row = (label: string) => page.getByRole('row', { name: new RegExp(`^${label}`) });
  await expect(row('alpha').getByText('reachable', { exact: true })).toBeVisible();
  await expect(row('alpha').getByText('full', { exact: true })).toBeVisible();
  await expect(row('alpha').getByText(/^2026\.\d+\.\d+ · protocol 4$/)).toBeVisible();
  await expect(row('alpha').getByText('in use')).toBeVisible();

  await expect(row('bravo').getByText('reachable', { exact: true })).toBeVisible();
  await expect(row('bravo').getByText('limited: no scopes')).toBeVisible();
  await expect(row('bravo').getByText(/not paired: open it and pair/)).toBeVisible();
  await noAxeViolations(page);

  // Nothing secret in what the list keeps.
  const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(kept).toContain(bravo.url);
  expect(kept).not.toContain(alpha.token);
  expect(kept).not.toContain(bravo.token);

  // Opening a gateway from the fleet page is a switch too.
  await row('bravo').getByRole('link', { name: /Open/ }).click();
  await expect(connectionState(page)).toHaveAttribute('data-state', 'pairing-required');
});
