// The session on screen: who is here and who holds the key, the waiting room, the verification
// code, the chat. Everything from the network or the roster is shown as text (textContent via
// el()), never as markup.
import { byId } from '../ui.js';
import { el } from '../meetings/common.js';
import { keyFingerprint } from '../protocol/fingerprint.js';

const ROLE_NAMES = { organizer: 'Organizer', invitee: 'Invitee', registrant: 'Registrant', customer: 'Customer', technician: 'Technician',
  owner: 'Owner', participant: 'Participant' };
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** Draws one {@link Session} into session.html's elements and sends the person's actions to it. */
export class SessionView {
  #session;
  #lastChatSeq = 0;
  #announcedWaiting = new Set();
  #ownKey = null; // the public key whose fingerprint is shown as ours

  constructor(session) {
    this.#session = session;
    session.addEventListener('change', () => this.render());
    session.addEventListener('chat', (event) => this.#addMessage(event.detail));
    session.addEventListener('code', (event) => this.#showCode(event.detail));
    byId('chat-log').replaceChildren();
    byId('chat-empty').hidden = false;
    byId('code-changed').hidden = true;
    byId('code').textContent = '—';
    byId('own-key').textContent = '—';
  }

  render() {
    const s = this.#session;
    this.#status();
    this.#showOwnKey();
    this.#people();
    this.#waiting();
    this.#recipients();
    const canChat = s.connected && s.admitted;
    byId('chat-text').disabled = !canChat;
    byId('send').disabled = !canChat;
    byId('chat-to').disabled = !canChat;
    // frames that reach us before we hold any key (the keyholder's greeting, chat before we were let in) are expected
    const dropped = [...s.dropped].filter(([reason]) => reason !== 'no-key-yet').reduce((a, [, n]) => a + n, 0);
    byId('dropped').hidden = dropped === 0;
    byId('dropped').textContent = dropped + (dropped === 1 ? ' message' : ' messages')
      + ' could not be read here (sent before you were let in, or damaged on the way) and were left out.';
  }

  #status() {
    const s = this.#session;
    let text;
    if (!s.connected) text = 'Connecting…';
    else if (s.keyholder) text = 'You are in, and you hold the key: you let people in.';
    else if (s.admitted) text = 'You are in. Everything here is end-to-end encrypted.';
    else if (s.letIn) text = 'You were let in; the key is on its way…';
    else if (s.roster.present.get(s.you)?.role === 'organizer' && s.roster.members === null) text = 'Checking whether someone already holds the key…';
    else text = 'Waiting for the person holding the key to let you in…';
    byId('status').textContent = text;
    byId('status').classList.toggle('is-waiting', s.connected && !s.admitted);
    const why = document.getElementById('waiting-why'); // session.html has it; the support console does not
    if (why === null) return;
    const reason = s.connected && !s.admitted && !s.letIn ? whyWaiting(s) : null;
    why.hidden = reason === null;
    if (reason !== null && why.textContent !== reason) why.textContent = reason;
  }

  // what a customer's prompt or a presenter's --allow-control names: the key, never our name
  #showOwnKey() {
    const key = this.#session.publicKey;
    if (key === null || key === this.#ownKey) return;
    this.#ownKey = key;
    keyFingerprint(key).then((fingerprint) => {
      if (this.#ownKey === key) byId('own-key').textContent = fingerprint;
    });
  }

  #people() {
    const s = this.#session;
    // before we are let in we cannot read who holds the key: show who is here, without key badges
    const members = s.admitted ? s.roster.members.members : [...s.roster.present.keys()].sort((a, b) => a - b);
    const items = members.filter((id) => s.roster.present.has(id)).map((id) => {
      const p = s.roster.present.get(id);
      const badges = [el('span', { className: 'badge', text: ROLE_NAMES[p.role] })];
      if (s.admitted && id === s.roster.members.keyholder) badges.push(el('span', { className: 'badge key', text: 'Holds the key' }));
      const name = el('span', { className: 'person-name', text: p.name });
      if (id === s.you) name.append(el('span', { className: 'you', text: ' (you)' }));
      return el('li', { className: 'person', attrs: { 'data-id': String(id) } }, name, el('span', { className: 'badges' }, ...badges));
    });

    byId('people').replaceChildren(...items);
    byId('people-title').textContent = s.admitted ? 'Participants (' + items.length + ')' : 'Here now';
  }

  #waiting() {
    const s = this.#session;
    const waiting = s.admitted ? s.roster.waiting() : [];
    byId('waiting-section').hidden = waiting.length === 0;
    const newcomers = s.keyholder ? waiting.filter((p) => !this.#announcedWaiting.has(p.id)) : [];
    newcomers.forEach((p) => this.#announcedWaiting.add(p.id));
    if (newcomers.length > 0) {
      byId('announce').textContent = newcomers.map((p) => p.name).join(', ') + (newcomers.length === 1 ? ' is' : ' are')
        + ' waiting to be let in.';
    }
    byId('waiting-hint').textContent = s.keyholder
      ? 'The server says these people were invited. Let in only people you expect.'
      : 'The person holding the key lets them in.';
    // the list is drawn anew on every change: keep a keyboard user's place on its Admit buttons
    const focusedId = document.activeElement?.closest?.('#waiting li')?.dataset.id ?? null;
    byId('waiting').replaceChildren(...waiting.map((p) => {
      const name = el('span', { className: 'person-name', text: p.name },
        el('span', { className: 'role', text: ROLE_NAMES[p.role] }));
      const item = el('li', { className: 'person', attrs: { 'data-id': String(p.id) } }, name);
      if (s.keyholder && p.id !== s.you) {
        // what clicking Admit trusts: said next to the button, and read with it
        const note = admitNote(p);
        const attrs = { type: 'button', 'aria-label': 'Admit ' + p.name };
        if (note !== null) {
          name.append(el('span', { className: 'waiting-note', text: note, attrs: { id: 'waiting-note-' + p.id } }));
          attrs['aria-describedby'] = 'waiting-note-' + p.id;
        }
        const button = el('button', { className: 'small', text: 'Admit', attrs });
        button.addEventListener('click', async () => {
          button.disabled = true;
          try {
            await s.admit(p.id);
            // the disabled button dropped the focus: on to the next one waiting, or the participants
            if (document.activeElement === document.body || document.activeElement === null) focusInWaiting(null);
          } catch (error) {
            button.disabled = false;
            byId('chat-error').textContent = error.message;
          }
        });
        item.append(button);
      }
      return item;
    }));
    if (focusedId !== null) focusInWaiting(focusedId);
  }

  #recipients() {
    const s = this.#session;
    const select = byId('chat-to');
    const chosen = select.value;
    const others = (s.roster.members?.members ?? []).filter((id) => id !== s.you && s.roster.present.has(id));
    select.replaceChildren(el('option', { text: 'Everyone', attrs: { value: '0' } }),
      ...others.map((id) => el('option', { text: s.nameOf(id) + ' only', attrs: { value: String(id) } })));
    select.value = [...select.options].some((o) => o.value === chosen) ? chosen : '0';
  }

  #addMessage(m) {
    if (m.seq <= this.#lastChatSeq) return;
    this.#lastChatSeq = m.seq;
    const s = this.#session;
    const who = m.own ? 'You' : m.fromName;
    const to = m.to === 0 ? null : m.own ? 'to ' + m.toName + ' only' : 'to you only';
    const meta = el('p', { className: 'meta' }, el('span', { className: 'who', text: who }));
    if (to) meta.append(' ', el('span', { className: 'direct', text: to }));
    meta.append(' ', el('time', { text: clock.format(m.at), attrs: { datetime: m.at.toISOString() } }));
    const item = el('li', { className: 'message' + (m.own ? ' own' : '') + (to ? ' direct' : '') }, meta,
      el('p', { className: 'text', text: m.text }));
    const log = byId('chat-log');
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    log.append(item);
    while (log.children.length > s.chat.length) log.firstElementChild.remove();
    byId('chat-empty').hidden = true;
    if (atBottom || m.own) log.scrollTop = log.scrollHeight;
  }

  #showCode({ code, previous }) {
    byId('code').textContent = code ?? '—';
    const changed = byId('code-changed');
    if (code !== null && previous !== null) {
      changed.textContent = 'The code changed at ' + clock.format(new Date())
        + ' because someone joined or left. Compare the new code with everyone again.';
      changed.hidden = false;
      const box = byId('verification');
      box.classList.remove('changed');
      void box.offsetWidth; // restart the highlight
      box.classList.add('changed');
    }
  }
}

/**
 * Why we wait, for an invitee (README §8): only the link's key proves an invitation end to end,
 * and the mail the server sends cannot carry it — unless the organizer chose to trust the sign-in,
 * which our own roster entry says (`vouched`). Null where there is nothing more to say.
 */
function whyWaiting(s) {
  const me = s.roster.present.get(s.you);
  if (me?.role !== 'invitee') return null;
  if (me.vouchedInvitee) {
    return 'The organizer lets invitees who are signed in join without waiting: you are let in as soon as '
      + 'someone holding the meeting’s key is here.';
  }
  if (s.hasInvitationKey) return 'You have the invitation link’s key: you are let in as soon as someone holding it is here.';
  const told = s.roster.present.size > 1 ? 'The host has been told you are waiting.'
    : 'No one is here yet: the host sees that you are waiting when they join.';
  return 'You came through the invitation mail, which cannot carry the meeting’s secret key, so the host lets you in. ' + told;
}

/**
 * What admitting {@code p} trusts, for the keyholder: in a meeting nobody waits who proved the
 * invitation with the link's key (they are let in at once), so the roster's word is all there is.
 * Null for the roles of support sessions and computers, whose pages say their own.
 */
function admitNote(p) {
  switch (p.role) {
    case 'invitee':
      return p.proof === null
        ? 'Signed in as an invitee, but came without the invitation link’s key. Letting them in trusts Parley’s sign-in.'
        // a key this page does not hold (it came without one), or not this meeting's
        : 'Signed in as an invitee, with an invitation link this page cannot confirm. Letting them in trusts Parley’s sign-in.';
    case 'registrant':
      return 'Registered for this event, by Parley’s word; not invited. Letting them in trusts Parley.';
    case 'organizer':
      return 'Signed in as the organizer, on another device or tab. Letting them in trusts Parley’s sign-in.';
    case 'participant':
      return 'Not invited: Parley does not say who this is. Let them in only if you know who they are.';
    default:
      return null;
  }
}

/** Focus on the Admit button of participant {@code id}, else the first one, else the participants' heading. */
function focusInWaiting(id) {
  const again = (id === null ? null : byId('waiting').querySelector('li[data-id="' + id + '"] button'))
    ?? byId('waiting').querySelector('button:not([disabled])');
  if (again) {
    again.focus();
    return;
  }
  const heading = byId('people-title'); // not focusable by Tab: read out, then Tab goes on from there
  heading.setAttribute('tabindex', '-1');
  heading.focus();
}
