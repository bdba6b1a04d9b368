// Tab-separated text as Excel and WPS put it on the clipboard: cells split by tabs, rows by line
// breaks; a cell holding a tab, a line break or a quote is wrapped in quotes with inner quotes doubled.

/** The rows of `text`; a trailing line break does not make an empty last row. */
export function parseTsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '"' && cell === '') {
      const quoted = readQuoted(src, i);
      if (quoted) {
        // Text after the closing quote joins the cell, as Excel does.
        cell = quoted.text;
        i = quoted.end;
        continue;
      }
      // No closing quote: the quote is plain text.
    }
    if (c === '\t') endCell();
    else if (c === '\r' || c === '\n') {
      endRow();
      if (c === '\r' && src[i + 1] === '\n') i++;
    } else cell += c;
    i++;
  }
  if (cell !== '' || row.length) endRow();
  return rows;
}

/** The quoted cell starting at `start` (a quote) and the index after its closing quote; null if unclosed. */
function readQuoted(src: string, start: number): { text: string; end: number } | null {
  let text = '';
  for (let j = start + 1; j < src.length; j++) {
    if (src[j] !== '"') text += src[j];
    else if (src[j + 1] === '"') text += src[++j];
    else return { text, end: j + 1 };
  }
  return null;
}

/** True when some line of `text` has a tab, i.e. it looks like cells copied from a spreadsheet. */
export const hasTabs = (text: string): boolean => text.includes('\t');
