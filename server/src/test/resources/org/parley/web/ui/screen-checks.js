// Checks run inside the page by ScreenViewerBrowserTest: the v2 screen decoder (js/session/screen-decode.js)
// against conformance vectors, and the TileScreen with its worker fed faster than it can paint.
(base) => {
  const hex = (s) => Uint8Array.from(s.match(/../g) ?? [], (b) => parseInt(b, 16));
  const sha256 = async (bytes) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
  const deflate = async (bytes) => new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer());
  const until = async (what, condition, ms = 10_000) => {
    for (const end = performance.now() + ms; performance.now() < end;) {
      if (await condition()) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('timed out waiting for ' + what);
  };

  /** A v2 body: header, then the records deflated as one zlib stream. */
  async function body(width, height, frame, flags, records) {
    const inflated = new Uint8Array(records.reduce((n, r) => n + r.length, 0));
    let at = 0;
    for (const r of records) {
      inflated.set(r, at);
      at += r.length;
    }
    const stream = await deflate(inflated);
    const out = new Uint8Array(15 + stream.length);
    const v = new DataView(out.buffer);
    v.setUint16(0, width);
    v.setUint16(2, height);
    v.setUint32(4, frame);
    v.setUint8(8, flags | 4);
    v.setUint16(9, records.length);
    v.setUint32(11, inflated.length);
    out.set(stream, 15);
    return out;
  }
  function record(x, y, w, h, encoding, payload) {
    const r = new Uint8Array(9 + payload.length);
    const v = new DataView(r.buffer);
    v.setUint16(0, x);
    v.setUint16(2, y);
    v.setUint16(4, w);
    v.setUint16(6, h);
    v.setUint8(8, encoding);
    r.set(payload, 9);
    return r;
  }
  const solid = (x, y, w, h, [r, g, b]) => record(x, y, w, h, 3, [r, g, b]);
  const copy = (x, y, w, h, srcX, srcY) => record(x, y, w, h, 5, [srcX >> 8, srcX & 0xff, srcY >> 8, srcY & 0xff]);
  const raw = (x, y, w, h, seed) => record(x, y, w, h, 2, Uint8Array.from({ length: w * h * 3 }, (_, i) => (i * 7 + seed * 13 + (i >> 5)) & 0xff));
  const jpeg = (x, y, w, h, bytes) => {
    const payload = new Uint8Array(4 + bytes.length);
    new DataView(payload.buffer).setUint32(0, bytes.length);
    payload.set(bytes, 4);
    return record(x, y, w, h, 6, payload);
  };

  /** A TileScreen on a fresh canvas, with hooks that count what it does. */
  async function tileScreen() {
    const { TileScreen } = await import(base + 'screen-tiles.js');
    document.querySelector('#test-screen')?.remove();
    const canvas = document.createElement('canvas');
    canvas.id = 'test-screen';
    document.body.append(canvas);
    const seen = { received: 0, painted: 0, keyframes: 0, acks: 0, completed: 0, lost: 0 };
    const counted = (completed, lost) => {
      seen.completed += completed;
      seen.lost += lost;
    };
    const hooks = { requestKeyframe: () => seen.keyframes++, stats: { received: () => seen.received++, painted: () => seen.painted++, counted } };
    return { screen: new TileScreen(canvas, hooks), canvas, seen, ack: () => seen.acks++ };
  }
  const pixel = (canvas, x, y) => Array.from(canvas.getContext('2d').getImageData(x, y, 1, 1).data.subarray(0, 3));
  const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

  return {
    /** Every case: its messages decode to the picture hashed, or message malformedAt is refused (and none before it). */
    async vectors(text) {
      const { FrameBuffer, decodeScreen } = await import(base + 'screen-decode.js');
      const { MalformedScreenError } = await import(base + 'screen-format.js');
      const r = { checked: 0, failures: [] };
      for (const c of JSON.parse(text).cases) {
        r.checked++;
        const buffer = new FrameBuffer();
        buffer.reset(c.width, c.height);
        const refuseAt = c.malformedAt ?? -1;
        let i = 0;
        try {
          for (; i < c.messages.length; i++) {
            await decodeScreen(hex(c.messages[i]), buffer);
            if (i === refuseAt) break;
          }
        } catch (e) {
          if (!(e instanceof MalformedScreenError)) r.failures.push(`${c.name}: message ${i} threw ${e?.name}: ${e?.message}`);
          else if (i !== refuseAt) r.failures.push(`${c.name}: message ${i} refused (${e.message}), expected ${refuseAt < 0 ? 'none' : refuseAt}`);
          continue;
        }
        if (refuseAt >= 0) r.failures.push(`${c.name}: message ${refuseAt} decoded, expected it refused`);
        else if (buffer.width !== c.width || buffer.height !== c.height) r.failures.push(`${c.name}: screen ${buffer.width}×${buffer.height}`);
        else {
          const got = await sha256(buffer.rgb());
          if (got !== c.rgbSha256) r.failures.push(`${c.name}: expected ${c.rgbSha256}, got ${got}`);
        }
      }
      return r;
    },

    /** JPEG records: a JPEG of the record's size is drawn there (lossy: near its colour), any other size is refused. */
    async jpeg() {
      const { FrameBuffer, decodeScreen } = await import(base + 'screen-decode.js');
      const { MalformedScreenError } = await import(base + 'screen-format.js');
      const r = { checked: 0, failures: [] };
      const canvas = new OffscreenCanvas(24, 16);
      const g = canvas.getContext('2d');
      g.fillStyle = 'rgb(40, 160, 220)';
      g.fillRect(0, 0, 24, 16);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 })).arrayBuffer());
      const buffer = new FrameBuffer();
      buffer.reset(64, 32);
      const { dirty } = await decodeScreen(await body(64, 32, 1, 3, [solid(0, 0, 64, 32, [0, 0, 0]), jpeg(30, 10, 24, 16, bytes)]), buffer);
      r.checked++;
      if (dirty.x !== 0 || dirty.w !== 64 || dirty.h !== 32) r.failures.push(`dirty ${JSON.stringify(dirty)}`);
      for (const [x, y] of [[30, 10], [53, 25], [40, 18]]) {
        const p = buffer.pixels.subarray((y * 64 + x) * 4, (y * 64 + x) * 4 + 4);
        r.checked++;
        if (Math.abs(p[0] - 40) > 6 || Math.abs(p[1] - 160) > 6 || Math.abs(p[2] - 220) > 6 || p[3] !== 255) r.failures.push(`JPEG pixel ${x},${y}: ${Array.from(p)}`);
      }
      const p = buffer.pixels.subarray((10 * 64 + 29) * 4, (10 * 64 + 29) * 4 + 3);
      r.checked++;
      if (!same(Array.from(p), [0, 0, 0])) r.failures.push(`left of the JPEG: ${Array.from(p)}`);
      r.checked++;
      try {
        await decodeScreen(await body(64, 32, 2, 3, [jpeg(0, 0, 24, 15, bytes)]), buffer);
        r.failures.push('a 24×16 JPEG in a 24×15 record was drawn');
      } catch (e) {
        if (!(e instanceof MalformedScreenError)) r.failures.push(`wrong-size JPEG threw ${e?.name}`);
      }
      // and through the TileScreen: the worker decodes JPEG too (OffscreenCanvas there)
      const { screen, canvas: shown, ack } = await tileScreen();
      screen.receive(await body(64, 32, 1, 3, [solid(0, 0, 64, 32, [0, 0, 0]), jpeg(30, 10, 24, 16, bytes)]), ack);
      r.checked++;
      try {
        await until('the JPEG on the canvas', () => shown.width === 64 && pixel(shown, 40, 18).every((v, i) => Math.abs(v - [40, 160, 220][i]) <= 6));
      } catch (e) {
        r.failures.push(`${e.message}: ${shown.width > 0 ? pixel(shown, 40, 18) : 'nothing drawn'}`);
      }
      screen.close();
      return r;
    },

    /**
     * A page that cannot hand bodies over as fast as they come (its own thread busy) queues a bounded
     * number: past that deltas are dropped and acknowledged, a keyframe is asked for, and it brings the picture back.
     */
    async boundsItsQueue() {
      const r = { checked: 0, failures: [] };
      const { screen, canvas, seen, ack } = await tileScreen();
      const W = 64;
      const H = 48;
      const bodies = [await body(W, H, 1, 3, [solid(0, 0, W, H, [0, 0, 200])])];
      for (let f = 2; f <= 400; f++) bodies.push(await body(W, H, f, 2, [solid(0, 0, 8, 8, [f & 0xff, 7, 7])]));
      for (const b of bodies) screen.receive(b, ack); // one task: no worker answer is heard meanwhile
      r.checked++;
      if (seen.acks < 50) r.failures.push(`only ${seen.acks} bodies past the bound were acknowledged at once`);
      await until('every body acknowledged', () => seen.acks === bodies.length);
      await new Promise((done) => setTimeout(done, 100));
      r.checked++;
      if (seen.keyframes < 1) r.failures.push('no keyframe asked for after dropping deltas');
      r.checked++;
      if (same(pixel(canvas, 2, 2), [400 & 0xff, 7, 7])) r.failures.push('the last delta was drawn after earlier ones were dropped');
      screen.receive(await body(W, H, 401, 3, [solid(0, 0, W, H, [0, 200, 0])]), ack);
      r.checked++;
      try {
        await until('the keyframe', () => same(pixel(canvas, 2, 2), [0, 200, 0]));
      } catch (e) {
        r.failures.push(e.message);
      }
      screen.close();
      return r;
    },

    /**
     * A stream of bodies far faster than a page paints: the canvas ends on the last frame, exactly,
     * fewer frames are painted than received (stale ones skipped), each body acknowledged once.
     */
    async keepsUp(count) {
      const { FrameBuffer, decodeScreen } = await import(base + 'screen-decode.js');
      const r = { checked: 0, failures: [] };
      const W = 800;
      const H = 600;
      const bodies = [await body(W, H, 1, 3, [solid(0, 0, W, H, [30, 30, 30]), raw(0, 0, 256, 256, 1)])];
      for (let f = 2; f <= count; f++) {
        const at = (f * 23) % (W - 256);
        bodies.push(await body(W, H, f, 2, [solid(0, 300, W, 40, [f & 0xff, 255 - (f & 0xff), 90]), raw(at, 320, 256, 256, f), solid(700, 10, 50, 50, [f * 5 & 0xff, 0, 200])]));
      }
      const expected = new FrameBuffer();
      for (const b of bodies) await decodeScreen(b, expected);
      const { screen, canvas, seen, ack } = await tileScreen();
      const started = performance.now();
      for (const b of bodies) screen.receive(b, ack);
      await until('every body acknowledged', () => seen.acks === bodies.length);
      const decoded = performance.now() - started;
      const matches = () => {
        if (canvas.width !== W || canvas.height !== H) return false;
        const got = canvas.getContext('2d').getImageData(0, 0, W, H).data;
        for (let i = 0; i < got.length; i++) if (got[i] !== expected.pixels[i]) return false;
        return true;
      };
      try {
        await until('the canvas showing the last frame', matches, 5000);
      } catch (e) {
        r.failures.push(`${e.message}: pixel at 700,10 is ${pixel(canvas, 700, 10)}`);
      }
      r.checked++;
      await new Promise((done) => setTimeout(done, 200)); // nothing more should arrive
      r.checked++;
      if (seen.acks !== bodies.length) r.failures.push(`acks: ${seen.acks} for ${bodies.length} bodies`);
      r.checked++;
      if (seen.received !== bodies.length) r.failures.push(`received: ${seen.received} for ${bodies.length} bodies`);
      r.checked++;
      if (!(seen.painted >= 1 && seen.painted < bodies.length)) r.failures.push(`painted ${seen.painted} frames of ${bodies.length}`);
      r.checked++;
      if (seen.keyframes !== 0) r.failures.push(`asked for ${seen.keyframes} keyframes in an unbroken stream`);
      screen.close();
      return { ...r, decodedMs: decoded, painted: seen.painted };
    },

    /**
     * Frame numbers: a gap asks for a keyframe (the delta is still drawn); a refused body asks for one and
     * deltas are ignored until it comes; every body is acknowledged, and close() acknowledges the rest.
     */
    async recovers() {
      const r = { checked: 0, failures: [] };
      const check = (ok, what) => {
        r.checked++;
        if (!ok) r.failures.push(what);
      };
      const { screen, canvas, seen, ack } = await tileScreen();
      const W = 64;
      const H = 48;
      const shows = (x, y, c) => () => canvas.width === W && same(pixel(canvas, x, y), c);
      screen.receive(await body(W, H, 1, 3, [solid(0, 0, W, H, [0, 0, 200])]), ack);
      await until('the keyframe', shows(5, 5, [0, 0, 200]));
      screen.receive(await body(W, H, 3, 2, [solid(0, 0, 8, 8, [0, 200, 0])]), ack);
      await until('the delta after a gap', shows(2, 2, [0, 200, 0]));
      check(seen.keyframes === 1, `a gap in frame numbers asked ${seen.keyframes} times for a keyframe`);
      const broken = await body(W, H, 4, 2, [solid(0, 0, 8, 8, [1, 1, 1])]);
      broken[broken.length - 3] ^= 0xff;
      screen.receive(broken, ack);
      screen.receive(await body(W, H, 5, 2, [solid(20, 20, 8, 8, [200, 0, 0])]), ack);
      await until('four acks', () => seen.acks === 4);
      await new Promise((done) => setTimeout(done, 100));
      check(!same(pixel(canvas, 22, 22), [200, 0, 0]), 'a delta after a refused body was drawn');
      check(seen.keyframes >= 2, `a refused body asked ${seen.keyframes - 1} times for a keyframe`);
      screen.receive(await body(W, H, 9, 3, [solid(0, 0, W, H, [200, 200, 0])]), ack);
      await until('the next keyframe', shows(22, 22, [200, 200, 0]));
      screen.receive(await body(W, H, 10, 2, [solid(30, 30, 8, 8, [9, 9, 9])]), ack);
      await until('deltas again', shows(31, 31, [9, 9, 9]));
      check(seen.acks === 6, `${seen.acks} acks for 6 bodies`);
      // for the quality report: frames 1, 3, 9 and 10 completed; 2 never came, 4 was refused, 5 to 8 could not be used
      check(seen.completed === 4 && seen.lost === 6, `${seen.completed} frames completed and ${seen.lost} lost, not 4 and 6`);
      screen.receive(await body(W, H, 11, 2, [solid(0, 0, 1, 1, [1, 2, 3])]), ack);
      screen.close();
      check(seen.acks === 7, `close() left ${7 - seen.acks} bodies unacknowledged`);
      screen.receive(await body(W, H, 12, 2, [solid(0, 0, 1, 1, [1, 2, 3])]), ack);
      check(seen.acks === 8, 'a body after close() was not acknowledged');
      return r;
    },

    /**
     * A busy 1080p desktop at 30 frames/s for `seconds`, made in advance: a window gliding (RAW), a terminal scrolling
     * (COPY and a new line) and a marker changing colour every frame. The canvas is probed on every
     * animation frame, as the benchmark's probe does: how late each marker colour shows, how many show.
     */
    async steadyPrepared(seconds) {
      const W = 1920;
      const H = 1080;
      const count = seconds * 30;
      const marker = (f) => [f & 0xff, 255 - (f & 0xff), (f >> 8) * 40 + 20];
      const bodies = [await body(W, H, 1, 3, [solid(0, 0, W, H, [20, 20, 30]), solid(1850, 20, 40, 40, marker(1))])];
      for (let f = 2; f <= count; f++) {
        const x = 100 + ((f * 12) % 1200);
        bodies.push(await body(W, H, f, 2, [
          copy(0, 600, 1200, 460, 0, 616), solid(0, 1060, 1200, 16, [f & 0xff, 200, 100]),
          solid(x - 12, 100, 12, 300, [20, 20, 30]), raw(x, 100, 200, 300, f), raw(x + 200, 100, 200, 300, f + 1),
          solid(1850, 20, 40, 40, marker(f))]));
      }
      globalThis.steadyBodies = bodies;
      return { checked: 1, failures: [] };
    },

    /** The stream steadyPrepared made, played at 30 frames/s (see there). */
    async steady() {
      const W = 1920;
      const bodies = globalThis.steadyBodies;
      const count = bodies.length;
      const { screen, canvas, seen, ack } = await tileScreen();
      const sentAt = new Array(count + 1);
      const shownAt = new Array(count + 1);
      let probing = true;
      const probe = () => {
        if (canvas.width === W) {
          const [r, g, b] = pixel(canvas, 1860, 30);
          const f = r + 256 * ((b - 20) / 40);
          if (g === 255 - r && Number.isInteger(f) && f >= 1 && f <= count && shownAt[f] === undefined) shownAt[f] = performance.now();
        }
        if (probing) requestAnimationFrame(probe);
      };
      requestAnimationFrame(probe);
      const start = performance.now();
      for (let f = 1; f <= count; f++) {
        const wait = start + (f - 1) * (1000 / 30) - performance.now();
        if (wait > 0) await new Promise((done) => setTimeout(done, wait));
        sentAt[f] = performance.now();
        screen.receive(bodies[f - 1], ack);
      }
      await until('every body acknowledged', () => seen.acks === count);
      await new Promise((done) => setTimeout(done, 300));
      probing = false;
      const elapsed = (performance.now() - start) / 1000;
      screen.close();
      const latencies = [];
      for (let f = 1; f <= count; f++) if (shownAt[f] !== undefined) latencies.push(shownAt[f] - sentAt[f]);
      latencies.sort((a, b) => a - b);
      const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
      return {
        checked: 1, failures: latencies.length === 0 ? ['no marker colour was ever shown'] : [], frames: count, shown: latencies.length,
        medianMs: at(0.5), p95Ms: at(0.95), fps: seen.painted / elapsed, bytes: bodies.reduce((n, b) => n + b.length, 0),
      };
    },

    /** How long the decoder takes for bodies the agent's encoder made: a keyframe's parts, then a delta's. */
    async timeBodies(keyHex, deltaHex) {
      const { FrameBuffer, decodeScreen } = await import(base + 'screen-decode.js');
      const key = keyHex.map(hex);
      const delta = deltaHex.map(hex);
      const buffer = new FrameBuffer();
      let keyMs = 0;
      let deltaMs = 0;
      const runs = 10;
      for (let i = 0; i <= runs; i++) {
        const t0 = performance.now();
        for (const b of key) await decodeScreen(b, buffer);
        const t1 = performance.now();
        for (const b of delta) await decodeScreen(b, buffer);
        const t2 = performance.now();
        if (i > 0) { // the first run warms up
          keyMs += t1 - t0;
          deltaMs += t2 - t1;
        }
      }
      return { checked: 1, failures: [], keyMs: keyMs / runs, deltaMs: deltaMs / runs };
    },

    /** How long the decoder takes for a 1080p keyframe of text-like palettes and for a delta, in ms. */
    async speed() {
      const { FrameBuffer, decodeScreen } = await import(base + 'screen-decode.js');
      const W = 1920;
      const H = 1080;
      const records = [];
      for (let y = 0; y < H; y += 64) {
        for (let x = 0; x < W; x += 64) {
          const w = Math.min(64, W - x);
          const h = Math.min(64, H - y);
          const k = (x / 64 + y / 64) % 3;
          if (k === 0) records.push(solid(x, y, w, h, [x & 0xff, y & 0xff, 40]));
          else if (k === 1) records.push(raw(x, y, w, h, x + y));
          else {
            const n = 16;
            const payload = new Uint8Array(1 + n * 3 + h * Math.ceil(w / 2));
            payload[0] = n - 1;
            for (let i = 1; i < payload.length; i++) payload[i] = (i * 31 + x) & 0xff;
            records.push(record(x, y, w, h, 4, payload));
          }
        }
      }
      const key = await body(W, H, 1, 3, records);
      // the worst case: every pixel RAW and noisy (zlib gains nothing), 6 MB inflated
      let seed = 1;
      const noise = (n) => Uint8Array.from({ length: n }, () => {
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        return seed & 0xff;
      });
      const rawRecords = [];
      for (let y = 0; y < H; y += 216) for (let x = 0; x < W; x += 240) rawRecords.push(record(x, y, 240, 216, 2, noise(240 * 216 * 3)));
      const rawKey = await body(W, H, 1, 3, rawRecords);
      const delta = await body(W, H, 2, 2, [record(0, 0, 1920, 1040, 5, [0, 0, 0, 40]), solid(0, 1040, 1920, 40, [0, 0, 0]), raw(500, 500, 200, 200, 3)]);
      const buffer = new FrameBuffer();
      const time = async (b, n) => {
        const t = performance.now();
        for (let i = 0; i < n; i++) await decodeScreen(b, buffer);
        return (performance.now() - t) / n;
      };
      await time(key, 2);
      const keyMs = await time(key, 10);
      const deltaMs = await time(delta, 20);
      const rawKeyMs = await time(rawKey, 5);
      // what one full-screen picture costs: the worker's bitmap of the frame buffer, the page's drawImage
      const image = new ImageData(buffer.pixels, W, H);
      const canvas = document.createElement('canvas');
      canvas.width = W;
      canvas.height = H;
      const context = canvas.getContext('2d', { alpha: false });
      let bitmapMs = 0;
      let drawMs = 0;
      for (let i = 0; i < 10; i++) {
        const t = performance.now();
        const bitmap = await createImageBitmap(image, 0, 0, W, H, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
        const t1 = performance.now();
        context.drawImage(bitmap, 0, 0);
        context.getImageData(0, 0, 1, 1); // the draw is done once a pixel can be read
        drawMs += performance.now() - t1;
        bitmapMs += t1 - t;
        bitmap.close();
      }
      return { checked: 1, failures: [], keyMs, deltaMs, rawKeyMs, keyBytes: key.length, deltaBytes: delta.length, rawKeyBytes: rawKey.length,
        bitmapMs: bitmapMs / 10, drawMs: drawMs / 10 };
    },
  };
}
