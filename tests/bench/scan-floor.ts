/**
 * The floor for the scan → checklist metric: the same probe, the same scanner keys and the same
 * background writer, against a page with no app in it — a 10-row table of plain DOM whose count
 * goes up on Enter (a `Map` lookup and two text nodes). What this page scores is what Chromium,
 * the input path and this machine cost before any of our code runs; the app's figures are quoted
 * as ratios to it, measured in the same run (performance-limits.md: "quote ours as ratios").
 *
 * The page is served on the station's own origin (a Playwright route), so its background writer
 * writes with raw IndexedDB into the app's own orders store, with the app's durability, exactly
 * the rows the app-side writer writes — without Dexie and without React on the main thread.
 */
import type { Page } from 'playwright-core';

export const FLOOR_PATH = '/__bench/scan-floor.html';

/** The script of the floor page; `CODES` and `DB_NAME` are replaced before it is served. */
const FLOOR_SCRIPT = `
const codes = CODES;
const dbName = DB_NAME;
const counts = new Map();
const cells = new Map();
const tbody = document.querySelector('tbody');
for (const code of new Set(codes)) {
  const tr = document.createElement('tr');
  const name = document.createElement('td');
  name.textContent = code;
  const n = document.createElement('td');
  n.textContent = '0';
  tr.append(name, n);
  tbody.append(tr);
  counts.set(code, 0);
  cells.set(code, n);
}
const section = document.querySelector('[data-testid="checklist"]');
const total = document.querySelector('[data-testid="checklist-total"]');
let seq = 0;
let sum = 0;
let buf = '';
function show() {
  total.textContent = sum + ' / ' + codes.length;
  seq += 1;
  section.dataset.seq = String(seq);
}
window.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') {
    const code = buf;
    buf = '';
    e.preventDefault();
    const cell = cells.get(code);
    if (!cell) return;
    const n = counts.get(code) + 1;
    counts.set(code, n);
    cell.textContent = String(n);
    sum += 1;
    show();
  } else if (e.key.length === 1) {
    buf += e.key;
    e.preventDefault();
  }
});

let dbp = null;
const db = () =>
  (dbp ??= new Promise((resolve, reject) => {
    const r = indexedDB.open(dbName);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  }));
const run = (mode, fn) =>
  db().then((d) => new Promise((resolve, reject) => {
    const tx = d.transaction('orders', mode, { durability: 'strict' });
    const out = fn(tx.objectStore('orders'));
    tx.oncomplete = () => resolve(out.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  }));
window.__packbench = {
  packing: {
    controller: {
      recount() {
        for (const [code, cell] of cells) {
          counts.set(code, 0);
          cell.textContent = '0';
        }
        sum = 0;
        show();
      },
    },
  },
  db: {
    orders: {
      limit: (n) => ({
        toArray: () => run('readonly', (s) => s.getAll(null, n)),
      }),
      bulkPut: (rows) => run('readwrite', (s) => {
        for (const row of rows) s.put(row);
        return {};
      }),
      bulkDelete: (ids) => run('readwrite', (s) => {
        for (const id of ids) s.delete(id);
        return {};
      }),
    },
  },
};
`;

function floorHtml(codes: readonly string[], dbName: string): string {
  // Barcodes are data: serialised as JSON, with '<' escaped so nothing can close the script.
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
  const script = FLOOR_SCRIPT.replace('CODES', json(codes)).replace('DB_NAME', json(dbName));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>scan floor</title>
<style>body { font: 24px sans-serif; margin: 24px; } td { padding: 8px 16px; }</style></head>
<body><section data-testid="checklist" data-seq="0">
<h2>Checklist <span data-testid="checklist-total">0 / ${codes.length}</span></h2>
<table><tbody></tbody></table></section>
<script>${script}</script></body></html>`;
}

/**
 * Opens the floor page in `page` (leaving the app), on the station's origin, for `codes`; its
 * writer uses the app's database `dbName`.
 */
export async function openFloorPage(
  page: Page,
  origin: string,
  codes: readonly string[],
  dbName: string,
): Promise<void> {
  const url = new URL(FLOOR_PATH, origin).toString();
  await page.route(url, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: floorHtml(codes, dbName) }),
  );
  await page.goto(url);
  await page.waitForSelector('[data-testid="checklist"] tr');
}
