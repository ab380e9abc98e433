// Wall-clock times in a named time zone, without a library: the form asks for a date and a time
// "in Europe/Berlin", the API wants an instant. Intl knows every zone's offsets; we ask it.

const partsFormat = new Map();

function formatIn(zone) {
  if (!partsFormat.has(zone)) {
    partsFormat.set(zone, new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    }));
  }
  return partsFormat.get(zone);
}

function partsIn(zone, date) {
  const parts = {};
  for (const part of formatIn(zone).formatToParts(date)) {
    if (part.type !== 'literal') {
      parts[part.type] = Number(part.value);
    }
  }
  return parts;
}

/** How far {@code zone}'s clocks are ahead of UTC at {@code date}, in milliseconds. */
function offsetAt(zone, date) {
  const p = partsIn(zone, date);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** The browser's own zone, the default for new meetings. */
export function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every zone the browser knows, with UTC and {@code extra} (a meeting's zone) surely among them. */
export function zoneNames(...extra) {
  const names = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  for (const zone of ['UTC', browserZone(), ...extra]) {
    if (zone) {
      names.add(zone);
    }
  }
  return [...names].sort();
}

/**
 * The instant at which clocks in {@code zone} show {@code day} ("2027-03-01") and {@code time}
 * ("10:00"). Two passes settle the offset even on the day it changes.
 */
export function instantOf(day, time, zone) {
  const [y, m, d] = day.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, h, min);
  let guess = wall - offsetAt(zone, new Date(wall));
  guess = wall - offsetAt(zone, new Date(guess));
  return new Date(guess);
}

/** The date and time that clocks in {@code zone} show at {@code iso}: {day: "2027-03-01", time: "10:00"}. */
export function wallClockOf(iso, zone) {
  const p = partsIn(zone, new Date(iso));
  const two = (n) => String(n).padStart(2, '0');
  return { day: p.year + '-' + two(p.month) + '-' + two(p.day), time: two(p.hour % 24) + ':' + two(p.minute) };
}

/** ISO-8601 with an offset, as the API wants ("2027-03-01T09:00:00Z"). */
export function isoOf(day, time, zone) {
  return instantOf(day, time, zone).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
