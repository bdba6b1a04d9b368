// The text of a PDF that Chromium's page.pdf() wrote, well enough for a test to find a heading, a
// running header or a page number in it: the streams inflated, the fonts' ToUnicode maps read, and
// every hex string shown in a content stream decoded with the map that decodes all of it. Not a PDF
// parser: no object graph, no font matching per page — good for Chromium's own output only.
import { inflateSync } from 'node:zlib';

function streamsOf(pdf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  const text = pdf.toString('latin1');
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    try {
      out.push(inflateSync(pdf.subarray(start, end), { finishFlush: 2 }));
    } catch {
      // not a Flate stream (an image, a font program): skipped
    }
  }
  return out;
}

function toUnicodeMaps(streams: Buffer[]): Map<number, string>[] {
  const maps: Map<number, string>[] = [];
  for (const s of streams.map((b) => b.toString('latin1'))) {
    if (!s.includes('beginbfchar') && !s.includes('beginbfrange')) continue;
    const map = new Map<number, string>();
    const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
    for (const [, block] of s.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) for (const [, a, b] of block!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(a!, 16), utf16(b!));
    for (const [, block] of s.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
      for (const [, a, b, c] of block!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
        for (let k = parseInt(a!, 16), u = parseInt(c!, 16); k <= parseInt(b!, 16); k++, u++) map.set(k, String.fromCodePoint(u));
    maps.push(map);
  }
  return maps;
}

/** The PDF's shown text, in stream order. */
export function pdfText(pdf: Buffer): string {
  const streams = streamsOf(pdf);
  const maps = toUnicodeMaps(streams);
  const parts: string[] = [];
  for (const s of streams.map((b) => b.toString('latin1'))) {
    if (!/T[jJ]/.test(s)) continue;
    for (const [, hex] of s.matchAll(/<([0-9A-Fa-f]{4,})>/g)) {
      const codes = hex!.match(/.{4}/g)!.map((h) => parseInt(h, 16));
      const decoded = maps.map((m) => (codes.every((c) => m.has(c)) ? codes.map((c) => m.get(c)).join('') : '')).sort((x, y) => y.length - x.length)[0];
      if (decoded) parts.push(decoded);
    }
  }
  return parts.join('');
}
