/**
 * "System information" on the technician's console (protocol README §9b): asks the customer's agent
 * (0x30, to the agent only), which asks the customer; shows the answer (0x31: the §9b JSON, or
 * `{"refused":true}`) as a definition list. Everything in it is the customer's computer's word: it is
 * shown as text only (textContent), never as markup. The answer is sealed end to end and kept only
 * on this page; nothing of it goes to the server.
 */
import { byId } from '../ui.js';

export const SYSTEM_INFO_REQUEST = 0x30;
export const SYSTEM_INFO = 0x31;
const EMPTY = new Uint8Array(0);
/** The agent's prompt waits 2 minutes for the customer; a little longer, and no answer means none will come. */
const ANSWER_WAIT_MS = 130_000;
const text = new TextDecoder('utf-8', { fatal: true });

export class SystemInfoPanel {
  #session;
  #customer; // () => the customer's roster entry, or null
  #waiting = null; // the timer while a request awaits its answer

  /** @param {() => object|null} customer the customer whose agent is asked */
  constructor(session, customer) {
    this.#session = session;
    this.#customer = customer;
    byId('system-info').addEventListener('click', () => this.ask());
    byId('system-info-close').addEventListener('click', () => {
      byId('system-info-panel').hidden = true;
    });
  }

  /** The button is usable while the customer's agent is in the session and no request is open. */
  update(customerHere) {
    byId('system-info').disabled = !customerHere || !this.#session.admitted || this.#waiting !== null;
  }

  async ask() {
    const customer = this.#customer();
    if (this.#waiting !== null || customer === null) return;
    this.#show('Waiting for the customer to allow…');
    this.#waiting = setTimeout(() => this.#over('Not available: no answer came from the customer’s computer.'), ANSWER_WAIT_MS);
    this.update(true);
    let sent = false;
    try {
      sent = await this.#session.sendContent(SYSTEM_INFO_REQUEST, EMPTY, { to: customer.id });
    } catch (error) {
      console.warn('support: the system information request failed', error);
    }
    if (!sent) this.#over('The request could not be sent: the customer is not connected.');
  }

  /** An 0x31 from the customer's agent (the caller checked who sent it). */
  answered(body) {
    if (this.#waiting === null) return; // not asked for, or given up on
    let info;
    try {
      info = JSON.parse(text.decode(body));
    } catch {
      this.#over('The customer’s computer sent an answer that could not be read.');
      return;
    }
    if (info?.refused === true) {
      this.#over('The customer declined.');
      return;
    }
    this.#over('');
    byId('system-info-facts').replaceChildren(facts(info));
  }

  #show(status) {
    byId('system-info-panel').hidden = false;
    byId('system-info-status').textContent = status;
    byId('system-info-facts').replaceChildren();
  }

  #over(status) {
    clearTimeout(this.#waiting);
    this.#waiting = null;
    byId('system-info-status').textContent = status;
    this.update(this.#customer() !== null);
  }
}

/** The §9b JSON as a definition list; a part missing or of the wrong type is shown as "—". */
function facts(info) {
  const list = document.createElement('dl');
  list.className = 'facts system-info-facts';
  const row = (term, value) => {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value === '' || value === null || value === undefined ? '—' : String(value);
    list.append(dt, dd);
  };
  const os = info?.os ?? {};
  row('Operating system', [os.name, os.version].filter(isText).join(' ') + (isText(os.arch) ? ' (' + os.arch + ')' : ''));
  const cpu = info?.cpu ?? {};
  row('Processor', [isText(cpu.model) ? cpu.model : '', Number.isInteger(cpu.logical) ? cpu.logical + ' logical processors' : '']
    .filter(Boolean).join(', '));
  const memory = info?.memory ?? {};
  row('Memory', Number.isFinite(memory.total) && memory.total > 0 ? bytes(memory.total) + ' (' + bytes(memory.free) + ' free)' : '');
  for (const [i, disk] of items(info?.disks).entries()) {
    row('Disk ' + (i + 1), [disk.mount, disk.type].filter(isText).join(' · ') + ': ' + bytes(disk.total) + ' (' + bytes(disk.free) + ' free)');
  }
  if (items(info?.disks).length === 0) row('Disks', '');
  for (const [i, display] of items(info?.displays).entries()) {
    row('Display ' + (i + 1), display.width + '×' + display.height + (display.refresh > 0 ? ' at ' + display.refresh + ' Hz' : '')
      + ', at ' + display.x + ',' + display.y);
  }
  if (items(info?.displays).length === 0) row('Displays', '');
  for (const adapter of items(info?.adapters)) {
    const addresses = Array.isArray(adapter.addresses) ? adapter.addresses.filter(isText).join(', ') : '';
    row('Network ' + (isText(adapter.name) ? adapter.name : ''), (adapter.up === true ? 'up' : 'down') + (addresses ? ': ' + addresses : ''));
  }
  if (items(info?.adapters).length === 0) row('Network adapters', '');
  return list;
}

function isText(value) {
  return typeof value === 'string' && value !== '';
}

// at most 32 of each, as the agent sends (README §9b): a larger list is not shown in full
function items(list) {
  return Array.isArray(list) ? list.filter((item) => item !== null && typeof item === 'object').slice(0, 32) : [];
}

function bytes(n) {
  if (!Number.isFinite(n) || n < 0) return '?';
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return (unit === 0 ? String(value) : value.toFixed(1)) + ' ' + units[unit];
}
