/**
 * The technician's side of a support session. It joins the session's relay with the same
 * {@link Session} as a meeting: the technician's roster role is `organizer`, so this browser
 * holds the key (protocol README §8). One customer (roster role `customer`) is let in at once —
 * the single-use key they were given is the admission, and the verification code on both ends
 * catches a relay that would swap keys. Only one: while the customer let in (or found already a
 * member) is present, anyone else the server calls `customer` waits, with a warning, for the Admit
 * button, as an invited colleague does; once that customer has left (a reconnect comes back under
 * a new id), the next `customer` is let in at once again. Also: asking the customer's agent for
 * control (0x15), their "paused" state (0x16), and ending the session for everyone.
 *
 * Control is offered only to a customer who said who controls their screen (a grant, 0x12): the
 * agent announces one as soon as it learns its members; a customer sharing from the browser never
 * does, and cannot be controlled. It is what the customer's own connection says, so the worst a
 * lie does is hide the button: the agent still asks its person before anyone controls anything.
 */
import { api } from '../api.js';
import { byId, showError } from '../ui.js';
import { Session } from '../session/session.js';
import { SessionView } from '../session/view.js';
import { ScreenView } from '../session/screen-view.js';
import { MalformedScreenError, ScreenKind, parseGrant } from '../session/screen-format.js';
import { isCustomer } from './common.js';
import { hideKey } from './key-panel.js';
import { MediaRoom, acknowledgeUnplayedMedia } from '../session/media/media-room.js';
import { SYSTEM_INFO, SystemInfoPanel } from './system-info.js';

/** README §9 additions for support: viewer → presenter "may I control?", presenter → everyone `{"paused":…}`. */
export const CONTROL_REQUEST = 0x15;
export const SHARING_STATE = 0x16;
const EMPTY = new Uint8Array(0);
/** How long "Request control" waits for the customer's answer before it can be asked again. */
const REQUEST_WAIT_MS = 30_000;
const text = new TextDecoder('utf-8', { fatal: true });

export class SupportConsole extends EventTarget {
  #view;
  #session = null;
  #screen;
  #customerId = null; // the one customer we let in (or found a member when we got in), while present
  #vouched = false; // someone was taken as the customer: from now on only an admission names one
  #controller = null; // whom the customer's agent last granted control
  #controllable = null; // the customer id that announced a grant: an agent, which can be asked for control
  #browserShares = null; // the customer id whose screen came as browser video: view only
  #customerSeen = false; // the customer was here: their absence now is a lost connection
  #why = null; // 'ended' | 'transferred' while we are leaving on purpose
  #asking = null; // the timer of a control request awaiting the customer's answer
  #systemInfo = null; // README §9b: the customer's computer, on request

  /** @param {object} view the server's view of the session ({id, relayPath, role, …}) */
  constructor(view, screen) {
    super();
    this.#view = view;
    this.#screen = screen;
  }

  get session() {
    return this.#session;
  }

  async join() {
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const session = new Session({ url: scheme + '//' + window.location.host + this.#view.relayPath, meetingId: this.#view.id, k: null });
    this.#session = session;
    this.#systemInfo = new SystemInfoPanel(session, () => this.customer());
    const view = new SessionView(session);
    this.#screen.attach(session);
    // technicians talk with each other; the customer's desktop agent has no voice
    try {
      new MediaRoom(session, { title: 'Support session', noun: 'support session', speaks: (role) => !isCustomer({ role }) });
    } catch (failed) {
      console.warn('voice and cameras are not available on this page', failed);
      acknowledgeUnplayedMedia(session);
    }
    session.addEventListener('change', () => this.#changed());
    session.addEventListener('content', (event) => this.#content(event.detail));
    session.addEventListener('closed', (event) => this.dispatchEvent(new CustomEvent('ended', { detail: { ...event.detail, why: this.#why } })));
    session.addEventListener('notice', (event) => {
      byId('chat-error').textContent = event.detail.message;
    });
    view.render();
    await session.connect();
  }

  /**
   * The customer, once they are present: the one let in, or before anyone was, the first the
   * server calls `customer` (the roster is the server's word; a second one is never this).
   */
  customer() {
    const present = this.#session?.roster.present;
    if (!present) return null;
    if (this.#customerId !== null) return present.get(this.#customerId) ?? null;
    return this.#vouched ? null : [...present.values()].find(isCustomer) ?? null;
  }

  /** Asks the customer's agent for control of their computer; the customer is asked to consent. */
  async requestControl() {
    if (this.#asking !== null) return; // one question on the customer's screen at a time
    const customer = this.customer();
    if (customer !== null && this.#controllable !== customer.id) return; // a browser: nothing to ask
    const status = byId('control-request-status');
    this.#asking = setTimeout(() => this.#answered(), REQUEST_WAIT_MS);
    this.#changed();
    let sent = false;
    try {
      sent = customer !== null && await this.#session.sendContent(CONTROL_REQUEST, EMPTY, { to: customer.id });
    } catch (error) {
      console.warn('support: the control request failed', error);
      this.#answered();
      status.textContent = 'The request could not be sent. Please try again.';
      return;
    }
    if (sent) {
      status.textContent = 'You asked to control ' + customer.name + '’s computer. They are asked on their screen to allow it.';
    } else {
      this.#answered();
      status.textContent = 'The request could not be sent: the customer is not connected.';
    }
  }

  // the customer answered, left, or took too long: control can be asked for again
  #answered() {
    if (this.#asking === null) return;
    clearTimeout(this.#asking);
    this.#asking = null;
    this.#changed();
  }

  /** Ends the session for everyone (the relay room is closed), then leaves it. */
  async end() {
    this.#why = 'ended';
    try {
      await api.post('/api/v1/support-sessions/' + encodeURIComponent(this.#view.id) + '/end');
    } catch (error) {
      this.#why = null;
      throw error;
    }
    this.#session.leave();
  }

  /** Hands the session to a colleague of the team; the server closes our connection. */
  async transfer(email) {
    this.#why = 'transferred';
    try {
      await api.post('/api/v1/support-sessions/' + encodeURIComponent(this.#view.id) + '/transfer', { email });
    } catch (error) {
      this.#why = null;
      throw error;
    }
    this.#session.leave();
  }

  leave() {
    this.#session?.leave();
  }

  #changed() {
    const s = this.#session;
    this.#admitOneCustomer();
    const customer = this.customer();
    const here = customer !== null && s.roster.isMember(customer.id);
    if (here) {
      hideKey();
      byId('title').textContent = 'Support for ' + customer.name;
    }
    if (here) this.#customerSeen = true;
    if (customer === null) {
      byId('paused-banner').hidden = true;
      // their agent drops control with the connection; it is asked for again once they are back
      this.#controller = null;
      clearTimeout(this.#asking);
      this.#asking = null;
    }
    byId('customer-away').hidden = customer !== null || !this.#customerSeen;
    const controllable = here && this.#controllable === customer.id;
    byId('request-control').hidden = !controllable;
    byId('request-control').disabled = !controllable || !s.admitted || this.#controller === s.you || this.#asking !== null;
    byId('view-only').hidden = !here || controllable || this.#browserShares !== customer.id;
    // the customer's agent announces control (0x12) as it joins; a browser never does, and has no system information to give
    byId('system-info').hidden = !controllable;
    this.#systemInfo.update(controllable);
  }

  // the ticket vouches for one person: a second `customer` is the server's word alone
  #admitOneCustomer() {
    const s = this.#session;
    if (this.#customerId !== null && !s.roster.present.has(this.#customerId)) this.#customerId = null; // they left
    if (!this.#vouched && s.admitted) {
      // let in before we came (a transfer, a reload): that one; never a second one we let in by hand
      const member = [...s.roster.present.values()].find((p) => isCustomer(p) && s.roster.isMember(p.id));
      if (member) this.#take(member.id);
    }
    const waiting = s.admitted ? s.roster.waiting().filter(isCustomer) : [];
    if (this.#customerId === null && s.keyholder && waiting.length > 0) this.#admit(waiting.shift());
    const others = waiting.filter((p) => p.id !== this.#customerId);
    const warning = byId('second-customer');
    warning.hidden = others.length === 0;
    warning.textContent = others.length === 0 ? ''
      : (others.length === 1 ? 'A second person says they are the customer' : others.length + ' more people say they are the customer')
        + ' (' + others.map((p) => p.name).join(', ') + '). Admit only if you expect them.';
  }

  #take(id) {
    this.#customerId = id;
    this.#vouched = true;
  }

  #admit(p) {
    this.#take(p.id);
    this.#session.admit(p.id).catch((refused) => {
      if (this.#customerId === p.id) this.#customerId = null;
      console.warn('support: the customer could not be let in', refused);
    });
  }

  // runs inside the session's queue: must not throw
  #content({ from, kind, body }) {
    if (from !== this.customer()?.id) return; // only the customer's agent says what it shares and who controls it
    if (kind === ScreenKind.VIDEO && this.#browserShares !== from) {
      this.#browserShares = from;
      this.#changed();
    } else if (kind === SHARING_STATE) {
      const paused = this.#paused(body);
      if (paused !== null) byId('paused-banner').hidden = !paused;
    } else if (kind === ScreenKind.GRANT) {
      this.#granted(from, body);
    } else if (kind === SYSTEM_INFO) {
      this.#systemInfo.answered(body);
    }
  }

  #paused(body) {
    try {
      const state = JSON.parse(text.decode(body));
      return typeof state?.paused === 'boolean' ? state.paused : null;
    } catch {
      return null;
    }
  }

  #granted(from, body) {
    let controller;
    try {
      controller = parseGrant(body);
    } catch (refused) {
      if (refused instanceof MalformedScreenError) return;
      throw refused;
    }
    const s = this.#session;
    const had = this.#controller === s.you;
    this.#controller = controller;
    this.#controllable = from;
    clearTimeout(this.#asking);
    this.#asking = null;
    const status = byId('control-request-status');
    if (controller === s.you) status.textContent = s.nameOf(from) + ' let you control their computer.';
    else if (had) status.textContent = 'You no longer control ' + s.nameOf(from) + '’s computer.';
    this.#changed();
  }
}

/** Wires the console's buttons: request control, end (the technician, a supervisor), leave (anyone but the technician). */
export function wireConsoleButtons(support, role) {
  const alert = byId('page-error');
  byId('end').hidden = role !== 'technician' && role !== 'supervisor';
  byId('leave').hidden = role === 'technician';
  byId('request-control').addEventListener('click', () => support.requestControl());
  byId('leave').addEventListener('click', () => support.leave());
  // ending cannot be undone (the key dies with the session): one question first, the safe answer focused
  const confirm = (open) => {
    byId('end-confirm').hidden = !open;
    byId('end').setAttribute('aria-expanded', String(open));
    byId(open ? 'end-no' : 'end').focus();
  };
  byId('end').addEventListener('click', () => confirm(true));
  byId('end-no').addEventListener('click', () => confirm(false));
  byId('end-yes').addEventListener('click', async () => {
    byId('end-yes').disabled = true;
    try {
      await support.end();
    } catch (error) {
      byId('end-yes').disabled = false;
      confirm(false);
      showError(alert, error);
      alert.hidden = false;
      alert.focus();
    }
  });
  window.addEventListener('pagehide', () => support.leave());
}
