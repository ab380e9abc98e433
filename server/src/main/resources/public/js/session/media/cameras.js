/**
 * Everyone's webcams on the stage (protocol README §9a): one tile per camera, ours from the local
 * stream (mirrored, never sent back to us), the others' from their 0x21 chunks. Each sender has a
 * decoder per layer; a tile paints the high layer while it arrives and falls back to the low one
 * when the relay stops forwarding the high layer to us (§12, "Camera layers") — the relay decides
 * what we can take, we show the best of what came. A decode gap waits for, and asks for (0x24), a
 * key chunk of that layer; nothing queues without bound. A tile shown no wider than the low layer
 * (a 25-camera gallery, a phone) does not decode the high layer at all: fifty decoders would be
 * twenty-five wasted ones. When the tile grows, the high layer's next key chunk is asked for.
 */
import { el } from '../../meetings/common.js';
import { ScreenStats, wallMicros } from '../screen-stats.js';
import { Layer, MediaKind, encodeKeyRequest, parseCameraChunk } from './media-format.js';

const MAX_DECODE_QUEUE = 4;
const HIGH_FRESH_MS = 600; // a high-layer frame older than this: show the low layer
const REQUEST_GAP_MS = 1000;
// the high layer is decoded for a tile wider than this many device pixels (the low layer is 320 wide)
const HIGH_LAYER_FROM_PX = 400;
/** The gallery shows at most this many cameras (README issue 13: up to 25). */
export const MAX_TILES = 25;

/** One layer's decoder for one sender. */
class LayerDecoder {
  decoder = null;
  config = null;
  waitingForKey = true;
  lastFrameAt = -Infinity;
  lastRequestAt = -Infinity;
}

export class Cameras extends EventTarget {
  #session;
  #gallery;
  #tiles = new Map(); // id → {figure, canvas, layers: [low, high]}
  /** One observer for every tile (a 25-camera gallery resizes 25 tiles at once): figure → its tile. */
  #sizes = typeof ResizeObserver === 'function' ? new ResizeObserver((entries) => this.#resized(entries)) : null;
  #byFigure = new WeakMap();
  #own = null; // our own tile
  painted = 0;
  /**
   * For the quality report: frames painted on all tiles, bytes of both layers, delay from capture to
   * paint. Camera chunks carry no numbers, so what never arrived cannot be counted: no loss.
   */
  stats = new ScreenStats();

  /**
   * @param {import('../session.js').Session} session
   * @param {HTMLElement} gallery where tiles go (#gallery)
   */
  constructor(session, gallery) {
    super();
    this.#session = session;
    this.#gallery = gallery;
  }

  static get supported() {
    return typeof globalThis.VideoDecoder === 'function';
  }

  /** How many tiles show now. */
  get count() {
    return this.#tiles.size + (this.#own ? 1 : 0);
  }

  /** One 0x21 body; throws MalformedMediaError when it is not one. Returns nothing; `ack` is ours to call. */
  receive(from, body) {
    const chunk = parseCameraChunk(body);
    const tile = this.#tile(from);
    if (tile === null) return;
    this.stats.received(body.length);
    const layer = tile.layers[chunk.layer];
    if (chunk.layer === Layer.HIGH && !tile.wantsHigh) {
      layer.waitingForKey = true; // when the tile grows, decoding starts again at a key chunk
      return;
    }
    const config = `${chunk.codec} ${chunk.width} ${chunk.height}`;
    if (chunk.key && config !== layer.config) this.#configure(from, tile, layer, chunk, config);
    if (layer.decoder === null || layer.decoder.state !== 'configured' || (!chunk.key && config !== layer.config)) {
      this.#waitForKey(from, chunk.layer, layer);
      return;
    }
    if (chunk.key) layer.waitingForKey = false;
    else if (layer.waitingForKey) {
      this.#waitForKey(from, chunk.layer, layer);
      return;
    } else if (chunk.discardable && layer.decoder.decodeQueueSize > MAX_DECODE_QUEUE / 2) return;
    else if (layer.decoder.decodeQueueSize > MAX_DECODE_QUEUE) {
      this.#waitForKey(from, chunk.layer, layer);
      return;
    }
    try {
      layer.decoder.decode(new EncodedVideoChunk({ type: chunk.key ? 'key' : 'delta', timestamp: chunk.timestamp, data: chunk.data }));
    } catch (refused) {
      console.warn('cameras: chunk refused', refused);
      this.#reset(from, chunk.layer, layer);
    }
  }

  /** The sender turned its camera off (0x22) or left: its tile goes. */
  remove(id) {
    const tile = this.#tiles.get(id);
    if (!tile) return;
    for (const layer of tile.layers) if (layer.decoder && layer.decoder.state !== 'closed') layer.decoder.close();
    this.#sizes?.unobserve(tile.figure);
    tile.figure.remove();
    this.#tiles.delete(id);
    this.#changed();
  }

  /** Our own camera's self view (a mirrored local preview), or none. */
  showOwn(stream) {
    this.#own?.remove();
    this.#own = null;
    if (stream !== null) {
      const video = el('video', { className: 'tile-video own', attrs: { 'aria-label': 'Your camera' } });
      video.muted = true;
      video.playsInline = true;
      video.autoplay = true;
      video.srcObject = stream;
      this.#own = this.#figure(this.#session.you, video, 'You');
      this.#gallery.prepend(this.#own);
    }
    this.#changed();
  }

  /** Marks the tile of a speaker (and takes it to the front in speaker view). */
  speaking(id, speaking) {
    const figure = id === 0 ? this.#own : this.#tiles.get(id)?.figure;
    figure?.classList.toggle('is-speaking', speaking);
    if (speaking && figure) {
      this.#gallery.querySelectorAll('.gallery-tile.is-active').forEach((f) => f.classList.remove('is-active'));
      figure.classList.add('is-active');
    }
  }

  /** Mic state on a tile: "muted" shows a crossed microphone. */
  mic(id, state) {
    const figure = id === this.#session.you ? this.#own : this.#tiles.get(id)?.figure;
    const badge = figure?.querySelector('.tile-mic');
    if (badge) badge.textContent = state === 'muted' ? ' (muted)' : '';
  }

  closeAll() {
    for (const id of [...this.#tiles.keys()]) this.remove(id);
    this.showOwn(null);
  }

  #tile(id) {
    let tile = this.#tiles.get(id);
    if (tile) return tile;
    if (this.count >= MAX_TILES) return null;
    const canvas = el('canvas', { className: 'tile-video', attrs: { width: '320', height: '180', role: 'img', 'aria-label': 'Camera of ' + this.#session.nameOf(id) } });
    const figure = this.#figure(id, canvas, this.#session.nameOf(id));
    tile = { figure, canvas, context: canvas.getContext('2d'), layers: [new LayerDecoder(), new LayerDecoder()], wantsHigh: true };
    this.#byFigure.set(figure, tile);
    this.#sizes?.observe(figure); // the tile's size comes from the gallery, not from the picture in it
    this.#tiles.set(id, tile);
    this.#gallery.append(figure);
    this.#changed();
    return tile;
  }

  /** A small tile skips the high layer; it wants it again once wider than {@link HIGH_LAYER_FROM_PX} device pixels. */
  #resized(entries) {
    for (const entry of entries) {
      const tile = this.#byFigure.get(entry.target);
      if (tile) tile.wantsHigh = entry.contentRect.width * (globalThis.devicePixelRatio || 1) > HIGH_LAYER_FROM_PX;
    }
  }

  #figure(id, media, name) {
    return el('figure', { className: 'gallery-tile', attrs: { 'data-id': String(id) } }, media,
      el('figcaption', { className: 'tile-name', text: name }, el('span', { className: 'tile-mic' })));
  }

  #changed() {
    this.#gallery.dataset.count = String(this.count);
    this.#gallery.hidden = this.count === 0;
    this.dispatchEvent(new Event('change'));
  }

  #configure(from, tile, layer, chunk, config) {
    if (layer.decoder === null || layer.decoder.state === 'closed') {
      layer.decoder = new VideoDecoder({
        output: (frame) => this.#draw(tile, chunk.layer, frame),
        error: (error) => {
          console.warn('cameras: decoder error', error);
          layer.decoder = null;
          layer.config = null;
          this.#waitForKey(from, chunk.layer, layer);
        },
      });
    }
    layer.decoder.configure({ codec: chunk.codec, codedWidth: chunk.width, codedHeight: chunk.height, optimizeForLatency: true });
    layer.config = config;
  }

  #draw(tile, which, frame) {
    try {
      const now = performance.now();
      tile.layers[which].lastFrameAt = now;
      // the low layer only while the high one is not arriving
      if (which === Layer.LOW && now - tile.layers[Layer.HIGH].lastFrameAt < HIGH_FRESH_MS) return;
      const { canvas } = tile;
      if (canvas.width !== frame.displayWidth || canvas.height !== frame.displayHeight) {
        canvas.width = frame.displayWidth;
        canvas.height = frame.displayHeight;
      }
      tile.context.drawImage(frame, 0, 0);
      canvas.dataset.layer = which === Layer.HIGH ? 'high' : 'low';
      this.painted++;
      this.stats.painted((wallMicros() - frame.timestamp) / 1000);
    } finally {
      frame.close();
    }
  }

  #waitForKey(from, which, layer) {
    layer.waitingForKey = true;
    const now = performance.now();
    if (now - layer.lastRequestAt < REQUEST_GAP_MS) return;
    layer.lastRequestAt = now;
    this.#session.sendContent(MediaKind.CAMERA_KEY_REQUEST, encodeKeyRequest(which), { to: from }).catch(() => {});
  }

  #reset(from, which, layer) {
    if (layer.decoder !== null && layer.decoder.state !== 'closed') layer.decoder.close();
    layer.decoder = null;
    layer.config = null;
    this.#waitForKey(from, which, layer);
  }
}
