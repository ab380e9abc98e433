/**
 * The screen worker (a module Worker of TileScreen): owns the frame buffer of a desktop agent's
 * screen, decodes its 0x10 bodies strictly in arrival order off the main thread, and hands the
 * page at most one picture at a time — the area changed since the last one, as an ImageBitmap —
 * so a page that paints slower than bodies arrive skips stale frames instead of queueing them.
 *
 * From the page: `{body: Uint8Array}` (transferred), `{ready: true}` when the last picture is drawn.
 * To the page: `{done: true}` once per body (decoded or discarded: the page acknowledges it),
 * `{keyframe: true}` to ask the presenter for one (0x13), and
 * `{picture: ImageBitmap, x, y, width, height, frames}` — the dirty area at (x, y) of a
 * width×height screen, with how many frames it completes.
 */
import { FrameBuffer, decodeScreen, parseHeader } from './screen-decode.js';
import { MalformedScreenError } from './screen-format.js';

const buffer = new FrameBuffer();
let image = null; // an ImageData over buffer.pixels, remade when the screen size changes
let chain = Promise.resolve();
let lastFrame = null; // the frame number of the last body decoded
let lastComplete = false;
let needKey = true; // until our first keyframe, and after a refused body
let discardDeltas = false; // after a refused body: deltas would build on a picture we do not have
let dirty = null; // {x0, y0, x1, y1} changed since the last picture
let frames = 0; // frames completed since the last picture
let pageReady = true;

self.onmessage = ({ data }) => {
  if (data.body) {
    chain = chain.then(() => decode(data.body));
  } else if (data.ready) {
    pageReady = true;
    chain = chain.then(paint).catch((failed) => console.warn('screen worker: could not paint', failed));
  }
};

async function decode(body) {
  try {
    const header = parseHeader(body);
    if (!header.keyframe && discardDeltas) return askForKey();
    checkSequence(header);
    const { dirty: changed } = await decodeScreen(body, buffer);
    if (image === null || image.width !== buffer.width || image.height !== buffer.height) {
      image = new ImageData(buffer.pixels, buffer.width, buffer.height);
      dirty = null;
      grow({ x: 0, y: 0, w: buffer.width, h: buffer.height }); // a new size starts black: all of it is new
      if (!header.keyframe) askForKey();
    }
    if (header.keyframe) discardDeltas = false;
    if (changed !== null) grow(changed);
    if (header.last) frames++;
    await paint();
  } catch (refused) {
    if (!(refused instanceof MalformedScreenError)) console.warn('screen worker: could not decode a body', refused);
    discardDeltas = true;
    askForKey();
  } finally {
    self.postMessage({ done: true });
  }
}

// README §9: frames count up by one; the parts of one frame share its number, the last part says so
function checkSequence({ frame, keyframe, last }) {
  const same = frame === lastFrame && !lastComplete;
  const next = lastFrame !== null && lastComplete && frame === ((lastFrame + 1) >>> 0);
  if (keyframe) {
    if (!same) needKey = false;
  } else if (needKey || !(same || next)) {
    askForKey();
  }
  lastFrame = frame;
  lastComplete = last;
}

function askForKey() {
  needKey = true;
  self.postMessage({ keyframe: true });
}

function grow({ x, y, w, h }) {
  if (dirty === null) {
    dirty = { x0: x, y0: y, x1: x + w, y1: y + h };
    return;
  }
  dirty.x0 = Math.min(dirty.x0, x);
  dirty.y0 = Math.min(dirty.y0, y);
  dirty.x1 = Math.max(dirty.x1, x + w);
  dirty.y1 = Math.max(dirty.y1, y + h);
}

// runs in the chain, between bodies, so the picture is of whole messages; only completed frames are shown
async function paint() {
  if (!pageReady || dirty === null || frames === 0) return;
  const { x0, y0, x1, y1 } = dirty;
  const done = frames;
  dirty = null;
  frames = 0;
  pageReady = false;
  let picture;
  try {
    picture = await createImageBitmap(image, x0, y0, x1 - x0, y1 - y0, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } finally {
    if (picture === undefined) {
      // the area is shown with the next picture instead
      pageReady = true;
      grow({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
      frames += done;
    }
  }
  self.postMessage({ picture, x: x0, y: y0, width: buffer.width, height: buffer.height, frames: done }, [picture]);
}
