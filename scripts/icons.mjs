// The app icons as PNG, drawn at build time from the same four stones as public/favicon.svg
// (no image tool needed: plain Node, zlib for the PNG encoding). Used by scripts/precache.mjs.
import zlib from 'node:zlib';

// The favicon's stones (viewBox 0 0 32 32): centre x, centre y, radius x, radius y, colour.
const STONES = [
  [16, 27, 12, 4, [0x00, 0x72, 0xb2]],
  [16, 19, 9, 4, [0x00, 0x9e, 0x73]],
  [16, 12, 6.5, 3.5, [0xe6, 0x9f, 0x00]],
  [16, 6, 4, 2.5, [0xcc, 0x79, 0xa7]],
];
// Their bounding box: x 4..28, y 3.5..31.
const BOX = { x: 4, y: 3.5, w: 24, h: 27.5 };
const BACKGROUND = [0xff, 0xff, 0xff];

/**
 * An RGBA picture `size` pixels square. `maskable`: the background fills the square and the
 * stones keep to the central safe zone (a circle of 40% radius); otherwise a rounded square.
 */
export function drawIcon(size, { maskable = false } = {}) {
  const rgba = new Uint8Array(size * size * 4);
  const art = maskable ? 0.56 : 0.76; // share of the side the stones' height takes
  const k = (size * art) / BOX.h;
  const ox = (size - BOX.w * k) / 2 - BOX.x * k;
  const oy = (size - BOX.h * k) / 2 - BOX.y * k;
  const radius = maskable ? 0 : size * 0.22;
  const S = 4; // samples per pixel side
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = px + (sx + 0.5) / S, y = py + (sy + 0.5) / S;
          if (!inRoundedSquare(x, y, size, radius)) continue;
          let colour = BACKGROUND;
          for (const [cx, cy, rx, ry, c] of STONES) {
            const dx = (x - ox) / k - cx, dy = (y - oy) / k - cy;
            if ((dx * dx) / (rx * rx) + (dy * dy) / (ry * ry) <= 1) colour = c;
          }
          r += colour[0]; g += colour[1]; b += colour[2]; a += 255;
        }
      }
      const n = S * S, i = (py * size + px) * 4;
      const cover = a / 255;
      rgba[i] = cover ? Math.round(r / cover) : 0;
      rgba[i + 1] = cover ? Math.round(g / cover) : 0;
      rgba[i + 2] = cover ? Math.round(b / cover) : 0;
      rgba[i + 3] = Math.round(a / n);
    }
  }
  return rgba;
}

function inRoundedSquare(x, y, size, radius) {
  if (radius <= 0) return true;
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG file (8-bit RGBA) of a square RGBA picture. */
export function encodePng(rgba, size) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; // 8 bits, RGBA
  const rows = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(rows, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The icon files: name → PNG bytes. */
export function icons() {
  return {
    'icon-180.png': encodePng(drawIcon(180), 180),
    'icon-192.png': encodePng(drawIcon(192), 192),
    'icon-512.png': encodePng(drawIcon(512), 512),
    'icon-maskable-512.png': encodePng(drawIcon(512, { maskable: true }), 512),
  };
}
