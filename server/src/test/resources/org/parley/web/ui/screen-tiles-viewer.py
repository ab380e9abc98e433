#!/usr/bin/env python3
"""Writes screen-tiles-viewer.json: hand-made v2 screen-tile vectors (SCREEN-V2, README §9) for the
browser decoder's own tests, in the shared conformance format. The expected pictures come from the
small reference decoder below (plain Python, no relation to the JS code it checks).
Run: python3 screen-tiles-viewer.py > screen-tiles-viewer.json"""
import hashlib, json, struct, zlib, random

KEY, LAST, V2 = 1, 2, 4
RAW, SOLID, PALETTE, COPY = 2, 3, 4, 5

def body(w, h, frame, flags, records, count=None, inflated=None, declared=None, stream=None):
    data = b''.join(records) if inflated is None else inflated
    z = zlib.compress(data) if stream is None else stream
    n = len(records) if count is None else count
    return struct.pack('>HHIBHI', w, h, frame, flags, n, len(data) if declared is None else declared) + z

def rec(x, y, w, h, enc, payload):
    return struct.pack('>HHHHB', x, y, w, h, enc) + payload

def raw(x, y, w, h, rgb):
    return rec(x, y, w, h, RAW, bytes(rgb))

def solid(x, y, w, h, c):
    return rec(x, y, w, h, SOLID, bytes(c))

def palette(x, y, w, h, colours, indices):
    n = len(colours)
    b = 1 if n <= 2 else 2 if n <= 4 else 4 if n <= 16 else 8
    rows = b''
    for r in range(h):
        bits = ''.join(format(i, '0%db' % b) for i in indices[r * w:(r + 1) * w])
        bits += '0' * (-len(bits) % 8)
        rows += bytes(int(bits[k:k + 8], 2) for k in range(0, len(bits), 8))
    return rec(x, y, w, h, PALETTE, bytes([n - 1]) + b''.join(bytes(c) for c in colours) + rows)

def copy(x, y, w, h, sx, sy):
    return rec(x, y, w, h, COPY, struct.pack('>HH', sx, sy))

# ---- reference decoder: RGB bytearray, records applied one by one ----
def apply(fb, W, H, records):
    for r in records:
        x, y, w, h, enc = struct.unpack('>HHHHB', r[:9])
        p = r[9:]
        if enc == RAW:
            for j in range(h):
                fb[((y + j) * W + x) * 3:((y + j) * W + x + w) * 3] = p[j * w * 3:(j + 1) * w * 3]
        elif enc == SOLID:
            for j in range(h):
                fb[((y + j) * W + x) * 3:((y + j) * W + x + w) * 3] = p[:3] * w
        elif enc == PALETTE:
            n = p[0] + 1
            cols = [p[1 + 3 * k:4 + 3 * k] for k in range(n)]
            b = 1 if n <= 2 else 2 if n <= 4 else 4 if n <= 16 else 8
            rb = (w * b + 7) // 8
            idx = p[1 + 3 * n:]
            for j in range(h):
                bits = ''.join(format(v, '08b') for v in idx[j * rb:(j + 1) * rb])
                for i in range(w):
                    k = int(bits[i * b:(i + 1) * b], 2)
                    fb[((y + j) * W + x + i) * 3:((y + j) * W + x + i + 1) * 3] = cols[k]
        elif enc == COPY:
            sx, sy = struct.unpack('>HH', p)
            tmp = [bytes(fb[((sy + j) * W + sx) * 3:((sy + j) * W + sx + w) * 3]) for j in range(h)]
            for j in range(h):
                fb[((y + j) * W + x) * 3:((y + j) * W + x + w) * 3] = tmp[j]

def ok(name, W, H, frames):
    fb = bytearray(W * H * 3)
    messages = []
    for recs, msg in frames:
        apply(fb, W, H, recs)
        messages.append(msg.hex())
    return {'name': name, 'width': W, 'height': H, 'messages': messages, 'rgbSha256': hashlib.sha256(fb).hexdigest()}

def bad(name, W, H, messages, at):
    return {'name': name, 'width': W, 'height': H, 'messages': [m.hex() for m in messages], 'malformedAt': at}

rnd = random.Random(12)
W, H = 48, 32
def rgb(n):
    return [rnd.randrange(256) for _ in range(n * 3)]
def picture():
    """A keyframe covering the whole 48×32 screen with every lossless encoding."""
    recs = [raw(0, 0, 16, 16, rgb(256)), solid(16, 0, 32, 16, (200, 30, 90))]
    for k, n in enumerate([2, 3, 4, 5, 16, 17]):
        cols = [tuple(rgb(1)) for _ in range(n)]
        recs.append(palette(k * 8, 16, 8 - (k % 2), 8, cols, [rnd.randrange(n) for _ in range((8 - (k % 2)) * 8)]))
        if k % 2:
            recs.append(solid(k * 8 + 7, 16, 1, 8, (k, 2 * k, 3 * k)))
    cols = [tuple(rgb(1)) for _ in range(256)]
    recs.append(palette(0, 24, 48, 8, cols, [rnd.randrange(256) for _ in range(48 * 8)]))
    return recs

key = picture()
cases = [ok('keyframe: RAW, SOLID, PALETTE of 2, 3, 4, 5, 16, 17 and 256 colours', W, H, [(key, body(W, H, 7, KEY | LAST | V2, key))])]
delta = [raw(5, 3, 3, 2, rgb(6)), solid(40, 30, 8, 2, (1, 2, 3)), palette(20, 10, 9, 3, [(9, 9, 9), (250, 0, 0), (0, 250, 0)], [rnd.randrange(3) for _ in range(27)])]
cases.append(ok('keyframe then a delta', W, H, [(key, body(W, H, 7, KEY | LAST | V2, key)), (delta, body(W, H, 8, LAST | V2, delta))]))
scroll_up = [copy(0, 0, 48, 28, 0, 4), solid(0, 28, 48, 4, (0, 0, 80))]
scroll_down = [copy(0, 5, 40, 27, 0, 0), solid(0, 0, 40, 5, (80, 0, 0))]
sideways = [copy(3, 2, 30, 10, 0, 2), copy(0, 20, 30, 10, 5, 21)]
cases.append(ok('COPY overlapping upwards (a terminal scrolling)', W, H, [(key, body(W, H, 1, KEY | LAST | V2, key)), (scroll_up, body(W, H, 2, LAST | V2, scroll_up))]))
cases.append(ok('COPY overlapping downwards', W, H, [(key, body(W, H, 1, KEY | LAST | V2, key)), (scroll_down, body(W, H, 2, LAST | V2, scroll_down))]))
cases.append(ok('COPY overlapping sideways, in a row and across rows', W, H, [(key, body(W, H, 1, KEY | LAST | V2, key)), (sideways, body(W, H, 2, LAST | V2, sideways))]))
cases.append(ok('a keyframe in two parts', W, H, [(key[:4], body(W, H, 3, KEY | V2, key[:4])), (key[4:], body(W, H, 3, KEY | LAST | V2, key[4:]))]))
cases.append(ok('an empty delta', W, H, [(key, body(W, H, 1, KEY | LAST | V2, key)), ([], body(W, H, 2, LAST | V2, []))]))
big = [solid(0, 0, W, H, (10, 20, 30)), copy(1, 1, 47, 31, 0, 0)]
cases.append(ok('SOLID and COPY of any size', W, H, [(big, body(W, H, 1, KEY | LAST | V2, big))]))

k = body(W, H, 1, KEY | LAST | V2, key)
one = [solid(0, 0, 4, 4, (1, 1, 1))]
good = b''.join(one)
cases += [
    bad('bad zlib', W, H, [k, body(W, H, 2, LAST | V2, one, stream=b'\x78\x9c\xff\xff\xff\xff')], 1),
    bad('zlib stream cut short', W, H, [body(W, H, 1, KEY | LAST | V2, one, stream=zlib.compress(good)[:-5])], 0),
    bad('bytes after the zlib stream', W, H, [body(W, H, 1, KEY | LAST | V2, one, stream=zlib.compress(good) + b'\x00')], 0),
    bad('inflates longer than declared', W, H, [body(W, H, 1, KEY | LAST | V2, one, declared=len(good) - 1)], 0),
    bad('inflates shorter than declared', W, H, [body(W, H, 1, KEY | LAST | V2, one, declared=len(good) + 1)], 0),
    bad('inflatedLength over 32 MiB', W, H, [body(W, H, 1, KEY | LAST | V2, one, declared=33554433)], 0),
    bad('unknown encoding 7', W, H, [body(W, H, 1, KEY | LAST | V2, [rec(0, 0, 1, 1, 7, b'\x00\x00\x00')])], 0),
    bad('v1 encoding 1', W, H, [body(W, H, 1, KEY | LAST | V2, [rec(0, 0, 1, 1, 1, b'\x00\x00\x00')])], 0),
    bad('palette index >= n', W, H, [body(W, H, 1, KEY | LAST | V2, [palette(0, 0, 2, 1, [(1, 1, 1), (2, 2, 2), (3, 3, 3)], [0, 3])])], 0),
    bad('palette of one colour', W, H, [body(W, H, 1, KEY | LAST | V2, [rec(0, 0, 1, 1, PALETTE, b'\x00\x01\x01\x01\x00')])], 0),
    bad('rect outside the screen', W, H, [body(W, H, 1, KEY | LAST | V2, [solid(40, 0, 9, 1, (1, 1, 1))])], 0),
    bad('rect of width 0', W, H, [body(W, H, 1, KEY | LAST | V2, [solid(0, 0, 0, 1, (1, 1, 1))])], 0),
    bad('COPY source outside', W, H, [k, body(W, H, 2, LAST | V2, [copy(0, 0, 10, 10, 0, 23)])], 1),
    bad('missing V2 flag', W, H, [body(W, H, 1, KEY | LAST, one)], 0),
    bad('unknown flag bit 3', W, H, [body(W, H, 1, KEY | LAST | V2 | 8, one)], 0),
    bad('bytes after the last record', W, H, [body(W, H, 1, KEY | LAST | V2, one, inflated=good + b'\x00')], 0),
    bad('fewer records than counted', W, H, [body(W, H, 1, KEY | LAST | V2, one, count=2)], 0),
    bad('RAW payload cut short', W, H, [body(W, H, 1, KEY | LAST | V2, [rec(0, 0, 2, 2, RAW, bytes(11))])], 0),
    bad('RAW over 65536 pixels', 300, 300, [body(300, 300, 1, KEY | LAST | V2, [rec(0, 0, 257, 256, RAW, bytes(257 * 256 * 3))])], 0),
    bad('JPEG that is not one', W, H, [body(W, H, 1, KEY | LAST | V2, [rec(0, 0, 8, 8, 6, struct.pack('>I', 4) + b'\xff\xd8\x00\x00')])], 0),
    bad('header cut short', W, H, [k[:14]], 0),
]
print(json.dumps({'about': 'Hand-made v2 screen-tile vectors for the browser viewer (made by screen-tiles-viewer.py, '
                  'expected pictures from its reference decoder). Same format as protocol conformance screen-tiles.json.',
                  'cases': cases}, indent=1))
