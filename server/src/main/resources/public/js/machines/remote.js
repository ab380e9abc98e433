/**
 * The remote-access part of machines.html: after Connect, asks for the computer's access
 * password, runs the access handshake (access.js) and shows the computer's screen to control.
 * The password is read from its field once, the field emptied at once, and handed only to the
 * handshake. The screen stays hidden until the computer proved it knows the password and
 * confirmed the connection's keys with it, and hides again while a new key is unconfirmed, so
 * nothing a relay might send on its own is shown and nothing typed can reach it.
 */
import { byId, showError } from '../ui.js';
import { ScreenView } from '../session/screen-view.js';

const LET_IN_WAIT_MS = 15_000;

/** The relay's ws(s) URL for a connect answer {ticket, relayPath}; the ticket rides in the query, as the relay wants. */
function relayUrl({ ticket, relayPath }) {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const path = /[?&]ticket=/.test(relayPath) ? relayPath
    : relayPath + (relayPath.includes('?') ? '&' : '?') + 'ticket=' + encodeURIComponent(ticket);
  return scheme + '//' + window.location.host + path;
}

export class RemotePanel {
  #connect;
  #onBack;
  #screen = null;
  #access = null;
  #machine = null;
  #phase = 'password'; // 'password' | 'checking' | 'letting-in' | 'in'
  #ending = null; // {title, text} when the page itself ends the connection, saying why
  #wasIn = false;
  #letInTimer = null;

  /**
   * @param {{connect: (machine) => Promise<{ticket: string, relayPath: string}>, onBack: (machine) => void}} hooks
   *   asking the server for a new connection ("Connect again"), going back to the list
   */
  constructor({ connect, onBack }) {
    this.#connect = connect;
    this.#onBack = onBack;
    byId('password-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#unlock();
    });
    byId('cancel-connect').addEventListener('click', () => this.#back());
    byId('disconnect').addEventListener('click', () => this.#access?.leave());
    byId('back-to-list').addEventListener('click', () => this.#back());
    byId('reconnect').addEventListener('click', () => this.#reconnect());
    window.addEventListener('pagehide', () => this.#access?.leave());
  }

  /**
   * Shows the panel for `machine` and opens its relay with the server's connect answer. The
   * handshake's code loads only now: the list works even where it cannot.
   */
  async open(machine, grant) {
    const { RemoteAccess } = await import('./access.js');
    this.#machine = machine;
    this.#phase = 'password';
    this.#ending = null;
    this.#wasIn = false;
    this.#screen ??= new ScreenView({ anyViewerSwitches: true });
    const access = new RemoteAccess({ machineId: machine.id, url: relayUrl(grant) });
    this.#access = access;
    this.#screen.attach(access.view);
    access.view.addEventListener('change', () => {
      if (this.#access === access) this.#changed();
    });
    access.session.addEventListener('closed', (event) => {
      if (this.#access === access) this.#ended(event.detail);
    });
    access.addEventListener('unproven', (event) => {
      if (this.#access === access) this.#endWith('Disconnected from ' + machine.name, event.detail.message);
    });
    document.title = machine.name + ' – remote access – Parley';
    byId('machines').hidden = true;
    byId('remote-ended').hidden = true;
    byId('remote').hidden = false;
    byId('remote-name').textContent = machine.name;
    byId('password-form').hidden = false;
    byId('screen-area').hidden = true;
    byId('password-error').textContent = '';
    this.#render();
    byId('access-password').focus();
    access.connect().catch((failed) => {
      console.warn('remote access could not start', failed);
      if (access === this.#access) this.#endWith('Could not connect to ' + machine.name,
        'This browser could not start the encrypted connection. Please use a current version of Chrome, Edge, Firefox or Safari.');
    });
  }

  async #unlock() {
    const field = byId('access-password');
    const alert = byId('password-error');
    const password = field.value;
    field.value = '';
    alert.textContent = '';
    if (password === '') {
      alert.textContent = 'Enter the access password of ' + this.#machine.name + '.';
      field.focus();
      return;
    }
    const access = this.#access;
    this.#phase = 'checking';
    this.#render();
    try {
      await access.unlock(password);
    } catch (refused) {
      if (access !== this.#access || access.closed) return; // the closed event tells what happened
      this.#refused(refused);
      return;
    }
    if (access !== this.#access) return;
    this.#phase = 'letting-in';
    this.#letInTimer = setTimeout(() => {
      if (access === this.#access && !access.in) {
        this.#endWith('Could not connect to ' + this.#machine.name, 'The computer accepted the password but did not let you in. Try again in a moment.');
      }
    }, LET_IN_WAIT_MS);
    this.#changed();
  }

  #refused(refused) {
    const known = refused?.name === 'AccessRefused';
    if (!known) console.warn('remote access: the password check failed', refused);
    const message = known ? refused.message : 'The password could not be checked. Please try again.';
    if (known && refused.final) {
      this.#endWith(this.#machine.name + ' did not let you in', message);
      return;
    }
    this.#phase = 'password';
    this.#render();
    const alert = byId('password-error');
    alert.textContent = message;
    byId('access-password').focus();
  }

  #changed() {
    const access = this.#access;
    if (this.#phase === 'letting-in' && access.in) {
      this.#phase = 'in';
      this.#wasIn = true;
      clearTimeout(this.#letInTimer);
      byId('password-form').hidden = true;
      byId('screen-area').hidden = false;
      byId('remote-name').focus();
    } else if (this.#phase === 'in') {
      byId('screen-area').hidden = !access.trusted; // a new key, not yet confirmed by the computer
    }
    if (this.#wasIn && access.agent === null) {
      this.#endWith(this.#machine.name + ' went offline', 'Its Parley agent stopped or lost its connection. You can connect again once it is back.');
      return;
    }
    this.#render();
  }

  #render() {
    const name = this.#machine.name;
    const s = this.#access.session;
    let text;
    if (this.#phase === 'in' && !this.#access.trusted) text = 'Checking the connection’s new keys with ' + name + '…';
    else if (this.#phase === 'in') text = 'Connected to ' + name + '. What you see and type is end-to-end encrypted between this browser and the computer.';
    else if (this.#phase === 'letting-in') text = 'Password accepted. ' + name + ' is letting you in…';
    else if (this.#phase === 'checking') text = 'Checking the access password with ' + name + '…';
    else if (!s.connected) text = 'Connecting to ' + name + '…';
    else if (this.#access.agent === null) text = 'Waiting for ' + name + ' to answer…';
    else text = name + ' is online. Enter its access password to connect.';
    const status = byId('remote-status');
    status.textContent = text;
    status.classList.toggle('is-waiting', this.#phase !== 'in' || !this.#access.trusted);
    const busy = this.#phase === 'checking' || this.#phase === 'letting-in';
    byId('unlock').disabled = busy;
    byId('access-password').disabled = busy;
  }

  /** Ends the connection for a reason of the page's own, shown once it has closed. */
  #endWith(title, text) {
    this.#ending = { title, text };
    if (this.#access.closed) this.#ended({ byUs: true });
    else this.#access.leave();
  }

  #ended({ reason, byUs }) {
    clearTimeout(this.#letInTimer);
    const name = this.#machine.name;
    let title;
    let text;
    if (this.#ending !== null) ({ title, text } = this.#ending);
    else if (byUs) [title, text] = ['You disconnected from ' + name, 'Nothing of this connection is kept in this page.'];
    else if (!this.#wasIn) [title, text] = ['Could not connect to ' + name, reason || 'The connection closed before the computer let you in.'];
    else [title, text] = ['The connection to ' + name + ' ended', reason || 'The computer may have gone offline.'];
    this.#ending = null;
    byId('remote').hidden = true;
    byId('remote-ended').hidden = false;
    byId('reconnect-error').textContent = '';
    byId('remote-ended-title').textContent = title;
    byId('remote-ended-text').textContent = text;
    byId('remote-ended-title').focus();
  }

  async #reconnect() {
    const button = byId('reconnect');
    const alert = byId('reconnect-error');
    button.disabled = true;
    alert.textContent = '';
    try {
      await this.open(this.#machine, await this.#connect(this.#machine));
    } catch (refused) {
      showError(alert, refused);
      alert.focus();
    } finally {
      button.disabled = false;
    }
  }

  #back() {
    const access = this.#access;
    this.#access = null; // what it says while closing no longer matters
    clearTimeout(this.#letInTimer);
    access?.leave();
    byId('remote').hidden = true;
    byId('remote-ended').hidden = true;
    document.title = 'My computers – Parley';
    this.#onBack(this.#machine);
  }
}
