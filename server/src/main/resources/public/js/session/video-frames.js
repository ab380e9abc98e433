import { wallMicros } from './screen-stats.js';

/**
 * Every frame of a captured video track, handed to `offer` (which takes ownership and must close it)
 * until `stopped()` says so: from a MediaStreamTrackProcessor where the page has one (it keeps
 * running in a background tab), else from a playing <video> element's frame callbacks.
 * @param {MediaStreamTrack} track
 * @param {(frame: VideoFrame) => void} offer
 * @param {() => boolean} stopped
 */
export async function readVideoFrames(track, offer, stopped) {
  if (typeof globalThis.MediaStreamTrackProcessor === 'function') {
    const reader = new MediaStreamTrackProcessor({ track, maxBufferSize: 1 }).readable.getReader();
    while (!stopped()) {
      const { done, value } = await reader.read();
      if (done) break;
      offer(value);
    }
    return;
  }
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  await video.play();
  const next = () => video.requestVideoFrameCallback(() => {
    if (stopped()) return;
    if (video.videoWidth > 0) offer(new VideoFrame(video, { timestamp: Math.round(wallMicros()) }));
    next();
  });
  next();
}
