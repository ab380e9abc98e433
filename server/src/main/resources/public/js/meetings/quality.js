// The organizer's session-quality page: each participant's reports over time as four charts (uPlot,
// served from our own origin) and a table of the same numbers for those who do not read charts.
import uPlot from '/vendor/uplot/1.6.30/uPlot.esm.js';
import { api } from '../api.js';
import { byId } from '../ui.js';
import { el, idFromAddress, showLoadFailure } from './common.js';

const id = idFromAddress(new URLSearchParams(window.location.search));
const STREAMS = { tiles: 'screen (tiles)', video: 'screen (video)', voice: 'voice', camera: 'camera' };
const COLOURS = ['#1f5fbf', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0e7490', '#a16207', '#be185d'];

/** One chart of {@code field} for every series, on a shared time axis (seconds since the epoch). */
function chart(target, series, field, unit) {
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => Date.parse(p.at) / 1000)))].sort((a, b) => a - b);
  const columns = series.map((s) => {
    const byTime = new Map(s.points.map((p) => [Date.parse(p.at) / 1000, p[field]]));
    return times.map((t) => byTime.get(t) ?? null);
  });
  const width = Math.max(280, Math.min(900, target.clientWidth || 600));
  return new uPlot({
    width,
    height: 220,
    series: [{}, ...series.map((s, i) => ({
      label: `${s.name} · ${STREAMS[s.kind] ?? s.kind}`,
      stroke: COLOURS[i % COLOURS.length],
      width: 2,
      spanGaps: false,
      value: (u, v) => (v === null ? '–' : `${v} ${unit}`),
    }))],
    axes: [{}, { label: unit }],
  }, [times, ...columns], target);
}

function average(points, field) {
  const values = points.map((p) => p[field]).filter((v) => v !== null);
  return values.length === 0 ? '–' : String(Math.round(values.reduce((a, b) => a + b, 0) / values.length * 10) / 10);
}

/** Lost of all that was sent over every report, in percent; '–' for a stream whose frames are not numbered. */
function loss(points) {
  const counted = points.filter((p) => p.lost !== null);
  const lost = counted.reduce((sum, p) => sum + p.lost, 0);
  const sent = counted.reduce((sum, p) => sum + p.lost + p.received, 0);
  return counted.length === 0 ? '–' : String(sent === 0 ? 0 : Math.round((lost * 1000) / sent) / 10);
}

function table(series) {
  const body = byId('quality-table').tBodies[0];
  body.replaceChildren(...series.map((s) => {
    const delays = s.points.map((p) => p.latencyMs).filter((v) => v !== null);
    return el('tr', {}, el('th', { text: s.name, attrs: { scope: 'row' } }), el('td', { text: STREAMS[s.kind] ?? s.kind }),
      el('td', { text: String(s.points.length) }), el('td', { text: average(s.points, 'kbps') }),
      el('td', { text: average(s.points, 'fps') }), el('td', { text: delays.length === 0 ? '–' : String(Math.max(...delays)) }),
      el('td', { text: loss(s.points) }));
  }));
}

async function show() {
  let data;
  try {
    data = await api.get('/api/v1/meetings/' + encodeURIComponent(id) + '/quality/series');
  } catch (failed) {
    showLoadFailure(byId('page-error'), failed, 'meeting');
    return;
  }
  byId('subject').textContent = data.subject;
  byId('back-link').href = '/meeting.html?id=' + encodeURIComponent(id);
  byId('quality').hidden = false;
  byId('empty').hidden = data.series.length > 0;
  document.querySelectorAll('.quality-chart').forEach((section) => { section.hidden = data.series.length === 0; });
  table(data.series);
  if (data.series.length === 0) return;
  chart(byId('bitrate-chart'), data.series, 'kbps', 'kbit/s');
  chart(byId('fps-chart'), data.series, 'fps', 'frames/s');
  chart(byId('latency-chart'), data.series, 'latencyMs', 'ms');
  chart(byId('loss-chart'), data.series, 'lossPercent', '%');
}

show();
