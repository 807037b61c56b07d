// The staff console end to end in headless Chromium, as a site manager uses it: signing in,
// delaying a workshop (then reading the board), checking a visitor in, the attendance page and
// its downloads, signing out. Every action is typed or clicked in the page.
//   node console_e2e.mjs --kioskctl FILE --kiosk-display FILE --modules FOLDER --screenshots FOLDER
// KIOSK_DISPLAY_PRELOAD: libraries kiosk-display needs preloaded (sanitized builds).

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { Pages, desktop, expect, expect_at } from './pages.mjs';
import { Site } from './site.mjs';

const { values: options } = parseArgs({
  options: {
    kioskctl: { type: 'string' },
    'kiosk-display': { type: 'string' },
    modules: { type: 'string' },
    screenshots: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
for (const name of ['kioskctl', 'kiosk-display', 'modules', 'screenshots'])
  if (!options[name]) {
    console.error(`--${name} manquant`);
    process.exit(2);
  }

const { chromium } = await import(
  pathToFileURL(path.join(options.modules, 'playwright-core', 'index.mjs')).href);

const site_id = 'rennes';
// The site manager: runs the day like the front desk, and sees attendance, which staff do not.
const account = 'responsable';
const password = 'responsable-de-site-42';
const delay_minutes = 5;
// 13:40, before the 14:00 workshop: delayed to 14:05, its doors (30 min before) are open, and
// few of its visitors have come yet.
const clock = { day: '2026-11-26', at: '13:40', french: '13 h 40' };
const site = new Site({ kioskctl: options.kioskctl, kiosk_display: options['kiosk-display'],
                        display_preload: process.env.KIOSK_DISPLAY_PRELOAD,
                        day: clock.day, at: clock.at });

// Without accents, in capitals: what a receptionist types on a phone keyboard.
const plain_capitals = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();

const failures = [];
let pages;
let page;
let base;
let workshop;

async function step(name, work) {
  const started = Date.now();
  try {
    await work();
    console.log(`ok — ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    failures.push(name);
    await pages.report_failure(page, name, error);
  }
}

async function message_text() {
  return (await page.locator('main .message').first().innerText({ timeout: 5_000 })).trim();
}

// The day page through the menu, or by its address from a page without one (an error page).
async function open_day() {
  const link = page.locator('header.top nav a[href="/jour"]');
  if (await link.count() > 0)
    await link.click();
  else
    await page.goto(`${base}/jour`);
  expect_at(page, '/jour');
}

// The checked-in count of the workshop on the attendance page of the day.
async function attendance_checked_in() {
  const link = page.locator('header.top nav a[href^="/presence"]');
  if (await link.count() > 0)
    await link.first().click();
  else
    await page.goto(`${base}/presence`);
  expect_at(page, '/presence');
  const cell = page.locator(`tr[data-session="${workshop.id}"] td[data-field="checked_in"]`);
  const text = (await cell.innerText({ timeout: 5_000 })).trim();
  expect(/^\d+$/.test(text), `nombre d'entrées illisible : « ${text} »`);
  return Number(text);
}

const started = Date.now();
let browser;
try {
  site.seed({ account, password });
  workshop = site.sessions(site_id).sessions.find(
    (session) => session.uid === `demo-${site.day}-${site_id}-atelier-3`);
  expect(workshop, `l'atelier de 14 h de la démonstration manque à ${site_id}`);
  // Someone expected and not yet in, with an accent in the name: searched for without it.
  const waiting = site.tickets(workshop.id).filter((ticket) => !ticket.checked_in_at && !ticket.revoked_at);
  const visitor = waiting.find((ticket) => /[^\x00-\x7f]/.test(ticket.first_name + ticket.last_name));
  expect(visitor, `personne au nom accentué n'est attendu à « ${workshop.title} » : ${
    waiting.map((ticket) => `${ticket.first_name} ${ticket.last_name}`).join(', ')}`);
  const visitor_name = `${visitor.first_name} ${visitor.last_name}`;
  base = await site.start_console(site_id);
  console.log(`console : ${base} ; atelier « ${workshop.title} » (${workshop.id}) ; visiteur ${visitor_name}`);

  browser = await chromium.launch({
    executablePath: options.chromium,
    // French as the browser's own language too (chromium-l10n), as on the staff's phones: date
    // and time fields read 26/11/2026 and 14:00, not 11/26/2026 and 02:00 PM.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=fr-FR'],
    env: { ...process.env, LANGUAGE: 'fr', LANG: 'fr_FR.UTF-8' },
  });
  const context = await browser.newContext({
    viewport: desktop, ignoreHTTPSErrors: true, locale: 'fr-FR', timezoneId: 'Europe/Paris',
  });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  pages = new Pages(browser, context, options.screenshots);

  await step('1. connexion', async () => {
    await page.goto(`${base}/jour`);
    expect_at(page, '/connexion');
    await pages.shoot(page, 'connexion');
    await page.fill('#name', account);
    await page.fill('#password', `${password}-faux`);
    await page.click('button:has-text("Se connecter")');
    expect_at(page, '/connexion');
    const refusal = await message_text();
    expect(refusal === 'Nom ou mot de passe incorrect.', `refus attendu, la page dit « ${refusal} »`);
    await page.fill('#name', account);
    await page.fill('#password', password);
    await page.click('button:has-text("Se connecter")');
    expect_at(page, '/jour');
    const title = await page.locator('h1').innerText();
    expect(title.startsWith('Rennes'), `titre de la journée : « ${title} »`);
    await pages.shoot(page, 'journee');
  });

  const card = () => page.locator('li.session', { has: page.locator(`a[href="/session/${workshop.id}"]`) });

  await step('2. retard et tableau', async () => {
    const board_before = site.board_text(site_id);
    await card().locator('input[name="minutes"]').fill(String(delay_minutes));
    await card().locator('button:has-text("min")').click();
    expect_at(page, '/jour');
    const state = (await card().locator('.state').innerText()).trim();
    expect(state === `retardée de ${delay_minutes} min`, `état de la carte : « ${state} » ; message : « ${await message_text()} »`);
    await pages.shoot(page, 'journee-retard');
    await card().locator(`a[href="/session/${workshop.id}"]`).click();
    expect_at(page, `/session/${workshop.id}`);
    await pages.shoot(page, 'session');
    await page.goBack();
    const board = site.board_text(site_id);
    const badge = `retardé de ${delay_minutes} min`;
    const lines = board.split('\n');
    const row = lines.findIndex((line) => line.includes(workshop.title));
    expect(row >= 0, `le tableau ne montre pas « ${workshop.title} » :\n${board}`);
    // Texts are dumped top to bottom, then left to right, so the board's columns interleave: the
    // badge is a few lines below the title, and no other session of the day has this delay.
    expect(board_before.split(badge).length === 1, `« ${badge} » était déjà au tableau :\n${board_before}`);
    expect(board.split(badge).length === 2, `le tableau ne dit pas une fois « ${badge} » :\n${board}`);
    const delayed = site.sessions(site_id).sessions.filter((session) => session.delay_min === delay_minutes);
    expect(delayed.length === 1 && delayed[0].id === workshop.id,
           `sessions retardées de ${delay_minutes} min : ${delayed.map((session) => session.title).join(', ')}`);
    expect(lines.slice(row, row + 6).includes(badge), `« ${badge} » loin de l'atelier au tableau :\n${board}`);
  });

  let checked_in_before;
  await step('4a. présence avant l\'entrée', async () => {
    checked_in_before = await attendance_checked_in();
  });

  await step('3. entrée d\'un visiteur', async () => {
    await open_day();
    await card().locator('a:has-text("Visiteurs")').click();
    expect_at(page, `/session/${workshop.id}/visiteurs`);
    await pages.shoot(page, 'visiteurs');
    const typed = plain_capitals(visitor_name);
    await page.fill('#q', typed);
    await page.click('form.search button');
    expect(new URL(page.url()).searchParams.get('q') === typed, `recherche non faite : ${page.url()}`);
    const rows = page.locator('ul.visitors li.visitor');
    const names = await rows.locator('.name').allInnerTexts();
    expect(names.includes(visitor_name), `« ${typed} » ne trouve pas ${visitor_name} : ${names.join(', ')}`);
    expect(names.length < waiting.length, `la recherche n'a rien filtré : ${names.join(', ')}`);
    const row = rows.filter({ has: page.getByText(visitor_name, { exact: true }) });
    await row.locator('button:has-text("Faire entrer")').click();
    expect_at(page, `/session/${workshop.id}/visiteurs`);
    const said = await message_text();
    // Named as staff call them (first name, initial), with the session's title: never ids.
    const expected =
      `${visitor.first_name} ${[...visitor.last_name][0]}. est entré·e à « ${workshop.title} ».`;
    expect(said === expected, `après « Faire entrer », la page dit « ${said} », attendu « ${expected} »`);
    const state = (await rows.filter({ has: page.getByText(visitor_name, { exact: true }) })
      .locator('.state').innerText()).trim();
    expect(state === `entré·e à ${clock.french}`, `état du visiteur : « ${state} »`);
    await pages.shoot(page, 'visiteurs-entree');
  });

  await step('3b. au téléphone : chercher par le nom, admettre quand même, annuler aussitôt', async () => {
    // The 14:30 workshop: at 13:40 its doors (14:00) are not open yet; staff let someone in early.
    const early = site.sessions(site_id).sessions.find(
      (session) => session.uid === `demo-${site.day}-${site_id}-atelier-4`);
    expect(early, `l'atelier de 14 h 30 de la démonstration manque à ${site_id}`);
    const holder = site.tickets(early.id).find((ticket) => !ticket.checked_in_at && !ticket.revoked_at);
    expect(holder, `personne n'est attendu à « ${early.title} »`);
    const phone = await browser.newContext({
      viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true,
      ignoreHTTPSErrors: true, locale: 'fr-FR', timezoneId: 'Europe/Paris',
    });
    phone.setDefaultTimeout(15_000);
    const small = await phone.newPage();
    try {
      await small.goto(`${base}/connexion`);
      await small.fill('#name', account);
      await small.fill('#password', password);
      await small.click('button:has-text("Se connecter")');
      await small.goto(`${base}/session/${early.id}/visiteurs`);
      // The last name alone, in lower case and without its accents.
      const typed = plain_capitals(holder.last_name).toLowerCase();
      await small.fill('#q', typed);
      await small.click('form.search button');
      const full_name = `${holder.first_name} ${holder.last_name}`;
      const names = await small.locator('ul.visitors li.visitor .name').allInnerTexts();
      expect(names.includes(full_name), `« ${typed} » ne trouve pas ${full_name} : ${names.join(', ')}`);
      const row = small.locator('ul.visitors li.visitor').filter({ has: small.getByText(full_name, { exact: true }) });
      await row.locator('button:has-text("Faire entrer")').click();
      expect(await small.locator('h1').innerText() === 'Entrée refusée', 'la porte n\'a pas refusé l\'entrée avant l\'heure');
      await small.fill('#raison', 'Doit partir plus tôt');
      await small.click('button:has-text("Admettre quand même")');
      expect_at(small, `/session/${early.id}/visiteurs`);
      const short = `${holder.first_name} ${[...holder.last_name][0]}.`;
      const said = (await small.locator('main .message').first().innerText()).trim();
      expect(said === `${short} est entré·e à « ${early.title} » (admis·e quand même : Doit partir plus tôt).`,
             `après « Admettre quand même », la page dit « ${said} »`);
      const width = await small.evaluate(() => document.documentElement.scrollWidth);
      expect(width <= 375, `la page déborde du téléphone : ${width} px de large`);
      await pages.shoot(small, 'telephone-admis');
      // The wrong person? Undone from the message itself, without a second question.
      await small.click('form.offer button:has-text("Annuler cette entrée")');
      expect_at(small, `/session/${early.id}/visiteurs`);
      const undone = (await small.locator('main .message').first().innerText()).trim();
      expect(undone === `Entrée de ${short} annulée.`, `après « Annuler cette entrée », la page dit « ${undone} »`);
      expect(await small.locator('form.offer button:has-text("Faire entrer de nouveau")').count() === 1,
             'pas de « Faire entrer de nouveau » après l\'annulation');
      await pages.shoot(small, 'telephone-annule');
    } finally {
      await phone.close();
    }
  });

  await step('4b. présence, téléchargements et graphique', async () => {
    const after = await attendance_checked_in();
    expect(checked_in_before !== undefined, 'le nombre d\'entrées avant n\'a pas pu être lu');
    expect(after === checked_in_before + 1, `entrées : ${checked_in_before} avant, ${after} après`);
    for (const [extension, type] of [['csv', 'text/csv'], ['json', 'application/json']]) {
      const link = page.locator(`a[href^="/presence.${extension}"]`).first();
      const href = new URL(await link.getAttribute('href'), page.url()).href;
      const reply = await context.request.get(href);
      const body = await reply.text();
      expect(reply.status() === 200, `${href} : ${reply.status()}\n${body.slice(0, 500)}`);
      expect((reply.headers()['content-type'] ?? '').startsWith(type), `${href} : type ${reply.headers()['content-type']}`);
      if (extension === 'json')
        expect(JSON.stringify(JSON.parse(body)).includes(workshop.id), `${href} ne cite pas l'atelier`);
      else
        expect(body.trim().split('\n').length > 1, `${href} est vide :\n${body}`);
    }
    await page.waitForFunction(() => document.querySelector('img#graphique')?.complete);
    const width = await page.locator('img#graphique').evaluate((image) => image.naturalWidth);
    expect(width > 0, 'le graphique de présence ne s\'est pas chargé');
    await pages.shoot(page, 'presence');
  });

  await step('5. page d\'état', async () => {
    const reply = await page.goto(`${base}/etat`);
    expect(reply.status() === 200, `/etat : ${reply.status()}`);
    // No camera process runs beside this test: said in words, in red, first.
    const health = page.locator('section.kiosk-health');
    expect(await health.getAttribute('data-camera') === 'no_status',
           `caméra : ${await health.getAttribute('data-camera')}`);
    expect(await page.locator('p.verdict').innerText() === 'Problème',
           `verdict : ${await page.locator('p.verdict').innerText()}`);
    const first = await page.locator('li.health-item').first().innerText();
    expect(first.includes('Le programme de la caméra n\'a pas démarré.'), `première ligne : ${first}`);
    await pages.shoot(page, 'etat');
    // The page fetches itself again every few seconds and swaps its content in place.
    await page.evaluate(() => { document.getElementById('etat').dataset.vu = 'oui'; });
    await page.waitForFunction(() => {
      const content = document.getElementById('etat');
      return content && content.dataset.vu === undefined;
    }, null, { timeout: 10000 });
    expect(page.url() === `${base}/etat`, `la page a changé d'adresse : ${page.url()}`);
  });

  await step('6. déconnexion', async () => {
    await open_day();
    const old_cookie = (await context.cookies()).find((cookie) => cookie.name === 'atelier_console');
    expect(old_cookie, 'pas de cookie de connexion');
    await page.click('header.top button:has-text("Se déconnecter")');
    expect_at(page, '/connexion');
    for (const where of ['/jour', '/presence', '/etat', `/session/${workshop.id}/visiteurs`]) {
      await page.goto(`${base}${where}`);
      expect_at(page, '/connexion');
      const text = await page.locator('body').innerText();
      expect(!text.includes(workshop.title) && !text.includes(visitor_name) && !text.includes('Se déconnecter'),
             `${where} montre du contenu sans connexion :\n${text}`);
    }
    await context.addCookies([old_cookie]);
    await page.goto(`${base}/jour`);
    expect_at(page, '/connexion');
    const replay = await context.request.get(`${base}/jour`, {
      headers: { Cookie: `atelier_console=${old_cookie.value}` }, maxRedirects: 0 });
    expect(replay.status() === 303 && replay.headers().location === '/connexion',
           `l'ancien cookie rejoué : ${replay.status()} ${replay.headers().location}`);
  });
} catch (error) {
  failures.push('préparation');
  if (pages)
    await pages.report_failure(page, 'préparation', error);
  else
    console.error(`\nÉCHEC — préparation\n${error.stack ?? error}`);
} finally {
  await browser?.close();
  const stopped = await site.stop_console();
  if (stopped && (stopped.code !== 0 || stopped.signal)) {
    failures.push('arrêt de la console');
    console.error(`kioskctl serve s'est arrêté avec ${stopped.code ?? stopped.signal} :\n${site.server_output()}`);
  }
  if (failures.length === 0)
    site.remove();
  else
    console.error(`dossier du site gardé : ${site.folder}`);
}

if (pages) {
  console.log('captures :');
  for (const file of pages.taken)
    console.log(`  ${file}`);
}
console.log(`${failures.length === 0 ? 'réussi' : `en échec : ${failures.join(' ; ')}`} en ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failures.length === 0 ? 0 : 1);
