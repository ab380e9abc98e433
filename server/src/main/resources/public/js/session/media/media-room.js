/**
 * Voice, webcams and local recording in one room page (protocol README §9a): the toolbar's
 * microphone, camera and record buttons, everyone's mic state and who is speaking in the people
 * list, per-person volume, the organizer's mute requests, device choice, the recording indicator,
 * and the "you are muted" hint. Content of kinds 0x20–0x25 arrives through the session's 'content'
 * event; what goes out is sealed by the session like everything else.
 *
 * Every state that others see (mic, camera, recording) is said by the person's own client, to
 * everyone, on each change and again whenever the members change, so newcomers learn it.
 */
import { byId } from '../../ui.js';
import { el } from '../../meetings/common.js';
import { AudioEngine, Microphone, Voices } from './audio.js';
import { Camera } from './camera.js';
import { Cameras } from './cameras.js';
import { LocalRecorder } from './recorder.js';
import {
  Layer, MalformedMediaError, MediaKind, encodeKeyRequest, encodeRecording, encodeState, parseKeyRequest, parseRecording, parseState,
} from './media-format.js';
import { MediaStream } from '../../protocol/envelope.js';

const EMPTY = new Uint8Array(0);
/** An element the layout may or may not have (support and machine pages have fewer controls). */
const find = (id) => document.getElementById(id);
const MUTED_HINT_MS = 600; // talking this long while muted brings up the hint
const HINT_SHOWN_MS = 4000;
const PAUSE_MS = 400; // quieter than this long: the person stopped talking
/** Roles whose mute requests a client follows. */
const MAY_MUTE_OTHERS = new Set(['organizer']);

/**
 * @typedef {object} RoomOptions
 * @property {string} title what a saved recording is named after
 * @property {(role: string) => boolean} [speaks] whether a participant of that roster role may speak and show a camera
 *   (a webinar's attendees listen); default everyone
 * @property {string} [noun] what the room is called in sentences ("meeting", "support session")
 */
export class MediaRoom {
  #session;
  #options;
  #engine = new AudioEngine();
  #microphone;
  #voices;
  #camera;
  #cameras;
  #recorder;
  #states = new Map(); // id → {mic, camera} as they said
  #recorders = new Set(); // ids of those who say they record
  #volumes = new Map(); // id → 0…2
  #announcedEpoch = null;
  #loudSince = null;
  #hintTimer = null;
  #lastLoudAt = -Infinity;
  #errorTimer = null;
  #dom = new AbortController(); // every page listener of this room, removed when it closes (a rejoin makes a new room)
  #closed = false;

  /**
   * @param {import('../session.js').Session} session
   * @param {RoomOptions} options
   */
  constructor(session, options) {
    this.#session = session;
    this.#options = { speaks: () => true, noun: 'meeting', ...options };
    this.#microphone = new Microphone(this.#engine, session);
    this.#voices = new Voices(this.#engine);
    this.#camera = new Camera(session);
    this.#cameras = new Cameras(session, byId('gallery'));
    this.#recorder = new LocalRecorder(this.#engine, this.#microphone, {
      screen: shownScreen,
      tiles: () => [...find('gallery').querySelectorAll('.tile-video')],
      chat: () => session.chat.slice(-12).map((m) => ({ who: m.own ? 'You' : session.nameOf(m.from), text: m.text })),
    });
    this.#notices();
    session.addEventListener('content', (event) => this.#content(event.detail));
    session.addEventListener('change', () => this.#changed());
    session.addEventListener('left', (event) => this.#left(event.detail.id));
    session.addEventListener('media-dropped', (event) => this.#dropped(event.detail));
    session.addEventListener('closed', () => this.close());
    this.#engine.addEventListener('speaking', (event) => this.#speaking(event.detail));
    this.#engine.addEventListener('statechange', () => this.#soundPrompt());
    this.#microphone.addEventListener('level', (event) => this.#ownLevel(event.detail.level));
    this.#microphone.addEventListener('failed', (event) => this.#failed(event.detail.message));
    this.#camera.addEventListener('failed', (event) => this.#failed(event.detail.message));
    this.#wireButtons();
    if (AudioEngine.supported) this.#engine.start().then(() => this.#soundPrompt()).catch((failed) => console.warn('audio engine', failed));
    // browsers start sound only after the person clicks or types on the page
    const resume = () => this.#engine.resume()?.catch(() => {});
    const { signal } = this.#dom;
    document.addEventListener('pointerdown', resume, { capture: true, signal });
    document.addEventListener('keydown', resume, { capture: true, signal });
  }

  /** Leaving: devices released, decoders closed, a running recording stopped and saved. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#dom.abort();
    find('mute-all')?.remove();
    if (this.#recorder.recording) this.#stopRecording(true); // leaving does not throw the recording away
    this.#microphone.stop();
    this.#camera.stop();
    this.#voices.close();
    this.#cameras.closeAll();
    this.#engine.close();
  }

  /** What arrived of the voices and the cameras since the last call, numbers only; none for what did not come. */
  qualityReports() {
    const reports = [{ kind: 'voice', ...this.#voices.stats.takeReport() }, { kind: 'camera', ...this.#cameras.stats.takeReport() }];
    return reports.filter((r) => r.bytes > 0 || r.lost > 0);
  }

  // ---- what arrives ------------------------------------------------------------------------

  #content({ from, kind, body, ack }) {
    if (kind < MediaKind.AUDIO || kind > MediaKind.RECORDING) return;
    try {
      const speaks = this.#speaks(from);
      switch (kind) {
        case MediaKind.AUDIO:
          if (speaks) this.#voices.receive(from, body);
          break;
        case MediaKind.CAMERA:
          if (speaks && this.#states.get(from)?.camera !== false) this.#cameras.receive(from, body);
          break;
        case MediaKind.STATE:
          this.#state(from, parseState(body));
          break;
        case MediaKind.MUTE_REQUEST:
          this.#muteRequested(from);
          break;
        case MediaKind.CAMERA_KEY_REQUEST:
          this.#camera.keyRequested(parseKeyRequest(body));
          break;
        case MediaKind.RECORDING:
          if (parseRecording(body)) this.#recorders.add(from);
          else this.#recorders.delete(from);
          this.#showRecorders();
          break;
        default:
          break;
      }
    } catch (refused) {
      if (!(refused instanceof MalformedMediaError)) console.warn('media: content not handled', refused);
    } finally {
      ack?.(); // README §12: handed to a decoder (or ignored): finished with
    }
  }

  #speaks(id) {
    const role = this.#session.roster.present.get(id)?.role;
    return role !== undefined && this.#options.speaks(role);
  }

  #state(from, state) {
    this.#states.set(from, state);
    if (!state.camera) this.#cameras.remove(from);
    this.#cameras.mic(from, state.mic);
    this.#decoratePeople();
  }

  #muteRequested(from) {
    const role = this.#session.roster.present.get(from)?.role;
    if (!MAY_MUTE_OTHERS.has(role) || from === this.#session.you) return;
    if (!this.#microphone.on || this.#microphone.muted) return;
    this.#setMuted(true);
    this.#notice('muted-notice', this.#session.nameOf(from) + ' muted your microphone. Turn it back on (Alt+A) to talk again.');
  }

  #dropped({ from, stream }) {
    // README §12: a gap in a camera's low layer; the high layer's gaps are silent and heal by themselves
    if (stream !== MediaStream.CAMERA_LOW) return;
    this.#session.sendContent(MediaKind.CAMERA_KEY_REQUEST, encodeKeyRequest(Layer.LOW), { to: from }).catch(() => {});
  }

  #left(id) {
    this.#voices.left(id);
    this.#cameras.remove(id);
    this.#states.delete(id);
    if (this.#recorders.delete(id)) this.#showRecorders();
  }

  #changed() {
    const s = this.#session;
    this.#updateButtons();
    this.#decoratePeople();
    // the members changed (someone joined or left): say again what we do, for those who just came
    const epoch = s.admitted ? s.roster.members.epoch : null;
    if (epoch !== null && epoch !== this.#announcedEpoch) {
      this.#announcedEpoch = epoch;
      this.#announce();
      if (this.#recorder.recording) s.sendContent(MediaKind.RECORDING, encodeRecording(true)).catch(() => {});
    }
  }

  #announce() {
    if (!this.#session.admitted) return;
    const mic = !this.#microphone.on ? 'off' : this.#microphone.muted ? 'muted' : 'on';
    this.#session.sendContent(MediaKind.STATE, encodeState({ mic, camera: this.#camera.on })).catch(() => {});
  }

  // ---- buttons -----------------------------------------------------------------------------

  #wireButtons() {
    const mic = find('mic-toggle');
    const camera = find('camera-toggle');
    const record = find('record-toggle');
    const { signal } = this.#dom;
    mic?.addEventListener('click', () => this.#toggleMicrophone(), { signal });
    camera?.addEventListener('click', () => this.#toggleCamera(), { signal });
    record?.addEventListener('click', () => this.#toggleRecording(), { signal });
    this.#updateButtons();
  }

  #mayTalk() {
    const s = this.#session;
    const role = s.roster.present.get(s.you)?.role;
    return role !== undefined && this.#options.speaks(role);
  }

  #updateButtons() {
    const s = this.#session;
    const inRoom = s.connected && s.admitted && !this.#closed;
    const mic = find('mic-toggle');
    if (mic) {
      mic.hidden = !AudioEngine.supported || (s.connected && !this.#mayTalk());
      mic.disabled = !inRoom;
      const live = this.#microphone.on && !this.#microphone.muted;
      mic.setAttribute('aria-pressed', String(live));
      mic.classList.toggle('is-muted', !live);
      setLabel(mic, live ? 'Mic on' : 'Mic off');
    }
    const camera = find('camera-toggle');
    if (camera) {
      camera.hidden = !Camera.supported || !Cameras.supported || (s.connected && !this.#mayTalk());
      camera.disabled = !inRoom;
      camera.setAttribute('aria-pressed', String(this.#camera.on));
      setLabel(camera, this.#camera.on ? 'Camera on' : 'Camera off');
    }
    const record = find('record-toggle');
    if (record) {
      record.hidden = !LocalRecorder.supported || !AudioEngine.supported;
      record.disabled = !inRoom;
      record.setAttribute('aria-pressed', String(this.#recorder.recording));
      setLabel(record, this.#recorder.recording ? 'Recording' : 'Record');
    }
    const devices = find('media-devices');
    if (devices) devices.hidden = !(this.#microphone.on || this.#camera.on);
  }

  async #toggleMicrophone() {
    try {
      if (!this.#microphone.on) {
        await this.#microphone.start(find('mic-device')?.value || null);
        this.#setMuted(false);
        await this.#listDevices();
      } else {
        this.#setMuted(!this.#microphone.muted);
      }
    } catch (refused) {
      this.#failed(deviceProblem(refused, 'microphone'));
    }
    this.#updateButtons();
  }

  #setMuted(muted) {
    this.#microphone.muted = muted;
    if (muted) this.#engine.ownLevel(0);
    this.#hideNotice('muted-hint');
    if (!muted) this.#hideNotice('muted-notice');
    this.#announce();
    this.#updateButtons();
    this.#decoratePeople();
  }

  async #toggleCamera() {
    try {
      if (this.#camera.on) {
        this.#camera.stop();
        this.#cameras.showOwn(null);
      } else {
        await this.#camera.start(find('camera-device')?.value || null);
        this.#cameras.showOwn(this.#camera.stream);
        await this.#listDevices();
      }
    } catch (refused) {
      this.#failed(deviceProblem(refused, 'camera'));
    }
    this.#announce();
    this.#updateButtons();
  }

  async #toggleRecording() {
    if (this.#recorder.recording) {
      await this.#stopRecording(true);
      return;
    }
    try {
      // README §9a: everyone is told before the first frame is recorded
      const told = await this.#session.sendContent(MediaKind.RECORDING, encodeRecording(true));
      if (!told) throw new Error('not in the session');
      await this.#recorder.start();
      this.#recorders.add(this.#session.you);
    } catch (failed) {
      console.warn('recording', failed);
      this.#session.sendContent(MediaKind.RECORDING, encodeRecording(false)).catch(() => {});
      this.#failed('This browser could not record the meeting.');
    }
    this.#showRecorders();
    this.#updateButtons();
  }

  async #stopRecording(save) {
    const startedAt = this.#recorder.startedAt;
    const blob = await this.#recorder.stop();
    this.#recorders.delete(this.#session.you);
    this.#session.sendContent(MediaKind.RECORDING, encodeRecording(false)).catch(() => {});
    this.#showRecorders();
    this.#updateButtons();
    if (blob !== null && save) saveRecording(blob, this.#options.title, startedAt);
  }

  async #listDevices() {
    const devices = await navigator.mediaDevices.enumerateDevices();
    fillDevices(find('mic-device'), devices.filter((d) => d.kind === 'audioinput'), this.#microphone.deviceId, 'Microphone');
    fillDevices(find('camera-device'), devices.filter((d) => d.kind === 'videoinput'), this.#camera.deviceId, 'Camera');
  }

  async #deviceChosen(kind) {
    try {
      if (kind === 'mic' && this.#microphone.on) {
        const muted = this.#microphone.muted;
        await this.#microphone.start(find('mic-device').value);
        this.#microphone.muted = muted;
      } else if (kind === 'camera' && this.#camera.on) {
        await this.#camera.start(find('camera-device').value);
        this.#cameras.showOwn(this.#camera.stream);
      }
    } catch (refused) {
      this.#failed(deviceProblem(refused, kind === 'mic' ? 'microphone' : 'camera'));
    }
    this.#announce();
    this.#updateButtons();
  }

  // ---- what the page shows -------------------------------------------------------------------

  /** The room's notices and device choice, made here so the page's markup stays the layout's. */
  #notices() {
    const session = find('session');
    if (!session) return;
    if (!find('media-notices')) this.#makeNotices(session);
    const { signal } = this.#dom;
    find('sound-on').addEventListener('click', () => this.#engine.resume()?.then(() => this.#soundPrompt()), { signal });
    find('mic-device').addEventListener('change', () => this.#deviceChosen('mic'), { signal });
    find('camera-device').addEventListener('change', () => this.#deviceChosen('camera'), { signal });
    for (const id of ['recording-banner', 'muted-hint', 'muted-notice', 'media-error', 'sound-prompt']) this.#hideNotice(id);
  }

  #makeNotices(session) {
    const notices = el('div', { className: 'media-notices', attrs: { id: 'media-notices' } },
      el('p', { className: 'recording-banner', attrs: { id: 'recording-banner', role: 'status', hidden: '' } }),
      el('p', { className: 'media-notice', attrs: { id: 'muted-hint', role: 'status', hidden: '' } }),
      el('p', { className: 'media-notice', attrs: { id: 'muted-notice', role: 'status', hidden: '' } }),
      el('p', { className: 'media-notice alert', attrs: { id: 'media-error', role: 'alert', hidden: '' } }),
      el('p', { className: 'media-notice', attrs: { id: 'sound-prompt', hidden: '' } },
        el('button', { className: 'secondary small', text: 'Turn on sound', attrs: { type: 'button', id: 'sound-on' } }),
        ' Your browser keeps sound off until you click on the page.'),
      el('p', { className: 'media-devices', attrs: { id: 'media-devices', hidden: '' } },
        el('label', { text: 'Microphone ', attrs: { for: 'mic-device' } }), el('select', { attrs: { id: 'mic-device' } }),
        ' ', el('label', { text: 'Camera ', attrs: { for: 'camera-device' } }), el('select', { attrs: { id: 'camera-device' } })));
    // between the room's header and its stage, where a glance at the meeting finds them
    const body = session.querySelector('.room-body');
    if (body) body.before(notices);
    else session.prepend(notices);
  }

  #soundPrompt() {
    const prompt = find('sound-prompt');
    if (prompt) prompt.hidden = this.#closed || this.#engine.context === null || this.#engine.running;
  }

  #notice(id, text) {
    const notice = find(id);
    if (!notice) return;
    notice.textContent = text;
    notice.hidden = false;
  }

  #hideNotice(id) {
    const notice = find(id);
    if (notice) notice.hidden = true;
  }

  #failed(message) {
    this.#notice('media-error', message);
    clearTimeout(this.#errorTimer);
    this.#errorTimer = setTimeout(() => this.#hideNotice('media-error'), 8000);
    this.#updateButtons();
  }

  #showRecorders() {
    const s = this.#session;
    const names = [...this.#recorders].filter((id) => id === s.you || s.roster.present.has(id))
      .map((id) => (id === s.you ? 'You are' : s.nameOf(id) + ' is'));
    const banner = find('recording-banner');
    if (!banner) return;
    banner.hidden = names.length === 0;
    banner.textContent = names.length === 0 ? '' : '● ' + names.join(', ') + ' recording this ' + this.#options.noun + ' on their own computer.'
      + ' Parley does not record or keep anything; a recording is theirs alone.';
    document.body.classList.toggle('is-recorded', names.length > 0);
  }

  // talking while muted: loud for a while, short pauses (between words) included
  #ownLevel(level) {
    const now = performance.now();
    if (!this.#microphone.muted) {
      this.#loudSince = null;
      return;
    }
    if (level >= 0.02) {
      this.#lastLoudAt = now;
      this.#loudSince ??= now;
    } else if (now - this.#lastLoudAt > PAUSE_MS) {
      this.#loudSince = null;
    }
    if (this.#loudSince === null) return;
    if (now - this.#loudSince >= MUTED_HINT_MS && find('muted-hint')?.hidden) {
      this.#notice('muted-hint', 'You are muted. Turn your microphone on (Alt+A) to be heard.');
      clearTimeout(this.#hintTimer);
      this.#hintTimer = setTimeout(() => this.#hideNotice('muted-hint'), HINT_SHOWN_MS);
    }
  }

  #speaking({ id, speaking }) {
    const person = id === 0 ? this.#session.you : id;
    this.#cameras.speaking(id === 0 ? this.#session.you : id, speaking);
    find('people')?.querySelector(`li[data-id="${person}"]`)?.classList.toggle('is-speaking', speaking);
    const badge = find('people')?.querySelector(`li[data-id="${person}"] .speaking-badge`);
    if (badge) badge.hidden = !speaking;
  }

  /** Mic state, speaking, volume and (for organizers) "Ask to mute" on each person of the people list. */
  #decoratePeople() {
    const s = this.#session;
    const list = find('people');
    if (!list) return;
    const organizer = MAY_MUTE_OTHERS.has(s.roster.present.get(s.you)?.role);
    for (const item of list.querySelectorAll('li.person[data-id]')) {
      const id = Number(item.dataset.id);
      item.querySelector('.media-state')?.remove();
      const own = id === s.you;
      const mic = own ? (!this.#microphone.on ? 'off' : this.#microphone.muted ? 'muted' : 'on') : this.#states.get(id)?.mic ?? 'off';
      const speaking = this.#engine.isSpeaking(own ? 0 : id);
      const state = el('span', { className: 'media-state' },
        el('span', { className: 'mic-badge mic-' + mic, text: { on: 'Mic on', muted: 'Muted', off: 'No mic' }[mic] }),
        el('span', { className: 'speaking-badge', text: 'Speaking', attrs: speaking ? {} : { hidden: '' } }));
      item.classList.toggle('is-speaking', speaking);
      if (!own && this.#speaks(id)) {
        const volume = el('input', {
          className: 'volume', attrs: { type: 'range', min: '0', max: '200', step: '10', value: String(Math.round((this.#volumes.get(id) ?? 1) * 100)), 'aria-label': 'Volume of ' + s.nameOf(id) },
        });
        volume.addEventListener('input', () => {
          this.#volumes.set(id, Number(volume.value) / 100);
          this.#engine.setVolume(id, Number(volume.value) / 100);
        });
        state.append(volume);
        if (organizer && mic === 'on') {
          const ask = el('button', { className: 'small secondary', text: 'Mute', attrs: { type: 'button', 'aria-label': 'Mute ' + s.nameOf(id) } });
          ask.addEventListener('click', () => s.sendContent(MediaKind.MUTE_REQUEST, EMPTY, { to: id }).catch(() => {}));
          state.append(ask);
        }
      }
      item.append(state);
    }
    const all = find('mute-all');
    if (organizer && s.admitted && !all) {
      const button = el('button', { className: 'small secondary', text: 'Mute everyone', attrs: { type: 'button', id: 'mute-all' } });
      button.addEventListener('click', () => s.sendContent(MediaKind.MUTE_REQUEST, EMPTY).catch(() => {}));
      list.before(button);
    } else if (all) {
      all.hidden = !organizer || !s.admitted;
    }
  }
}

/**
 * Where a page has no media room (it could not be made), voice and camera media are still finished
 * with at once (README §12), or the relay would take this page for one that cannot keep up.
 */
export function acknowledgeUnplayedMedia(session) {
  session.addEventListener('content', (event) => {
    if (event.detail.kind >= MediaKind.AUDIO) event.detail.ack?.();
  });
}

/** The shared screen as the page shows it (another's, or the preview of ours), for a local recording. */
function shownScreen() {
  const stage = find('screen-stage');
  if (!stage || stage.hidden) return null;
  const preview = find('screen-preview');
  return preview && !preview.hidden ? preview : find('screen-canvas');
}

// a toolbar button names its state itself (data-label-on/off, following aria-pressed: toolbar.js);
// a plain button gets the words here
function setLabel(button, text) {
  if (button.dataset.labelOn === undefined) button.textContent = text;
}

function fillDevices(select, devices, chosen, fallback) {
  if (!select) return;
  select.replaceChildren(...devices.map((d, i) => el('option', { text: d.label || `${fallback} ${i + 1}`, attrs: { value: d.deviceId } })));
  if (chosen && devices.some((d) => d.deviceId === chosen)) select.value = chosen;
}

function deviceProblem(refused, what) {
  if (refused?.name === 'NotAllowedError') return `Parley may not use your ${what}: allow it in the browser's site settings, then try again.`;
  if (refused?.name === 'NotFoundError' || refused?.name === 'OverconstrainedError') return `No ${what} was found. Plug one in, then try again.`;
  if (refused?.name === 'NotReadableError') return `Your ${what} is in use by another program, or the system blocked it.`;
  return refused?.message && refused.name === 'Error' ? refused.message : `Your ${what} could not be started.`;
}

function saveRecording(blob, title, startedAt) {
  const at = (startedAt ?? new Date()).toISOString().slice(0, 16).replace(/[:T]/g, '-');
  const name = `${title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim().slice(0, 60) || 'meeting'} ${at}.webm`;
  const link = el('a', { attrs: { href: URL.createObjectURL(blob), download: name } });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
