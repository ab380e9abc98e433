/**
 * Local recording (protocol README §9a): what this page shows and plays — the stage (the shared
 * screen, else the cameras), the voices as mixed for us plus our own microphone while unmuted, and
 * the latest chat — drawn onto one canvas and recorded with MediaRecorder into a file the person
 * saves. Nothing is uploaded. The caller tells everyone (0x25) before {@link start} and after
 * {@link stop}.
 */
const WIDTH = 1280;
const HEIGHT = 720;
const CHAT_WIDTH = 320;
const FPS = 15;
const TYPES = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm'];

export class LocalRecorder {
  #engine;
  #microphone;
  #sources;
  #canvas = null;
  #timer = null;
  #recorder = null;
  #chunks = [];
  #destination = null;
  #ownVoice = null;
  #ownGain = null;
  #type = null;
  startedAt = null;

  /**
   * @param {import('./audio.js').AudioEngine} engine
   * @param {import('./audio.js').Microphone} microphone
   * @param {{screen: () => HTMLCanvasElement|HTMLVideoElement|null, tiles: () => Element[], chat: () => {who: string, text: string}[]}} sources
   */
  constructor(engine, microphone, sources) {
    this.#engine = engine;
    this.#microphone = microphone;
    this.#sources = sources;
  }

  static get supported() {
    return typeof globalThis.MediaRecorder === 'function' && TYPES.some((t) => MediaRecorder.isTypeSupported(t))
      && typeof HTMLCanvasElement.prototype.captureStream === 'function';
  }

  get recording() {
    return this.#recorder !== null;
  }

  async start() {
    await this.#engine.start();
    await this.#engine.resume();
    const context = this.#engine.context;
    this.#canvas = document.createElement('canvas');
    this.#canvas.width = WIDTH;
    this.#canvas.height = HEIGHT;
    this.#destination = context.createMediaStreamDestination();
    this.#engine.mixer.connect(this.#destination);
    this.#ownGain = context.createGain();
    this.#ownGain.connect(this.#destination);
    this.#draw();
    this.#timer = setInterval(() => this.#draw(), 1000 / FPS);
    const stream = new MediaStream([...this.#canvas.captureStream(FPS).getVideoTracks(), ...this.#destination.stream.getAudioTracks()]);
    this.#type = TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    this.#chunks = [];
    this.#recorder = new MediaRecorder(stream, { mimeType: this.#type, videoBitsPerSecond: 1_500_000, audioBitsPerSecond: 64_000 });
    this.#recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) this.#chunks.push(event.data);
    });
    this.#recorder.start(1000);
    this.startedAt = new Date();
  }

  /** Stops and resolves to the recording as a Blob (webm). */
  stop() {
    const recorder = this.#recorder;
    if (recorder === null) return Promise.resolve(null);
    this.#recorder = null;
    clearInterval(this.#timer);
    const done = new Promise((resolve) => {
      recorder.addEventListener('stop', () => resolve(new Blob(this.#chunks, { type: this.#type.split(';')[0] })), { once: true });
    });
    recorder.stop();
    done.finally(() => {
      recorder.stream.getTracks().forEach((t) => t.stop());
      try {
        this.#engine.mixer?.disconnect(this.#destination);
      } catch {
        // the engine was closed with the session
      }
      this.#ownVoice?.disconnect();
      this.#ownVoice = null;
    });
    return done;
  }

  // one picture of the page: the stage on the left, the chat on the right; our voice follows our mute button
  #draw() {
    this.#followMicrophone();
    const g = this.#canvas.getContext('2d');
    g.fillStyle = '#111';
    g.fillRect(0, 0, WIDTH, HEIGHT);
    const stageWidth = WIDTH - CHAT_WIDTH;
    const screen = this.#sources.screen();
    if (screen !== null) {
      fit(g, screen, 0, 0, stageWidth, HEIGHT);
    } else {
      const tiles = this.#sources.tiles();
      const columns = Math.ceil(Math.sqrt(tiles.length));
      const rows = Math.ceil(tiles.length / Math.max(1, columns));
      tiles.forEach((tile, i) => {
        const w = stageWidth / columns;
        const h = HEIGHT / Math.max(1, rows);
        fit(g, tile, (i % columns) * w, Math.floor(i / columns) * h, w, h);
      });
    }
    g.fillStyle = '#222';
    g.fillRect(stageWidth, 0, CHAT_WIDTH, HEIGHT);
    g.fillStyle = '#eee';
    g.font = '14px sans-serif';
    let y = HEIGHT - 12;
    for (const { who, text } of [...this.#sources.chat()].reverse()) {
      const line = `${who}: ${text}`.slice(0, 200);
      for (const part of wrap(g, line, CHAT_WIDTH - 20).reverse()) {
        g.fillText(part, stageWidth + 10, y);
        y -= 18;
        if (y < 18) return;
      }
      y -= 6;
    }
  }

  #followMicrophone() {
    const stream = this.#microphone.stream;
    if (stream !== null && this.#ownVoice?.mediaStream !== stream) {
      this.#ownVoice?.disconnect();
      this.#ownVoice = this.#engine.context.createMediaStreamSource(stream);
      this.#ownVoice.connect(this.#ownGain);
    }
    this.#ownGain.gain.value = stream !== null && !this.#microphone.muted ? 1 : 0;
  }
}

function fit(g, source, x, y, w, h) {
  const sw = source.videoWidth ?? source.width;
  const sh = source.videoHeight ?? source.height;
  if (!sw || !sh) return;
  const scale = Math.min(w / sw, h / sh);
  const dw = sw * scale;
  const dh = sh * scale;
  try {
    g.drawImage(source, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh);
  } catch {
    // a video without a frame yet
  }
}

function wrap(g, text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? line + ' ' + word : word;
    if (g.measureText(next).width > width && line) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}
