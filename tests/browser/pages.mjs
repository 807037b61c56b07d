// What the test keeps of the pages it visits: full-page screenshots at a desktop and a phone
// width, and, when a step fails, what the page said and a picture of it.

import fs from 'node:fs';
import path from 'node:path';

export const desktop = { width: 1366, height: 900 };
export const phone = { width: 375, height: 812 };

export class Pages {
  constructor(browser, context, folder) {
    this.browser = browser;
    this.context = context;
    this.folder = folder;
    this.taken = [];
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
  }

  // The page as it is now at the desktop width, then the same address opened on a phone with
  // the same cookies (a message shown once after an action is not on the phone's copy).
  async shoot(page, name) {
    const number = String(this.taken.length / 2 + 1).padStart(2, '0');
    const wide = path.join(this.folder, `${number}-${name}-bureau.png`);
    await page.screenshot({ path: wide, fullPage: true });
    if (!this.phone) {
      this.phone = await this.browser.newContext({
        viewport: phone, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
        ignoreHTTPSErrors: true, locale: 'fr-FR', timezoneId: 'Europe/Paris',
      });
      this.phone_page = await this.phone.newPage();
    }
    await this.phone.clearCookies();
    await this.phone.addCookies(await this.context.cookies());
    await this.phone_page.goto(page.url());
    const narrow = path.join(this.folder, `${number}-${name}-telephone.png`);
    await this.phone_page.screenshot({ path: narrow, fullPage: true });
    this.taken.push(wide, narrow);
  }

  // Says which step failed and what the page showed; the picture goes with the screenshots.
  async report_failure(page, step, error) {
    console.error(`\nÉCHEC — ${step}\n${error.stack ?? error}`);
    if (!page || page.isClosed())
      return;
    console.error(`adresse : ${page.url()}`);
    try {
      const text = await page.locator('body').innerText({ timeout: 2_000 });
      console.error(`texte de la page :\n${text.slice(0, 3_000)}`);
      const picture = path.join(this.folder, `echec-${step.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/gi, '-')}.png`);
      await page.screenshot({ path: picture, fullPage: true });
      console.error(`capture de l'échec : ${picture}`);
    } catch (problem) {
      console.error(`(la page n'a pas pu être lue : ${problem.message})`);
    }
  }
}

// Fails with `message` unless `condition` holds.
export function expect(condition, message) {
  if (!condition)
    throw new Error(message);
}

// The page is at `pathname` (query aside), or the error shows where it is.
export function expect_at(page, pathname) {
  const url = new URL(page.url());
  expect(url.pathname === pathname, `attendu sur ${pathname}, la page est ${url.pathname}${url.search}`);
}
