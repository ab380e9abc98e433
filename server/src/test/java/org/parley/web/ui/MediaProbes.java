package org.parley.web.ui;

import com.microsoft.playwright.Page;
import java.util.List;

/**
 * What tests of voice and webcams need in a page: Chromium with fake devices whose microphone plays
 * {@link ToneFile}, a tap on the page's mixer worklet to hear what it plays, and a record of what the
 * page's encoders produced (the plaintext that must never reach the server).
 */
public final class MediaProbes {
    /** Chromium's fake camera (a moving test pattern) and microphone (the tone), granted without asking; sound plays without a click. */
    public static List<String> fakeDevices() {
        return List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required",
                "--use-file-for-fake-audio-capture=" + ToneFile.path());
    }

    /**
     * Keeps every mixer node the page makes, and copies of the first chunks its audio and video
     * encoders produce; counts the MEDIA_ACKs it sends.
     */
    public static final String INIT_SCRIPT = """
            (() => {
              const Original = window.AudioWorkletNode;
              window.__mixers = [];
              window.AudioWorkletNode = class extends Original {
                constructor(context, name, options) {
                  super(context, name, options);
                  if (name === 'parley-mixer') window.__mixers.push(this);
                }
              };
              // MEDIA_ACK envelopes (type 10, the envelope's second byte) the page sends
              window.__mediaAcksSent = 0;
              const send = WebSocket.prototype.send;
              WebSocket.prototype.send = function (data) {
                const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data)
                  ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
                if (bytes && bytes.length > 1 && bytes[1] === 10) window.__mediaAcksSent++;
                return send.call(this, data);
              };
              window.__encoded = { audio: [], video: [] };
              for (const [name, kept] of [['AudioEncoder', 'audio'], ['VideoEncoder', 'video']]) {
                const Encoder = window[name];
                if (typeof Encoder !== 'function') continue;
                window[name] = class extends Encoder {
                  constructor(init) {
                    super({ ...init, output: (chunk, metadata) => {
                      const list = window.__encoded[kept];
                      if (list.length < 200) {
                        const bytes = new Uint8Array(chunk.byteLength);
                        chunk.copyTo(bytes);
                        list.push({ key: chunk.type === 'key', bytes: btoa(String.fromCharCode(...bytes)) });
                      }
                      init.output(chunk, metadata);
                    } });
                  }
                };
              }
            })();""";

    /** The mixer's output now: the level at a frequency and the median elsewhere, in dB. */
    private static final String HEARD = """
            (hz) => {
              const node = window.__mixers.at(-1);
              if (!node) return null;
              if (!node.__analyser) {
                node.__analyser = node.context.createAnalyser();
                node.__analyser.fftSize = 8192;
                node.__analyser.smoothingTimeConstant = 0.5;
                node.connect(node.__analyser);
              }
              const a = node.__analyser;
              const bins = new Float32Array(a.frequencyBinCount);
              a.getFloatFrequencyData(bins);
              const width = node.context.sampleRate / a.fftSize;
              const at = Math.round(hz / width);
              let tone = -Infinity;
              for (let i = at - 3; i <= at + 3; i++) tone = Math.max(tone, bins[i]);
              const rest = [];
              for (let i = Math.round(100 / width); i < Math.round(6000 / width); i++) if (Math.abs(i - at) > 20) rest.push(bins[i]);
              rest.sort((x, y) => x - y);
              return { tone, rest: rest[rest.length >> 1], state: node.context.state };
            }""";

    private MediaProbes() {
    }

    /** Whether the page's output carries the tone at this moment. */
    public static boolean toneNow(Page page) {
        return (Boolean) page.evaluate("() => (" + TONE + ")((" + HEARD + ")(" + ToneFile.HZ + "))");
    }

    private static final String TONE = "h => h !== null && h.tone > -60 && h.tone - h.rest > 30";

    /** Waits until the page's output carries the tone (at least 30 dB over the rest of the spectrum), or until it does not. */
    public static void hears(Page page, boolean tone) {
        String condition = tone ? TONE : "h => h !== null && (h.tone < -80 || h.tone - h.rest < 10)";
        page.waitForFunction("() => (" + condition + ")((" + HEARD + ")(" + ToneFile.HZ + "))");
    }
}
