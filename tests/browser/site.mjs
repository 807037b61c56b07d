// The real programs around the browser: a demo database made with kioskctl in a temporary
// folder, `kioskctl serve` on a free loopback port with its clock frozen, and the board's
// model read back from kiosk-display.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// kioskctl must work with no X display and no site configuration from the caller.
const quiet_environment = { ...process.env, DISPLAY: '', KIOSK_DB: '', KIOSK_CONFIG: '' };

export class Site {
  constructor({ kioskctl, kiosk_display, display_preload, day, at }) {
    this.kioskctl = kioskctl;
    this.kiosk_display = kiosk_display;
    this.display_preload = display_preload;
    this.day = day;
    this.at = `${day} ${at}`;
    this.folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-browser-'));
    this.database = path.join(this.folder, 'kiosk.db');
  }

  // Runs kioskctl on the site's database at the frozen instant; its output, or an error that
  // shows what it said.
  run(args, input = '') {
    const result = spawnSync(this.kioskctl, ['--db', this.database, '--at', this.at, ...args], {
      input,
      env: quiet_environment,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (result.status !== 0)
      throw new Error(`kioskctl ${args.join(' ')} a échoué (${result.status ?? result.signal}) :\n` +
                      `${result.stdout}${result.stderr}${result.error ?? ''}`);
    return result.stdout;
  }

  json(args) { return JSON.parse(this.run([...args, '--json'])); }

  seed({ account, password }) {
    this.run(['init']);
    this.run(['demo', '--date', this.day]);
    this.run(['staff', 'add', account, '--role', 'manager'], `${password}\n`);
  }

  sessions(site) { return this.json(['session', 'list', '--site', site, '--date', this.day]); }

  tickets(session) { return this.json(['ticket', 'list', '--session', session]); }

  // Starts the console and resolves with its address once it has printed it. `more`: further
  // options of `kioskctl serve`.
  start_console(site, more = []) {
    const log = path.join(this.folder, 'serve.log');
    this.server = spawn(this.kioskctl, ['--db', this.database, '--at', this.at, 'serve', '--site',
                                        site, '--listen', '127.0.0.1:0', ...more],
                        { env: quiet_environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => {
      output += chunk;
      fs.appendFileSync(log, chunk);
    };
    this.server.stdout.on('data', keep);
    this.server.stderr.on('data', keep);
    this.server_output = () => output;
    this.server_exit = new Promise((resolve) =>
      this.server.on('exit', (code, signal) => resolve({ code, signal })));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`la console n'a pas démarré en 30 s :\n${output}`)),
                               30_000);
      const look = () => {
        const match = output.match(/console : https:\/\/127\.0\.0\.1:(\d+)\//);
        if (match) {
          clearTimeout(timer);
          resolve(`https://127.0.0.1:${match[1]}`);
        }
      };
      this.server.stdout.on('data', look);
      this.server_exit.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`kioskctl serve s'est arrêté (${code ?? signal}) :\n${output}`));
      });
    });
  }

  // Stops the console as systemd would; a sanitizer report at exit makes the code non-zero.
  async stop_console() {
    if (!this.server || this.server.exitCode !== null || this.server.signalCode !== null)
      return this.server ? { code: this.server.exitCode, signal: this.server.signalCode } : null;
    this.server.kill('SIGTERM');
    const killer = setTimeout(() => this.server.kill('SIGKILL'), 15_000);
    const result = await this.server_exit;
    clearTimeout(killer);
    return result;
  }

  // The text the board shows at the frozen instant, as kiosk-display's --dump-model writes it.
  board_text(site) {
    if (!process.env.DISPLAY)
      throw new Error('kiosk-display a besoin d\'un écran X : lancez les tests sous xvfb-run');
    const dump = path.join(this.folder, 'board.txt');
    const environment = { ...process.env, KIOSK_DB: '', KIOSK_CONFIG: '' };
    if (this.display_preload)
      environment.LD_PRELOAD = this.display_preload;
    const result = spawnSync(this.kiosk_display,
                             ['--db', this.database, '--site', site, '--at', this.at, '--size',
                              '1920x1080', '--screenshot', path.join(this.folder, 'board.png'),
                              '--dump-model', dump],
                             { env: environment, encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0)
      throw new Error(`kiosk-display a échoué (${result.status ?? result.signal}) :\n` +
                      `${result.stdout}${result.stderr}`);
    return fs.readFileSync(dump, 'utf8');
  }

  // The live board in a window at the frozen instant, writing its heartbeat and picture under
  // `runtime`; stopped with stop_board().
  start_board(site, runtime) {
    if (!process.env.DISPLAY)
      throw new Error('kiosk-display a besoin d\'un écran X : lancez les tests sous xvfb-run');
    const environment = { ...process.env, KIOSK_DB: '', KIOSK_CONFIG: '' };
    if (this.display_preload)
      environment.LD_PRELOAD = this.display_preload;
    const log = fs.openSync(path.join(this.folder, 'board.log'), 'a');
    this.board = spawn(this.kiosk_display,
                       ['--db', this.database, '--site', site, '--at', this.at, '--windowed',
                        '--size', '1280x720', '--runtime-dir', runtime],
                       { env: environment, stdio: ['ignore', log, log] });
    this.board_exit = new Promise((resolve) =>
      this.board.on('exit', (code, signal) => resolve({ code, signal })));
  }

  async stop_board() {
    if (!this.board || this.board.exitCode !== null || this.board.signalCode !== null)
      return this.board ? { code: this.board.exitCode, signal: this.board.signalCode } : null;
    this.board.kill('SIGTERM');
    const killer = setTimeout(() => this.board.kill('SIGKILL'), 15_000);
    const result = await this.board_exit;
    clearTimeout(killer);
    return result;
  }

  remove() { fs.rmSync(this.folder, { recursive: true, force: true }); }
}
