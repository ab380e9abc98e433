/**
 * The screen worker (a module Worker of TileScreen): owns the frame buffer of a desktop agent's
 * screen, decodes its 0x10 bodies strictly in arrival order off the main thread, and hands the
 * page at most one picture at a time — the area changed since the last one, as an ImageBitmap —
 * so a page that paints slower than bodies arrive skips stale frames instead of queueing them.
 *
 * From the page: `{body: Uint8Array}` (transferred), `{ready: true}` when the last picture is drawn,
 * `{skipped: true}` when it dropped a delta (too far behind) instead of sending it.
 * To the page: `{done: true, received, lost}` once per body (decoded or discarded: the page acknowledges
 * it), with the frames it completed and those it found lost (for the quality report),
 * `{keyframe: true}` to ask the presenter for one (0x13), and
 * `{pictures: [{bitmap: ImageBitmap, x, y}], width, height, frames}` — the areas changed, each at
 * (x, y) of a width×height screen, with how many frames they complete.
 */
import { FrameBuffer, decodeScreen, parseHeader } from './screen-decode.js';
import { MalformedScreenError } from './screen-format.js';

const MAX_BOXES = 4;
const BITMAP = { colorSpaceConversion: 'none', premultiplyAlpha: 'none' };
const buffer = new FrameBuffer();
let image = null; // an ImageData over buffer.pixels, remade when the screen size changes
let chain = Promise.resolve();
let lastFrame = null; // the frame number of the last body decoded
let lastComplete = false;
let needKey = true; // until our first keyframe, and after a refused body
let discardDeltas = false; // after a refused body: deltas would build on a picture we do not have
let dirty = []; // boxes {x0, y0, x1, y1} changed since the last picture, at most MAX_BOXES, disjoint
let frames = 0; // frames completed since the last picture
let lastCounted = null; // the number of the last frame completed here
let received = 0; // since the last `done`: frames completed here
let lost = 0; // since the last `done`: frames the presenter numbered that were never completed here
let pageReady = true;

self.onmessage = ({ data }) => {
  if (data.body) {
    later(async () => {
      await decode(data.body);
      await paint();
    });
  } else if (data.skipped) {
    later(skipped);
  } else if (data.ready) {
    pageReady = true;
    later(paint);
  }
};

// one thing at a time, in arrival order: a picture is always of whole messages
function later(task) {
  chain = chain.then(task).catch((failed) => console.warn('screen worker: could not show a picture', failed));
}

async function decode(body) {
  try {
    const header = parseHeader(body);
    if (!header.keyframe && discardDeltas) return askForKey();
    checkSequence(header);
    const { rects } = await decodeScreen(body, buffer);
    if (image?.data !== buffer.pixels) { // the decoder reset the buffer for a new screen size
      image = new ImageData(buffer.pixels, buffer.width, buffer.height);
      dirty = [];
      grow({ x: 0, y: 0, w: buffer.width, h: buffer.height }); // a new size starts black: all of it is new
      if (!header.keyframe) askForKey();
    }
    if (header.keyframe) discardDeltas = false;
    for (const rect of rects) grow(rect);
    if (header.last) {
      frames++;
      tally(header.frame);
    }
  } catch (refused) {
    if (!(refused instanceof MalformedScreenError)) console.warn('screen worker: could not decode a body', refused);
    discardDeltas = true;
    askForKey();
  } finally {
    self.postMessage({ done: true, received, lost });
    received = 0;
    lost = 0;
  }
}

// README §9: frames count up by one, so the numbers between two frames completed here are frames lost on
// the way, or unusable after a loss (parts missing, deltas discarded until a keyframe). A number going back
// or jumping further than 10 minutes of frames can take is a presenter that started counting anew.
const MAX_GAP = 600 * 120;
function tally(frame) {
  const gap = lastCounted === null ? 0 : (frame - lastCounted - 1) >>> 0;
  if (gap <= MAX_GAP) lost += gap;
  received++;
  lastCounted = frame;
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

// the page dropped a delta it could not queue: what follows builds on a picture we do not have
function skipped() {
  discardDeltas = true;
  askForKey();
}

function askForKey() {
  needKey = true;
  self.postMessage({ keyframe: true });
}

// A few separate boxes rather than one: a clock in one corner and a window in the other need not
// repaint the screen between them. Touching or overlapping boxes merge; past MAX_BOXES the new area
// joins the box it grows least.
function grow({ x, y, w, h }) {
  let box = { x0: x, y0: y, x1: x + w, y1: y + h };
  for (let i = 0; i < dirty.length;) {
    if (touch(dirty[i], box)) {
      box = union(dirty[i], box);
      dirty.splice(i, 1);
      i = 0; // the bigger box may now touch one it did not
    } else {
      i++;
    }
  }
  if (dirty.length < MAX_BOXES) {
    dirty.push(box);
    return;
  }
  let best = 0;
  let growth = Infinity;
  dirty.forEach((d, i) => {
    const more = area(union(d, box)) - area(d);
    if (more < growth) {
      growth = more;
      best = i;
    }
  });
  const merged = union(dirty.splice(best, 1)[0], box);
  grow({ x: merged.x0, y: merged.y0, w: merged.x1 - merged.x0, h: merged.y1 - merged.y0 });
}

const touch = (a, b) => a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;
const union = (a, b) => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) });
const area = (a) => (a.x1 - a.x0) * (a.y1 - a.y0);

// only completed frames are shown
async function paint() {
  if (!pageReady || dirty.length === 0 || frames === 0) return;
  const boxes = dirty;
  const done = frames;
  dirty = [];
  frames = 0;
  pageReady = false;
  let pictures;
  try {
    const bitmaps = await Promise.all(boxes.map((b) => createImageBitmap(image, b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0, BITMAP)));
    pictures = bitmaps.map((bitmap, i) => ({ bitmap, x: boxes[i].x0, y: boxes[i].y0 }));
  } finally {
    if (pictures === undefined) {
      // the areas are shown with the next picture instead
      pageReady = true;
      for (const b of boxes) grow({ x: b.x0, y: b.y0, w: b.x1 - b.x0, h: b.y1 - b.y0 });
      frames += done;
    }
  }
  self.postMessage({ pictures, width: buffer.width, height: buffer.height, frames: done }, pictures.map((p) => p.bitmap));
}
