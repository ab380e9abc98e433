/**
 * The screen panel of session.html: shows the screen someone shares (a desktop agent's tiles or
 * a browser's video), lets this person share theirs, shows the statistics overlay, full screen,
 * and remote control when an agent grants it to us. One per page; {@link ScreenView#attach}
 * follows each new session (after "Join again").
 *
 * Whose screen is shown: the first presenter heard from, until they leave or go quiet — a
 * browser presenter sends a key chunk at least every few seconds, so ten silent seconds mean it
 * stopped; an agent sends nothing while its screen is still, so it stays until it leaves or
 * someone else presents after its silence. A presenter's Stop (0x17) clears the stage at once, and
 * the status then says who stopped — or whose connection was lost (the relay's "left" says so).
 */
import { sendInput } from '../protocol/input-auth.js';
import { byId } from '../ui.js';
import { RemoteControl } from './screen-control.js';
import { LAST_SCREEN_KIND } from './content.js';
import { MalformedScreenError, ScreenKind, encodeShowMonitor, parseGrant, parseMonitors } from './screen-format.js';
import { ScreenPresenter } from './screen-presenter.js';
import { ScreenStats } from './screen-stats.js';
import { TileScreen } from './screen-tiles.js';
import { VideoScreen } from './screen-video.js';

const QUIET_MS = 10_000;
const KEY_REQUEST_GAP_MS = 1000;
const EMPTY = new Uint8Array(0);
const sendFailed = (failed) => console.warn('screen: a keyframe request was not sent', failed);

export class ScreenView {
  #session = null;
  #shown = null; // {id, mode: 'tiles'|'video', player, stats, lastAt, lastKeyRequestAt}
  #grants = new Map(); // presenter id → controller id
  #monitors = new Map(); // presenter id → {monitors, shown} (README §9, 0x18)
  #anyViewerSwitches; // support and remote access: whoever sees the screen was allowed to, and may pick the monitor
  #presenter = null; // our own ScreenPresenter while we share
  #ended = null; // {id, how: 'stopped'|'lost'|'left'}: whose sharing ended last, for the status
  #greeted = false;
  #keyboardReleased = false;
  #control;
  #timer;

  /** @param {{anyViewerSwitches?: boolean}} options in a meeting only the participant in control switches monitors */
  constructor({ anyViewerSwitches = false } = {}) {
    this.#anyViewerSwitches = anyViewerSwitches;
    byId('screen-monitor').addEventListener('change', (event) => this.#showMonitor(Number(event.target.value)));
    this.#control = new RemoteControl({ sendInput: (to, json) => (this.#session === null ? undefined : sendInput(this.#session, to, json)) }, byId('screen-canvas'),
      byId('control-input'), () => this.#released());
    byId('share-screen').addEventListener('click', () => this.#share());
    byId('stop-sharing').addEventListener('click', () => this.#presenter?.stop());
    byId('screen-stats-toggle').addEventListener('click', () => this.#toggleStats());
    byId('screen-fullscreen').addEventListener('click', () => this.#toggleFullscreen());
    document.addEventListener('fullscreenchange', () => this.#render());
    byId('control-input').addEventListener('focus', () => {
      this.#keyboardReleased = false;
      this.#render();
    });
    this.#timer = setInterval(() => this.#tick(), 1000);
  }

  /** Follows a new session: what it receives, who comes and goes, its end. */
  attach(session) {
    this.#stopShowing();
    this.#presenter?.stop();
    this.#grants.clear();
    this.#monitors.clear();
    this.#greeted = false;
    this.#ended = null;
    this.#session = session;
    session.addEventListener('content', (event) => {
      if (session === this.#session) this.#content(event.detail);
      else if (event.detail.kind <= LAST_SCREEN_KIND) event.detail.ack?.(); // README §12: media of a session we no longer show is finished with at once
    });
    session.addEventListener('change', () => {
      if (session === this.#session) this.#changed();
    });
    // README §12: the relay skipped frames of this presenter for us; its media resumes at a key frame
    session.addEventListener('left', (event) => {
      if (session !== this.#session || this.#shown?.id !== event.detail.id) return;
      this.#ended = { id: event.detail.id, how: event.detail.lost ? 'lost' : 'left' };
      this.#stopShowing();
    });
    session.addEventListener('media-dropped', (event) => {
      if (session !== this.#session || (event.detail.stream ?? 0) !== 0) return; // a camera's gap is the media room's
      if (this.#shown?.id === event.detail.from) this.#requestKeyframe(this.#shown);
    });
    session.addEventListener('closed', () => {
      if (session !== this.#session) return;
      this.#presenter?.stop();
      this.#stopShowing();
    });
    this.#render();
  }

  // ---- what arrives ------------------------------------------------------------------------

  #content({ from, kind, body, ack }) {
    if (kind > LAST_SCREEN_KIND) return undefined; // voice and cameras (README §9a) are the media room's to acknowledge
    let handedOver = false; // the tiles player acknowledges what it takes once it is decoded
    try {
      switch (kind) {
        case ScreenKind.TILES:
        case ScreenKind.VIDEO:
          handedOver = this.#picture(from, kind === ScreenKind.TILES ? 'tiles' : 'video', body, ack);
          return undefined;
        case ScreenKind.KEYFRAME_REQUEST:
          return this.#presenter?.keyframeRequested();
        case ScreenKind.STOPPED:
          if (this.#shown?.id !== from) return undefined;
          this.#ended = { id: from, how: 'stopped' };
          return this.#stopShowing();
        case ScreenKind.GRANT:
          this.#grants.set(from, parseGrant(body));
          return this.#render();
        case ScreenKind.MONITORS:
          this.#monitors.set(from, parseMonitors(body));
          return this.#render();
        default:
          return undefined; // 0x11 input is for desktop agents: a browser cannot inject it
      }
    } catch (refused) {
      if (!(refused instanceof MalformedScreenError)) throw refused;
      return undefined;
    } finally {
      // README §12: media we are done with (or ignore) is acknowledged at once, so the relay keeps sending
      if (!handedOver) ack?.();
    }
  }

  /** True when the tiles player took the body and its ack. */
  #picture(from, mode, body, ack) {
    if (this.#presenter !== null) return false; // we show our own preview while we share
    const now = performance.now();
    const shown = this.#shown;
    if (shown === null || (shown.id !== from && now - shown.lastAt > QUIET_MS) || (shown.id === from && shown.mode !== mode)) {
      this.#show(from, mode);
    } else if (shown.id !== from) {
      return false;
    }
    this.#shown.lastAt = now;
    if (shown !== this.#shown) this.#render();
    if (mode !== 'tiles') {
      this.#shown.player.receive(body);
      return false;
    }
    this.#shown.player.receive(body, ack);
    return true;
  }

  /** What the shown screen delivered since the last call, or null when no one's screen is shown. */
  qualityReport() {
    if (this.#shown === null) return null;
    return { kind: this.#shown.mode, ...this.#shown.stats.takeReport() };
  }

  #show(id, mode) {
    this.#stopShowing();
    const canvas = byId('screen-canvas');
    canvas.width = 0; // a fresh frame buffer for the new presenter
    canvas.height = 0;
    const stats = new ScreenStats({ numbered: mode === 'tiles' }); // tiles carry frame numbers, video chunks none
    this.#ended = null;
    const entry = { id, mode, stats, lastAt: performance.now(), lastKeyRequestAt: -Infinity, requestLater: null, player: null };
    const hooks = { stats, requestKeyframe: () => this.#requestKeyframe(entry) };
    entry.player = mode === 'tiles' ? new TileScreen(canvas, hooks) : new VideoScreen(canvas, hooks);
    this.#shown = entry;
  }

  #stopShowing() {
    clearTimeout(this.#shown?.requestLater);
    this.#shown?.player.close();
    this.#shown = null;
    this.#render();
  }

  // README §9: 0x13 to the presenter only, at most once a second; a request within that second
  // is sent when it is over (the presenter may send nothing more that would make us ask again)
  #requestKeyframe(entry) {
    const now = performance.now();
    if (entry !== this.#shown || entry.requestLater) return;
    const wait = entry.lastKeyRequestAt + KEY_REQUEST_GAP_MS - now;
    if (wait > 0) {
      entry.requestLater = setTimeout(() => {
        entry.requestLater = null;
        this.#requestKeyframe(entry);
      }, wait);
      return;
    }
    entry.lastKeyRequestAt = now;
    this.#session?.sendContent(ScreenKind.KEYFRAME_REQUEST, EMPTY, { to: entry.id }).catch(sendFailed);
  }

  #changed() {
    const s = this.#session;
    if (this.#shown !== null && !s.roster.present.has(this.#shown.id)) this.#stopShowing();
    for (const id of this.#grants.keys()) if (!s.roster.present.has(id)) this.#grants.delete(id);
    for (const id of this.#monitors.keys()) if (!s.roster.present.has(id)) this.#monitors.delete(id);
    if (s.admitted && !this.#greeted) {
      // just let in: whoever presents sends us a keyframe (everyone else ignores the request)
      this.#greeted = true;
      s.sendContent(ScreenKind.KEYFRAME_REQUEST, EMPTY).catch(sendFailed);
    }
    this.#render();
  }

  #tick() {
    if (this.#shown?.mode === 'video' && performance.now() - this.#shown.lastAt > QUIET_MS) this.#stopShowing();
    this.#renderStats();
  }

  // ---- sharing our own screen ------------------------------------------------------------

  async #share() {
    const status = byId('screen-status');
    if (!ScreenPresenter.supported) {
      status.textContent = 'This browser cannot share its screen here. Use a current version of Chrome or Edge.';
      return;
    }
    const presenter = new ScreenPresenter(this.#session);
    presenter.addEventListener('stopped', () => {
      if (this.#presenter !== presenter) return;
      this.#presenter = null;
      // README §9: everyone's stage clears now, not after ten quiet seconds
      this.#session?.sendContent(ScreenKind.STOPPED, EMPTY).catch(() => {});
      byId('screen-preview').srcObject = null;
      this.#render();
      byId('share-screen').focus();
    });
    presenter.addEventListener('failed', (event) => {
      status.textContent = event.detail.message;
    });
    try {
      await presenter.start();
    } catch (refused) {
      status.textContent = refused?.name === 'NotAllowedError' ? 'Screen sharing was cancelled.' : 'Your screen could not be shared.';
      if (refused?.name !== 'NotAllowedError') console.warn('screen share failed', refused);
      return;
    }
    this.#ended = null;
    this.#stopShowing();
    this.#presenter = presenter;
    const preview = byId('screen-preview');
    preview.srcObject = presenter.stream;
    preview.play().catch(() => {});
    this.#render();
    byId('stop-sharing').focus();
  }

  // ---- the panel ---------------------------------------------------------------------------

  #render() {
    const s = this.#session;
    const admitted = s !== null && s.connected && s.admitted;
    byId('screen-panel').hidden = !admitted;
    const sharing = this.#presenter !== null;
    const shown = this.#shown;
    const name = shown === null ? null : s.nameOf(shown.id);
    const controller = shown === null ? null : this.#grants.get(shown.id) ?? null;
    this.#control.presenter = shown !== null && controller === s.you ? shown.id : null;

    byId('share-screen').hidden = sharing;
    byId('stop-sharing').hidden = !sharing;
    byId('screen-stage').hidden = !sharing && shown === null;
    byId('screen-canvas').hidden = sharing;
    byId('screen-preview').hidden = !sharing;
    byId('screen-fullscreen').disabled = !sharing && shown === null;
    byId('screen-fullscreen').textContent = document.fullscreenElement ? 'Exit full screen' : 'Full screen';
    this.#renderMonitors(shown === null || sharing ? null : this.#monitors.get(shown.id) ?? null,
      this.#anyViewerSwitches || (controller !== null && controller === s.you));
    byId('screen-canvas').setAttribute('aria-label', name === null ? 'Shared screen' : name + '’s screen');
    byId('screen-canvas').classList.toggle('controlled', this.#control.active);

    const banner = byId('control-banner');
    banner.hidden = !this.#control.active;
    if (this.#control.active) {
      banner.textContent = this.#keyboardReleased
        ? 'You are controlling ' + name + '’s screen. Your keyboard is back on this page: click the screen to type there again.'
        : 'You are controlling ' + name + '’s screen — press Esc twice to release focus.';
    } else {
      this.#keyboardReleased = false;
    }
    let status;
    if (sharing) status = 'You are sharing your screen with everyone here. A browser cannot give anyone control of your computer, so no one can take control.';
    else if (shown === null) status = this.#endedStatus(s);
    else if (controller !== null && controller !== s.you) status = name + ' is sharing their screen; ' + s.nameOf(controller) + ' is controlling it.';
    else if (controller === null) status = name + ' is sharing their screen.';
    else status = name + ' is sharing their screen and lets you control it.';
    byId('screen-status').textContent = status;
    this.#renderStats();
  }

  // README §9: the agent's monitors, one option each and "All monitors"; offered to whoever the agent lets switch
  #renderMonitors(announced, maySwitch) {
    const choice = byId('screen-monitor-choice');
    choice.hidden = announced === null || announced.monitors.length < 2 || !maySwitch;
    if (choice.hidden) return;
    const select = byId('screen-monitor');
    const options = announced.monitors.map((m, i) => [String(i), `${i + 1} (${m.w}×${m.h})`]);
    options.push(['-1', 'All monitors']);
    const wanted = options.map(([value, label]) => value + label).join('|');
    if (select.dataset.options !== wanted) {
      select.replaceChildren(...options.map(([value, label]) => new Option(label, value)));
      select.dataset.options = wanted;
    }
    select.value = String(announced.shown);
  }

  #showMonitor(index) {
    const shown = this.#shown;
    if (shown === null || !Number.isInteger(index)) return;
    this.#session?.sendContent(ScreenKind.SHOW_MONITOR, encodeShowMonitor(index), { to: shown.id })
      .catch((failed) => console.warn('screen: the monitor choice was not sent', failed));
  }

  #endedStatus(s) {
    const ended = this.#ended;
    if (ended === null) return 'No one is sharing their screen.';
    const who = s.nameOf(ended.id);
    if (ended.how === 'stopped') return who + ' stopped sharing their screen.';
    if (ended.how === 'lost') return who + '’s connection was lost, so their screen is no longer shared.';
    return who + ' left, so their screen is no longer shared.';
  }

  #renderStats() {
    const box = byId('screen-stats');
    const on = byId('screen-stats-toggle').getAttribute('aria-pressed') === 'true';
    const stats = this.#presenter?.stats ?? this.#shown?.stats ?? null;
    box.hidden = !on || stats === null;
    if (box.hidden) return;
    const lines = stats.lines();
    if (this.#presenter !== null) {
      const encode = stats.current.latencyMs;
      lines.splice(1, 2, lines[1] + ' sent, target ' + Math.round(this.#presenter.bitrate / 1000) + ' kbit/s',
        encode === null ? 'encoding —' : `capture to sent ≈ ${Math.round(encode)} ms`);
    }
    box.textContent = lines.join('\n');
  }

  #toggleStats() {
    const button = byId('screen-stats-toggle');
    button.setAttribute('aria-pressed', String(button.getAttribute('aria-pressed') !== 'true'));
    this.#renderStats();
  }

  #toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    else byId('screen-stage').requestFullscreen().catch((refused) => console.warn('full screen refused', refused));
  }

  // Esc twice: the keyboard leaves the remote screen for the page (no keyboard trap)
  #released() {
    this.#keyboardReleased = true;
    this.#render();
    byId('screen-fullscreen').focus();
  }
}
