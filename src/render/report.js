// counterpoint report: pan and zoom, selection and details, search and filters.
// Every text from the map is set with textContent; nothing is parsed as HTML.
(function () {
  'use strict';
  var dataElement = document.getElementById('map-data');
  if (!dataElement) { return; }
  var data = JSON.parse(dataElement.textContent);
  var byDom = new Map();
  data.nodes.forEach(function (n) {
    n.haystack = [n.title, n.text].concat(n.tags).join('\n').toLowerCase();
    byDom.set(n.dom, n);
  });
  var sideById = new Map(data.sides.map(function (s) { return [s.id, s]; }));
  var $ = function (id) { return document.getElementById(id); };
  var viewport = $('viewport');
  var svg = viewport ? viewport.querySelector('svg') : null;

  // ---------- pan and zoom (by the SVG's viewBox) ----------
  var base = null;
  var view = null;
  if (svg && svg.viewBox && svg.viewBox.baseVal) {
    var vb = svg.viewBox.baseVal;
    base = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
    view = { x: base.x, y: base.y, w: base.w, h: base.h };
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    svg.setAttribute('role', 'group');
    svg.setAttribute('aria-label', 'Argument map diagram');
    svg.setAttribute('aria-describedby', 'diagram-help');
  }
  function apply() {
    if (svg && view) { svg.setAttribute('viewBox', [view.x, view.y, view.w, view.h].join(' ')); }
  }
  function toSvg(clientX, clientY, inverse) {
    var m = inverse || svg.getScreenCTM().inverse();
    var p = new DOMPoint(clientX, clientY).matrixTransform(m);
    return { x: p.x, y: p.y };
  }
  function zoomAt(factor, cx, cy) {
    if (!view) { return; }
    var w = Math.min(base.w * 4, Math.max(base.w / 40, view.w / factor));
    var k = w / view.w;
    view.x = cx - (cx - view.x) * k;
    view.y = cy - (cy - view.y) * k;
    view.w = w;
    view.h = view.h * k;
    apply();
  }
  function zoomCenter(factor) {
    if (view) { zoomAt(factor, view.x + view.w / 2, view.y + view.h / 2); }
  }
  function fit() {
    if (!view) { return; }
    view.x = base.x; view.y = base.y; view.w = base.w; view.h = base.h;
    apply();
  }
  function pan(dx, dy) {
    if (!view) { return; }
    view.x += dx * view.w;
    view.y += dy * view.h;
    apply();
  }
  if (svg && view) {
    viewport.addEventListener('wheel', function (e) {
      e.preventDefault();
      var p = toSvg(e.clientX, e.clientY);
      zoomAt(e.deltaY < 0 ? 1.2 : 1 / 1.2, p.x, p.y);
    }, { passive: false });
    var drag = null;
    viewport.addEventListener('pointerdown', function (e) {
      if (e.button !== 0) { return; }
      drag = { x: e.clientX, y: e.clientY, inv: svg.getScreenCTM().inverse(),
        vx: view.x, vy: view.y, moved: false, id: e.pointerId };
    });
    viewport.addEventListener('pointermove', function (e) {
      if (!drag || drag.id !== e.pointerId) { return; }
      if (!drag.moved && Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) < 4) { return; }
      if (!drag.moved) {
        drag.moved = true;
        viewport.setPointerCapture(e.pointerId);
        viewport.classList.add('dragging');
      }
      var a = toSvg(drag.x, drag.y, drag.inv);
      var b = toSvg(e.clientX, e.clientY, drag.inv);
      view.x = drag.vx - (b.x - a.x);
      view.y = drag.vy - (b.y - a.y);
      apply();
    });
    var endDrag = function (e) {
      if (drag && drag.moved) {
        // A drag is not a click.
        viewport.addEventListener('click', function stop(ev) {
          ev.stopPropagation();
          ev.preventDefault();
        }, { capture: true, once: true });
      }
      if (drag && viewport.hasPointerCapture(e.pointerId)) { viewport.releasePointerCapture(e.pointerId); }
      drag = null;
      viewport.classList.remove('dragging');
    };
    viewport.addEventListener('pointerup', endDrag);
    viewport.addEventListener('pointercancel', endDrag);
    viewport.addEventListener('keydown', function (e) {
      if (e.target !== viewport) { return; }
      var step = 0.1;
      var keys = {
        '+': function () { zoomCenter(1.25); }, '=': function () { zoomCenter(1.25); },
        '-': function () { zoomCenter(0.8); }, '0': fit,
        'ArrowLeft': function () { pan(-step, 0); }, 'ArrowRight': function () { pan(step, 0); },
        'ArrowUp': function () { pan(0, -step); }, 'ArrowDown': function () { pan(0, step); }
      };
      if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
    });
    $('zoom-in').addEventListener('click', function () { zoomCenter(1.25); });
    $('zoom-out').addEventListener('click', function () { zoomCenter(0.8); });
    $('zoom-fit').addEventListener('click', fit);
    window.addEventListener('beforeprint', fit);
  }

  // ---------- nodes in the diagram ----------
  function nodeElement(dom) {
    var el = svg ? svg.getElementById(dom) : null;
    return el && el.classList.contains('node') ? el : null;
  }
  function describe(n) {
    var side = n.side !== null && sideById.has(n.side) ? sideById.get(n.side).label : 'no side';
    var parts = [n.title, n.motion ? 'the motion' : n.kind + ' (' + n.element + ')', side, n.status];
    if (n.unanswered) { parts.push('unanswered'); }
    return parts.join(', ');
  }
  data.nodes.forEach(function (n) {
    var g = nodeElement(n.dom);
    if (!g) { return; }
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    g.setAttribute('aria-label', describe(n));
    g.addEventListener('click', function () { select(n.dom, { center: false }); });
    g.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(n.dom, { center: false }); }
    });
  });

  // ---------- selection and the detail panel ----------
  var selected = null;
  function clearMarks() {
    document.querySelectorAll('.selected, .related').forEach(function (el) {
      el.classList.remove('selected', 'related');
    });
    document.querySelectorAll('li[aria-current]').forEach(function (el) {
      el.removeAttribute('aria-current');
    });
  }
  // Centres the view on a node, zooming in first when the map is shown too small to read
  // (less than one screen pixel per point).
  function centerOn(g) {
    if (!view || !g) { return; }
    var r = g.getBoundingClientRect();
    var c = toSvg(r.x + r.width / 2, r.y + r.height / 2);
    var box = viewport.getBoundingClientRect();
    var readable = Math.max(box.width, 1);
    if (view.w > readable * 1.05) {
      var k = readable / view.w;
      view.w = readable;
      view.h = view.h * k;
    }
    view.x = c.x - view.w / 2;
    view.y = c.y - view.h / 2;
    apply();
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function nodeLink(dom) {
    var n = byDom.get(dom);
    var b = el('button', 'link', n ? n.title : dom);
    b.type = 'button';
    b.addEventListener('click', function () { select(dom, { focusPanel: true }); });
    return b;
  }
  var VERB_OUT = { supports: 'supports', rebuts: 'rebuts', undercuts: 'undercuts', contradicts: 'contradicts' };
  var VERB_IN = { supports: 'supported by', rebuts: 'rebutted by', undercuts: 'undercut by', contradicts: 'contradicted by' };
  function fillList(list, items, empty) {
    list.replaceChildren();
    if (items.length === 0) { list.appendChild(el('li', 'empty', empty)); }
    items.forEach(function (item) { list.appendChild(item); });
  }
  function showDetails(n) {
    var panel = $('details');
    var side = n.side !== null && sideById.has(n.side) ? sideById.get(n.side) : null;
    panel.style.setProperty('--side', side ? side.color : '#7f7f7f');
    $('details-title').textContent = n.title;
    var meta = $('details-meta');
    meta.replaceChildren();
    meta.appendChild(document.createTextNode(n.motion ? 'the motion · ' + n.element :
      n.kind + ' · ' + n.element + ' · ' + (side ? side.label : 'no side')));
    meta.appendChild(el('span', 'badge ' + n.status, n.status));
    if (n.unanswered) { meta.appendChild(el('span', 'badge unanswered', 'unanswered')); }
    $('details-text').textContent = n.text || '(no text)';
    var tags = $('details-tags');
    tags.replaceChildren();
    n.tags.forEach(function (t) { tags.appendChild(el('span', 'tag', '#' + t)); });
    fillList($('details-citations'), n.citations.map(function (c) {
      var li = el('li');
      var where = (c.sourceTitle || c.source) + ', ' +
        (c.lines[0] === c.lines[1] ? 'line ' + c.lines[0] : 'lines ' + c.lines[0] + '–' + c.lines[1]);
      if (c.sourceAuthor || c.sourceYear) {
        where += ' (' + [c.sourceAuthor, c.sourceYear].filter(function (x) { return x; }).join(', ') + ')';
      }
      li.appendChild(el('span', null, where));
      if (c.quote) { li.appendChild(el('blockquote', null, '“' + c.quote + '”')); }
      return li;
    }), 'No citations.');
    fillList($('details-out'), n.out.map(function (r) {
      var li = el('li');
      li.appendChild(el('span', 'rel', (VERB_OUT[r.relation] || r.relation) + ' '));
      li.appendChild(nodeLink(r.node));
      return li;
    }), 'Nothing: it is a claim of its own.');
    fillList($('details-in'), n.in.map(function (r) {
      var li = el('li');
      li.appendChild(el('span', 'rel', (VERB_IN[r.relation] || r.relation) + ' '));
      li.appendChild(nodeLink(r.node));
      return li;
    }), 'Nothing answers it yet.');
    $('details-status').textContent = data.statusHelp[n.status] || '';
    panel.hidden = false;
  }
  function select(dom, opts) {
    opts = opts || {};
    var n = byDom.get(dom);
    if (!n) { return; }
    clearMarks();
    selected = dom;
    var g = nodeElement(dom);
    if (g) { g.classList.add('selected'); }
    if (svg) { svg.classList.add('has-selection'); }
    data.edges.forEach(function (e) {
      if (e.from !== dom && e.to !== dom) { return; }
      var edge = svg ? svg.getElementById(e.dom) : null;
      if (edge) { edge.classList.add('related'); }
      var other = nodeElement(e.from === dom ? e.to : e.from);
      if (other && other !== g) { other.classList.add('related'); }
    });
    document.querySelectorAll('li[data-node="' + dom + '"]').forEach(function (li) {
      li.setAttribute('aria-current', 'true');
    });
    showDetails(n);
    if (opts.center !== false) { centerOn(g); }
    if (opts.focusPanel) { $('details-title').focus(); }
    if (history.replaceState) { history.replaceState(null, '', '#' + dom); }
  }
  function unselect() {
    clearMarks();
    selected = null;
    if (svg) { svg.classList.remove('has-selection'); }
    $('details').hidden = true;
  }
  $('details-close').addEventListener('click', unselect);
  document.querySelectorAll('.point[data-node]').forEach(function (b) {
    b.addEventListener('click', function () { select(b.getAttribute('data-node'), { focusPanel: false }); });
  });

  // ---------- search and filters ----------
  var search = $('search');
  var tagFilter = $('tag-filter');
  function applyFilters() {
    var q = search.value.trim().toLowerCase();
    var sides = new Set();
    document.querySelectorAll('#side-filters input[type=checkbox]').forEach(function (c) {
      if (c.checked) { sides.add(c.value); }
    });
    var tag = tagFilter.value;
    var visible = new Set();
    data.nodes.forEach(function (n) {
      var ok = (!q || n.haystack.indexOf(q) >= 0) &&
        sides.has(n.side === null ? '' : n.side) &&
        (!tag || n.tags.indexOf(tag) >= 0);
      if (ok) { visible.add(n.dom); }
      var g = nodeElement(n.dom);
      if (g) { g.classList.toggle('dim', !ok); }
    });
    data.edges.forEach(function (e) {
      var edge = svg ? svg.getElementById(e.dom) : null;
      if (edge) { edge.classList.toggle('dim', !(visible.has(e.from) && visible.has(e.to))); }
    });
    document.querySelectorAll('li[data-node]').forEach(function (li) {
      li.hidden = !visible.has(li.getAttribute('data-node'));
    });
    $('match-count').textContent = visible.size + ' of ' + data.nodes.length + ' points shown';
  }
  search.addEventListener('input', applyFilters);
  tagFilter.addEventListener('change', applyFilters);
  document.querySelectorAll('#side-filters input').forEach(function (c) {
    c.addEventListener('change', applyFilters);
  });

  // ---------- keyboard ----------
  document.addEventListener('keydown', function (e) {
    var typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
    if (e.key === '/' && !typing) { e.preventDefault(); search.focus(); }
    if (e.key === 'Escape') {
      if (typing && search.value) { search.value = ''; applyFilters(); }
      else if (selected) {
        var back = nodeElement(selected);
        unselect();
        if (back) { back.focus(); }
      }
    }
  });

  applyFilters();
  var hash = decodeURIComponent(location.hash.replace(/^#/, ''));
  if (byDom.has(hash)) { select(hash); }
  document.documentElement.setAttribute('data-ready', 'true');
}());
