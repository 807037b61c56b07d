// Proof of display in a real headless Chromium: the live board pictures its screen under the
// runtime folder, and a site manager signed in at the console sees that picture on /etat with
// its age, kept across the page's own refreshes; when the board stops, the page says so.
//   node board_picture_e2e.mjs --kioskctl FILE --kiosk-display FILE --modules FOLDER --screenshots FOLDER
// KIOSK_DISPLAY_PRELOAD: libraries kiosk-display needs preloaded (sanitized builds).

import fs from 'node:fs';
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
const account = 'responsable';
const password = 'responsable-de-site-42';
const site = new Site({ kioskctl: options.kioskctl, kiosk_display: options['kiosk-display'],
                        display_preload: process.env.KIOSK_DISPLAY_PRELOAD,
                        day: '2026-11-26', at: '10:20' });
const runtime = path.join(site.folder, 'run');
const age_words = /^Image de \d{1,2} h( \d\d)?, il y a \d{1,2} s$/;

const failures = [];
let pages;
let page;
let base;
let browser;

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

// Resolves once the board's heartbeat names a picture, or fails after `seconds`.
async function board_pictured(seconds) {
  const file = path.join(runtime, 'board.json');
  for (const deadline = Date.now() + seconds * 1000; Date.now() < deadline;) {
    try {
      if (typeof JSON.parse(fs.readFileSync(file, 'utf8')).picture_at === 'number')
        return;
    } catch {
      // Not written yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`le tableau n'a écrit aucune image en ${seconds} s :\n` +
                  `${fs.readFileSync(path.join(site.folder, 'board.log'), 'utf8')}`);
}

// The picture on the page, once loaded: its size, its caption and how many colours it has.
async function shown_picture() {
  await page.waitForFunction(() => {
    const image = document.querySelector('figure.board-picture img');
    return image && image.complete && image.naturalWidth > 0;
  }, null, { timeout: 10_000 });
  return page.evaluate(() => {
    const image = document.querySelector('figure.board-picture img');
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set();
    for (let i = 0; i < pixels.length; i += 4 * 7)
      colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
    return {
      width: image.naturalWidth,
      height: image.naturalHeight,
      source: image.getAttribute('src'),
      caption: document.querySelector('figure.board-picture figcaption').innerText.trim(),
      board: document.querySelector('figure.board-picture').dataset.board,
      colours: colours.size,
    };
  });
}

const started = Date.now();
try {
  site.seed({ account, password });
  fs.mkdirSync(runtime, { recursive: true });
  site.start_board(site_id, runtime);
  await board_pictured(30);
  base = await site.start_console(site_id, ['--runtime-dir', runtime]);
  browser = await chromium.launch({
    executablePath: options.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=fr-FR'],
    env: { ...process.env, LANGUAGE: 'fr', LANG: 'fr_FR.UTF-8' },
  });
  const context = await browser.newContext({
    viewport: desktop, ignoreHTTPSErrors: true, locale: 'fr-FR', timezoneId: 'Europe/Paris',
  });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  pages = new Pages(browser, context, options.screenshots);

  await step('1. l\'image de l\'écran sur /etat, avec son âge', async () => {
    await page.goto(`${base}/etat`);
    expect_at(page, '/connexion');
    await page.fill('#name', account);
    await page.fill('#password', password);
    await page.click('button:has-text("Se connecter")');
    await page.goto(`${base}/etat`);
    expect_at(page, '/etat');
    const picture = await shown_picture();
    expect(picture.width === 480 && picture.height === 270,
           `image de ${picture.width} × ${picture.height}, attendu 480 × 270`);
    expect(picture.board === 'drawing', `état du tableau : ${picture.board}`);
    expect(age_words.test(picture.caption), `légende : « ${picture.caption} »`);
    // The board itself, not a blank or a placeholder.
    expect(picture.colours > 50, `seulement ${picture.colours} couleurs : l'image est-elle le tableau ?`);
    const line = await page.locator('li.health-item[data-topic="ecran"]').innerText();
    expect(line.includes('Le tableau s\'affiche'), `ligne de l'écran : ${line}`);
    await pages.shoot(page, 'etat-ecran');

    // Only for those signed in.
    const stranger = await browser.newContext({ ignoreHTTPSErrors: true });
    const reply = await stranger.request.get(`${base}${picture.source}`, { maxRedirects: 0 });
    expect(reply.status() === 303 && reply.headers().location === '/connexion',
           `image sans connexion : ${reply.status()} ${reply.headers().location}`);
    await stranger.close();
  });

  await step('2. la page se rafraîchit et garde l\'image', async () => {
    await page.evaluate(() => { document.getElementById('etat').dataset.vu = 'oui'; });
    await page.waitForFunction(() => {
      const content = document.getElementById('etat');
      return content && content.dataset.vu === undefined;
    }, null, { timeout: 10_000 });
    const picture = await shown_picture();
    expect(picture.width === 480, `image après rafraîchissement : ${picture.width} de large`);
    expect(age_words.test(picture.caption), `légende : « ${picture.caption} »`);
  });

  await step('3. le tableau arrêté est signalé, sa dernière image gardée', async () => {
    const stopped = await site.stop_board();
    expect(stopped && stopped.code === 0, `kiosk-display s'est arrêté avec ${JSON.stringify(stopped)}`);
    await page.waitForFunction(() =>
      document.querySelector('figure.board-picture')?.dataset.board === 'stopped',
    null, { timeout: 10_000 });
    const line = await page.locator('li.health-item.problem[data-topic="ecran"]').innerText();
    expect(line.includes('Le programme du tableau est arrêté'), `ligne de l'écran : ${line}`);
    const picture = await shown_picture();
    expect(picture.width === 480, 'la dernière image n\'est plus montrée');
    await pages.shoot(page, 'etat-ecran-arrete');
  });
} catch (error) {
  failures.push('préparation');
  if (pages)
    await pages.report_failure(page, 'préparation', error);
  else
    console.error(`\nÉCHEC — préparation\n${error.stack ?? error}`);
} finally {
  await browser?.close();
  await site.stop_board();
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

console.log(`${failures.length === 0 ? 'réussi' : `en échec : ${failures.join(' ; ')}`} en ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failures.length === 0 ? 0 : 1);
