// Runs in the laid-out page: shrink display lines to their measure, cut text at
// its box, then return every measured element's printed lines (text and box, in
// CSS pixels) and each article's paragraphs as printed.
const out = {leaves: [], boxes: {}, articles: {}, hidden: []};
// An inline box's content area may stand a little above or below its line box,
// so a few pixels of slack up and down; text past the right edge is in a column
// the box has no room for.
const SLACK = 4;
const outside = (r, b) => r.width > 0 && (r.right > b.right + 1 || r.bottom > b.bottom + SLACK ||
  r.left < b.left - 1 || r.top < b.top - SLACK);
const anyOutside = (el, b) => Array.from(el.getClientRects()).some(r => outside(r, b));

function fit() {
  for (const el of document.querySelectorAll('.fit')) {
    let size = parseFloat(getComputedStyle(el).fontSize);
    while (el.scrollWidth > el.clientWidth + 0.5 && size > 8) {
      size *= 0.94; el.style.fontSize = size + 'px';
    }
  }
  for (const box of document.querySelectorAll('.adbox')) {
    for (let n = 0; n < 40 && box.scrollHeight > box.clientHeight + 0.5; n++) {
      for (const el of box.querySelectorAll('.fit')) {
        el.style.fontSize = parseFloat(getComputedStyle(el).fontSize) * 0.94 + 'px';
      }
    }
  }
}

function trim() {
  for (const clip of document.querySelectorAll('.clip')) {
    const b = clip.getBoundingClientRect();
    const cut = Array.from(clip.querySelectorAll('.s, .trim'));
    let i = cut.findIndex(el => anyOutside(el, b));
    if (i >= 0) { cut.slice(i).forEach(el => el.remove()); cut.length = i; }
    const keeps = Array.from(clip.querySelectorAll('.keep'));
    while (cut.length && keeps.some(el => anyOutside(el, b))) cut.pop().remove();
    clip.querySelectorAll('.para').forEach(p => { if (!p.querySelector('.s')) p.remove(); });
    for (const sub of clip.querySelectorAll('.sub')) {
      const next = sub.nextElementSibling;
      if (!next || !next.classList.contains('para')) sub.remove();
    }
  }
}

function lines(leaf) {
  const walker = document.createTreeWalker(leaf, NodeFilter.SHOW_TEXT);
  const found = [];
  let cur = null;
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const fs = parseFloat(getComputedStyle(node.parentElement).fontSize);
    for (let i = 0; i < node.data.length; i++) {
      const ch = node.data[i];
      range.setStart(node, i); range.setEnd(node, i + 1);
      const r = range.getClientRects()[0];
      if (!r || r.width === 0) continue;
      const space = /\s/.test(ch);
      if (!space && (!cur || Math.abs((r.top + r.bottom) / 2 - cur.cy) > 0.5 * fs)) {
        cur = {t: '', x0: r.left, x1: r.right, y0: 1e9, y1: -1e9, cy: (r.top + r.bottom) / 2};
        found.push(cur);
      }
      if (!cur) continue;
      cur.t += space ? ' ' : ch;
      if (space) continue;
      const cy = (r.top + r.bottom) / 2;
      cur.x0 = Math.min(cur.x0, r.left); cur.x1 = Math.max(cur.x1, r.right);
      cur.y0 = Math.min(cur.y0, cy - 0.55 * fs, ); cur.y1 = Math.max(cur.y1, cy + 0.55 * fs);
    }
  }
  return found.map(l => ({t: l.t.replace(/\s+/g, ' ').trim(), box: [l.x0, l.y0, l.x1, l.y1]}));
}

function rect(el) { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }

function articles() {
  const arts = {};
  for (const el of document.querySelectorAll('[data-art]')) {
    const aid = el.dataset.art;
    const a = arts[aid] || (arts[aid] = {paragraphs: [], subheads: [], dateline: null});
    if (el.classList.contains('para')) {
      const dl = el.querySelector('.dl');
      if (dl) a.dateline = dl.textContent;
      a.paragraphs.push(Array.from(el.querySelectorAll('.s')).map(s => s.textContent).join(''));
    } else if (el.classList.contains('sub')) {
      a.subheads.push([el.textContent, a.paragraphs.length]);
    }
  }
  return arts;
}

function dropFigures() {
  // A photo (with its caption) that the module has no room for is left out, and so
  // is an article's photo that would take more than two fifths of its module.
  for (const fig of document.querySelectorAll('.figure')) {
    const b = fig.closest('.mod').getBoundingClientRect();
    const big = fig.querySelector('[data-art]') && fig.getBoundingClientRect().height > 0.4 * b.height;
    if (big || Array.from(fig.querySelectorAll('[data-k]')).some(el => anyOutside(el, b))) fig.remove();
  }
}

fit();
dropFigures();
trim();
const arts = articles();
const hidden = new Set();
for (const mod of document.querySelectorAll('.mod')) {
  const b = mod.getBoundingClientRect();
  const aid = (mod.querySelector('[data-art]') || {dataset: {}}).dataset.art;
  const bad = Array.from(mod.querySelectorAll('[data-k]')).some(el => anyOutside(el, b));
  if (bad || (aid && !(arts[aid] && arts[aid].paragraphs.length))) {
    hidden.add(mod.dataset.mod); mod.style.visibility = 'hidden';
  }
}
for (const el of document.querySelectorAll('[data-k]')) {
  const mod = el.closest('.mod');
  if (mod && hidden.has(mod.dataset.mod)) continue;
  const d = el.dataset;
  const entry = {k: d.k, b: d.b, art: d.art || null, flow: d.flow || null, rect: rect(el)};
  entry.lines = el.tagName === 'IMG' ? [] : lines(el);
  out.leaves.push(entry);
}
for (const el of document.querySelectorAll('[data-box]')) {
  const mod = el.closest('.mod');
  if (!(mod && hidden.has(mod.dataset.mod))) out.boxes[el.dataset.box] = rect(el);
}
for (const [aid, a] of Object.entries(arts)) {
  const mod = document.querySelector(`[data-art="${aid}"]`).closest('.mod');
  if (!hidden.has(mod.dataset.mod)) out.articles[aid] = a;
}
out.hidden = Array.from(hidden);
return JSON.stringify(out);
