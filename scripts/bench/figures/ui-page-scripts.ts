// Code that runs inside the Chromium page. Kept as strings because this project compiles its Node side without
// DOM types; each returns a promise of plain JSON for page.evaluate.

/** Records the time of the next click and of the first frame painted after a case row appears. */
export const WATCH_FIRST_CASE_ROW = `(() => {
  window.__bench = { click: null, row: null, paint: null };
  document.addEventListener('click', () => { if (window.__bench.click === null) window.__bench.click = performance.now(); }, true);
  const seen = () => {
    if (window.__bench.row !== null || !document.querySelector('[data-testid="case-row"]')) return;
    window.__bench.row = performance.now();
    requestAnimationFrame(() => requestAnimationFrame((t) => { window.__bench.paint = t; }));
  };
  new MutationObserver(seen).observe(document.body, { childList: true, subtree: true });
  return true;
})()`;

/** What WATCH_FIRST_CASE_ROW has seen so far, and the text of the app's error banner if it shows one. */
export const FIRST_PAINT_STATE = `(() => {
  const banner = document.querySelector('[data-testid="error-banner"]');
  const items = banner ? [...banner.querySelectorAll('.error-item')].map((li) => li.getAttribute('aria-label') || li.innerText) : [];
  return { click: window.__bench.click, paint: window.__bench.paint, error: banner ? (items.length ? items : [banner.innerText]).join(' | ').replace(/\\s+/g, ' ').trim() : null };
})()`;

/** Scrolls the table that holds the signal rows by `step` px a frame for `frames` frames; returns rAF deltas. */
export const scrollSignalTable = (frames: number, step: number): string => `new Promise((resolve, reject) => {
  const row = document.querySelector('[data-testid="signal-row"]');
  const body = row && row.closest('.vtable-body');
  if (!body) { reject(new Error('no signal table')); return; }
  const deltas = [];
  let last = null;
  let left = ${frames};
  const tick = (t) => {
    if (last !== null) deltas.push(t - last);
    last = t;
    if (left-- <= 0) { resolve({ deltas, scrollTop: body.scrollTop, scrollHeight: body.scrollHeight, pending: document.querySelectorAll('.vtable-row-pending').length }); return; }
    body.scrollTop += ${step};
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

/** Lays out a generated graph with cytoscape + fcose (draft quality) and pans it; returns timings. */
export const graphLayoutAndPan = (nodes: number, edges: number, panFrames: number): string => `new Promise((resolve) => {
  cytoscape.use(cytoscapeFcose);
  // A seeded generator so every run lays out the same graph: a random tree plus random extra edges.
  let s = 12345;
  const rand = () => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return s / 4294967296; };
  const elements = [];
  for (let i = 0; i < ${nodes}; i++) elements.push({ data: { id: 'n' + i, label: 'node ' + i } });
  let e = 0;
  for (let i = 1; i < ${nodes} && e < ${edges}; i++, e++) elements.push({ data: { id: 'e' + e, source: 'n' + Math.floor(rand() * i), target: 'n' + i } });
  while (e < ${edges}) {
    const a = Math.floor(rand() * ${nodes}), b = Math.floor(rand() * ${nodes});
    if (a !== b) { elements.push({ data: { id: 'e' + e, source: 'n' + a, target: 'n' + b } }); e++; }
  }
  const container = document.getElementById('cy');
  const t0 = performance.now();
  const cy = cytoscape({ container, elements, style: [{ selector: 'node', style: { width: 12, height: 12, label: 'data(label)', 'font-size': 6 } }, { selector: 'edge', style: { width: 1 } }], layout: { name: 'preset' } });
  const t1 = performance.now();
  cy.layout({ name: 'fcose', quality: 'draft', randomize: true, animate: false, fit: true }).run();
  const t2 = performance.now();
  requestAnimationFrame((t3) => {
    // The frame's timestamp is when the frame began, which can precede the layout's end: measure with now().
    const firstFrameMs = performance.now() - t2;
    const deltas = [];
    let last = t3;
    let left = ${panFrames};
    const tick = (t) => {
      deltas.push(t - last);
      last = t;
      if (left-- <= 0) { resolve({ createMs: t1 - t0, layoutMs: t2 - t1, firstFrameMs, deltas }); return; }
      cy.panBy({ x: 6, y: 4 });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
})`;
