// The numbers a meeting page sends to the session-quality records (issue 14), under Node: a numbered
// stream (screen tiles, voice) reports received and lost, one without numbers (video chunks, cameras)
// reports neither, and a delay below zero (two machines' clocks disagreeing) is no delay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScreenStats } from '../../main/resources/public/js/session/screen-stats.js';

test('a numbered stream reports what arrived and what was lost, then starts counting anew', () => {
  const stats = new ScreenStats({ numbered: true });
  const start = performance.now();
  for (let i = 0; i < 3; i++) {
    stats.received(80);
    stats.painted(40 + i);
    stats.counted(1, i === 2 ? 5 : 0);
  }
  assert.deepEqual(stats.takeReport(start + 30_000), { seconds: 30, frames: 3, bytes: 240, latencyP50Ms: 41, received: 3, lost: 5 });
  assert.deepEqual(stats.takeReport(start + 60_000), { seconds: 30, frames: 0, bytes: 0, latencyP50Ms: null, received: 0, lost: 0 });
});

test('a stream without numbers reports no loss at all, not zero', () => {
  const stats = new ScreenStats();
  stats.received(1000);
  stats.painted(60);
  const report = stats.takeReport();
  assert.equal(report.received, null);
  assert.equal(report.lost, null);
  assert.equal(report.frames, 1);
});

test('a median delay below zero is the clocks disagreeing: no delay is reported', () => {
  const stats = new ScreenStats();
  for (const ms of [-30, -20, 5]) stats.painted(ms);
  assert.equal(stats.takeReport().latencyP50Ms, null);
});
