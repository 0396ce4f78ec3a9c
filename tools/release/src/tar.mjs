// @ts-check
// A tiny reader for the gzipped ustar archives `npm pack` writes: no dependency on a system `tar`.
import { gunzipSync } from 'node:zlib';

/**
 * @typedef {object} TarEntry
 * @property {string} path path inside the archive with the leading `package/` removed
 * @property {number} size
 * @property {number} mode
 * @property {Buffer} data
 */

/**
 * Lists the regular files of an npm tarball (`.tgz`).
 * @param {Uint8Array} tgz
 * @returns {TarEntry[]}
 */
export function readTarball(tgz) {
  const tar = gunzipSync(tgz);
  /** @type {TarEntry[]} */
  const entries = [];
  let paxPath = /** @type {string | undefined} */ (undefined);
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break; // end-of-archive marker
    const name = field(header, 0, 100);
    const mode = parseInt(field(header, 100, 8) || '0', 8);
    const size = parseInt(field(header, 124, 12) || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = field(header, 345, 155);
    const data = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      // PAX extended header: long path names ("<len> path=<value>\n").
      const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
      paxPath = match?.[1];
      continue;
    }
    if (type !== '0' && type !== '\0') {
      paxPath = undefined;
      continue;
    }
    const full = paxPath ?? (prefix ? `${prefix}/${name}` : name);
    paxPath = undefined;
    entries.push({ path: full.replace(/^package\//, ''), size, mode, data: Buffer.from(data) });
  }
  return entries;
}

/**
 * @param {Buffer} header
 * @param {number} start
 * @param {number} length
 */
function field(header, start, length) {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8').trim();
}
