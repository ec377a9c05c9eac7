// counterpoint report: the views (map, outline, clashes, full diagram), the detail panel,
// search and filters. Every text from the map is set with textContent; nothing is parsed as
// HTML. The page's address names what is shown: `#node=<id>` (the map centred on a point),
// `#view=outline`, `#view=clashes`, `#view=diagram`; browser Back goes back.
(function () {
  'use strict';
  var dataElement = document.getElementById('map-data');
  if (!dataElement) { return; }
  var data = JSON.parse(dataElement.textContent);
  var byDom = new Map();
  var byId = new Map();
  data.nodes.forEach(function (n) {
    n.haystack = [n.title, n.text].concat(n.tags).join('\n').toLowerCase();
    byDom.set(n.dom, n);
    byId.set(n.id, n);
  });
  var sideById = new Map(data.sides.map(function (s) { return [s.id, s]; }));
  var campById = new Map(data.camps.map(function (c) { return [c.id, c]; }));
  var $ = function (id) { return document.getElementById(id); };

  // ---------- colours: contrast from the data ----------
  function rgb(hex) {
    var m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex || '');
    return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : [127, 127, 127];
  }
  function hex(c) {
    return '#' + c.map(function (x) { return ('0' + Math.round(x).toString(16)).slice(-2); }).join('');
  }
  function luminance(c) {
    var v = c.map(function (x) {
      x /= 255;
      return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }
  function mix(c, amount) { return c.map(function (x) { return x + (255 - x) * amount; }); }
  function darken(c, amount) { return c.map(function (x) { return x * (1 - amount); }); }
  var INK = rgb('#1f1f1f');
  // A side's colours: its own for borders and swatches (darkened until it stands out from
  // white, 3:1), a pale tint behind text (as pale as needed for the ink to keep 7:1).
  function colours(color) {
    var c = rgb(color);
    var border = c;
    for (var i = 0; i < 20 && contrast(border, [255, 255, 255]) < 3; i++) { border = darken(border, 0.08); }
    var fill = mix(c, 0.85);
    for (var j = 0; j < 20 && contrast(INK, fill) < 7; j++) { fill = mix(fill, 0.3); }
    return { border: hex(border), fill: hex(fill) };
  }
  function sideOf(n) { return n.side !== null && sideById.has(n.side) ? sideById.get(n.side) : null; }
  function colourOf(n) {
    var side = sideOf(n);
    return colours(side ? side.color : '#7f7f7f');
  }
  function paint(elem, n) {
    var c = colourOf(n);
    elem.style.setProperty('--side', c.border);
    elem.style.setProperty('--side-fill', c.fill);
  }

  // ---------- small builders ----------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  var MARK = { stands: '✓', falls: '✗', undecided: '?' };
  function verdict(n, short) {
    var v = el('span', 'verdict ' + n.status, MARK[n.status] + ' ' + n.status);
    if (!short) { v.title = data.statusHelp[n.status] || ''; }
    return v;
  }
  function sideLabel(n) {
    if (n.motion) { return 'the motion'; }
    var side = sideOf(n);
    return side ? side.label : 'no side';
  }
  function campLabel(id) {
    var c = id !== null && campById.has(id) ? campById.get(id) : null;
    return c ? c.label : null;
  }
  function citeShort(c) {
    return c.source + ':' + (c.lines[0] === c.lines[1] ? c.lines[0] : c.lines[0] + '–' + c.lines[1]);
  }
  var VERB_OUT = { supports: 'supports', rebuts: 'rebuts', undercuts: 'undercuts', contradicts: 'contradicts' };
  var VERB_IN = { supports: 'supported by', rebuts: 'rebutted by', undercuts: 'undercut by', contradicts: 'contradicted by' };
  function isAttack(r) { return r !== 'supports'; }
  function describe(n) {
    var parts = [n.title, n.motion ? 'the motion' : n.kind + ' (' + n.element + ')', sideLabel(n), n.status];
    if (n.unanswered) { parts.push('unanswered'); }
    return parts.join(', ');
  }

  // ---------- filters ----------
  var search = $('search');
  var tagFilter = $('tag-filter');
  var filterState = { active: false, visible: new Set() };
  function computeFilters() {
    var q = search.value.trim().toLowerCase();
    var sides = new Set();
    var all = true;
    document.querySelectorAll('#side-filters input[type=checkbox]').forEach(function (c) {
      if (c.checked) { sides.add(c.value); } else { all = false; }
    });
    var tag = tagFilter.value;
    var visible = new Set();
    data.nodes.forEach(function (n) {
      var ok = (!q || n.haystack.indexOf(q) >= 0) &&
        sides.has(n.side === null ? '' : n.side) &&
        (!tag || n.tags.indexOf(tag) >= 0);
      if (ok) { visible.add(n.dom); }
    });
    var words = [];
    if (q) { words.push('“' + search.value.trim() + '”'); }
    if (tag) { words.push('#' + tag); }
    if (!all) { words.push('some sides'); }
    filterState = { active: !!(q || tag || !all), visible: visible, words: words.join(', ') };
  }

  // ---------- cards (the map view) ----------
  function card(n, opts) {
    opts = opts || {};
    var a = el('a', 'card' + (opts.size ? ' ' + opts.size : ''));
    a.href = '#node=' + encodeURIComponent(n.dom);
    a.setAttribute('data-node', n.dom);
    paint(a, n);
    if (n.unanswered && n.contention) { a.classList.add('open'); }
    if (n.motion) { a.classList.add('motion'); }
    if (opts.relation) { a.appendChild(el('span', 'rel ' + (isAttack(opts.relation) ? 'con' : 'pro'), opts.relation)); }
    var title = el('span', 'card-title', n.title);
    a.appendChild(title);
    if (opts.size === 'small') {
      // A compact card: the title, then its verdict on the same line.
      title.appendChild(document.createTextNode(' '));
      title.appendChild(verdict(n, true));
      a.setAttribute('aria-label', describe(n) + (opts.relation ? ' (' + opts.relation + ')' : ''));
      return a;
    }
    if (opts.size === 'big' && n.text && !opts.noText) { a.appendChild(el('span', 'card-text', n.text)); }
    var meta = el('span', 'card-meta');
    meta.appendChild(verdict(n, true));
    if (opts.size !== 'small') {
      meta.appendChild(document.createTextNode(' · strength ' + n.strength.toFixed(2) + ' · ' + sideLabel(n)));
      if (n.unanswered && n.contention) { meta.appendChild(document.createTextNode(' · unanswered')); }
    }
    a.appendChild(meta);
    a.setAttribute('aria-label', describe(n) + (opts.relation ? ' (' + opts.relation + ')' : ''));
    return a;
  }
  function column(title, cls, items, opts) {
    var col = el('section', 'col ' + (cls || ''));
    var h = el('h3', 'col-head', title);
    col.appendChild(h);
    var list = el('div', 'cards');
    items.forEach(function (it) { list.appendChild(card(it.n, { relation: it.relation, size: opts && opts.size })); });
    if (items.length === 0) { list.appendChild(el('p', 'empty', opts && opts.empty || 'Nothing.')); }
    col.appendChild(list);
    return col;
  }
  var canvas = $('map-canvas');
  var crumbs = $('crumbs');
  var focused = null;
  // Shrinks the cards' text from 24 px until the view fits its box (never below 12 px); at each
  // size, narrower cards (more of them side by side) are tried before smaller text.
  function fitCanvas() {
    var fits = function () {
      return canvas.scrollHeight <= canvas.clientHeight + 1 && canvas.scrollWidth <= canvas.clientWidth + 1;
    };
    for (var size = 24; size >= 12; size--) {
      canvas.style.setProperty('--card-font', size + 'px');
      for (var w = 12; w >= 8; w -= 1) {
        canvas.style.setProperty('--card-width', w + 'em');
        if (fits()) { return; }
      }
    }
    canvas.style.setProperty('--card-width', '10em');
  }
  // The shortest chain of relations from `dom` to the motion (or a thesis when no chain
  // reaches the motion), as the breadcrumb shows it: [motion, ..., dom].
  function pathTo(dom) {
    var prev = new Map([[dom, null]]);
    var queue = [dom];
    var end = null;
    var fallback = null;
    while (queue.length) {
      var x = queue.shift();
      var n = byDom.get(x);
      if (n.motion) { end = x; break; }
      if (n.thesis && fallback === null) { fallback = x; }
      n.out.forEach(function (r) {
        if (!prev.has(r.node)) { prev.set(r.node, x); queue.push(r.node); }
      });
    }
    end = end || fallback || dom;
    var path = [];
    for (var at = end; at !== null; at = prev.get(at)) { path.push(at); }
    return path;
  }
  function renderCrumbs(dom) {
    crumbs.replaceChildren();
    var ol = el('ol');
    var path = dom ? pathTo(dom) : [];
    if (data.motion && path[0] !== data.motion) { path.unshift(data.motion); }
    if (path.length === 0 && data.motion) { path = [data.motion]; }
    path.forEach(function (d, i) {
      var n = byDom.get(d);
      var li = el('li');
      if (i === path.length - 1) {
        var here = el('span', 'here', n.motion ? 'Motion' : n.title);
        here.setAttribute('aria-current', 'location');
        li.appendChild(here);
      } else {
        var a = el('a', null, n.motion ? 'Motion' : n.title);
        a.href = '#node=' + encodeURIComponent(d);
        li.appendChild(a);
      }
      ol.appendChild(li);
    });
    crumbs.appendChild(ol);
  }
  function renderOverview() {
    canvas.replaceChildren();
    canvas.className = 'overview';
    var motion = data.motion ? byDom.get(data.motion) : null;
    if (motion) {
      var top = el('div', 'row top');
      top.appendChild(card(motion, { size: 'big', noText: true }));
      canvas.appendChild(top);
    }
    var theses = data.theses.map(function (d) { return byDom.get(d); });
    if (theses.length === 0) { renderGroups(data.nodes, 'Every point, by camp'); return; }
    var row = el('div', 'row camps');
    // Each camp's column is as wide as its list of reasons needs (more reasons, more room).
    row.style.gridTemplateColumns = theses.map(function (t) {
      var k = t.in.filter(function (r) { return r.relation === 'supports'; }).length;
      return 'minmax(0, ' + Math.max(2, Math.ceil(Math.sqrt(k))) + 'fr)';
    }).join(' ');
    theses.forEach(function (t) {
      var toMotion = t.out.filter(function (r) { return r.node === data.motion; })[0];
      var stance = toMotion ? (toMotion.relation === 'supports' ? 'for the motion' : 'against the motion') : 'a thesis';
      var who = campLabel(t.camp) || sideLabel(t);
      var col = el('section', 'col thesis-col');
      paint(col, t);
      col.appendChild(el('h3', 'col-head', who + ': ' + stance));
      col.appendChild(card(t, {}));
      var reasons = t.in.filter(function (r) { return r.relation === 'supports'; });
      var attacks = t.in.filter(function (r) { return isAttack(r.relation); });
      var list = el('div', 'cards');
      reasons.forEach(function (r) { list.appendChild(card(byDom.get(r.node), { size: 'small' })); });
      col.appendChild(el('p', 'col-sub', reasons.length + ' reason' + (reasons.length === 1 ? '' : 's') + ' for it' +
        (attacks.length ? ' · ' + attacks.length + ' point' + (attacks.length === 1 ? '' : 's') + ' against it' : '')));
      col.appendChild(list);
      row.appendChild(col);
    });
    canvas.appendChild(row);
  }
  function renderFocus(n) {
    canvas.replaceChildren();
    canvas.className = 'focus';
    var above = n.out.map(function (r) { return { n: byDom.get(r.node), relation: 'it ' + (VERB_OUT[r.relation] || r.relation) }; });
    if (above.length) {
      var up = el('div', 'row above');
      up.appendChild(el('h3', 'row-head', 'It speaks to'));
      var list = el('div', 'cards');
      above.forEach(function (it) { list.appendChild(card(it.n, { relation: it.relation, size: 'small' })); });
      up.appendChild(list);
      canvas.appendChild(up);
    }
    var mid = el('div', 'row centre');
    var big = card(n, { size: 'big' });
    big.classList.add('current');
    big.setAttribute('aria-current', 'true');
    mid.appendChild(big);
    canvas.appendChild(mid);
    var pro = [], con = [];
    n.in.forEach(function (r) {
      if (isAttack(r.relation)) { con.push({ n: byDom.get(r.node), relation: r.relation }); }
      else { pro.push({ n: byDom.get(r.node) }); }
    });
    var below = el('div', 'row below');
    below.style.gridTemplateColumns = [pro.length, con.length].map(function (k) {
      return 'minmax(0, ' + Math.max(2, Math.ceil(Math.sqrt(k))) + 'fr)';
    }).join(' ');
    below.appendChild(column('For it (' + pro.length + ')', 'pro-col', pro, { size: 'small', empty: 'Nothing supports it.' }));
    below.appendChild(column('Against it (' + con.length + ')', 'con-col', con, { size: 'small', empty: 'Nothing answers it yet.' }));
    canvas.appendChild(below);
  }
  // The kept nodes, grouped by camp (then side), laid out anew.
  function renderGroups(nodes, heading) {
    canvas.replaceChildren();
    canvas.className = 'groups';
    var head = el('div', 'row');
    head.appendChild(el('h3', 'row-head', heading));
    canvas.appendChild(head);
    var groups = new Map();
    nodes.forEach(function (n) {
      var key = n.motion ? 'motion' : (n.camp !== null ? 'camp:' + n.camp : 'side:' + (n.side || ''));
      if (!groups.has(key)) {
        groups.set(key, { label: n.motion ? 'The motion' : (campLabel(n.camp) || sideLabel(n)), n: n, items: [] });
      }
      groups.get(key).items.push(n);
    });
    var row = el('div', 'row camps');
    groups.forEach(function (g) {
      var col = el('section', 'col');
      paint(col, g.n);
      col.appendChild(el('h3', 'col-head', g.label + ' (' + g.items.length + ')'));
      var list = el('div', 'cards');
      g.items.forEach(function (n) { list.appendChild(card(n, { size: 'small' })); });
      col.appendChild(list);
      row.appendChild(col);
    });
    if (nodes.length === 0) { row.appendChild(el('p', 'empty', 'No point matches.')); }
    canvas.appendChild(row);
  }
  function renderMap() {
    if (filterState.active && !focused) {
      crumbs.replaceChildren();
      var kept = data.nodes.filter(function (n) { return filterState.visible.has(n.dom); });
      renderGroups(kept, kept.length + ' of ' + data.nodes.length + ' points: ' + filterState.words);
    } else if (!focused || focused === data.motion) {
      crumbs.replaceChildren();
      renderOverview();
    } else {
      renderCrumbs(focused);
      renderFocus(byDom.get(focused));
    }
    fitCanvas();
  }

  // ---------- views and the address ----------
  var tabs = Array.prototype.slice.call(document.querySelectorAll('#tabs [role=tab]'));
  var current = 'map';
  function showView(name) {
    current = name;
    tabs.forEach(function (t) {
      var on = t.getAttribute('data-view') === name;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !on;
    });
    document.documentElement.setAttribute('data-view', name);
    if (name === 'map') { renderMap(); }
    if (name === 'diagram' && !diagramFitted) { fit(); diagramFitted = true; }
  }
  // A fragment that is not valid percent-encoding names nothing (the page opens on the motion).
  function decoded(text) {
    try { return decodeURIComponent(text); } catch (e) { return ''; }
  }
  function route() {
    var hash = location.hash.replace(/^#/, '');
    var m;
    if ((m = /^node=(.*)$/.exec(hash))) {
      var dom = decoded(m[1]);
      if (byDom.has(dom)) {
        focused = dom;
        showView('map');
        select(dom, { center: false });
        return;
      }
    } else if ((m = /^view=(map|outline|clashes|diagram)$/.exec(hash))) {
      if (m[1] === 'map') { focused = null; }
      showView(m[1]);
      return;
    } else if (byDom.has(decoded(hash))) {
      // The address of an older report: `#<id>` selects a point.
      focused = decoded(hash);
      showView('map');
      select(focused, { center: false });
      return;
    }
    focused = null;
    showView('map');
  }
  function go(hash) {
    if (location.hash === hash) { route(); } else { location.hash = hash; }
  }
  tabs.forEach(function (t, i) {
    t.addEventListener('click', function () {
      var v = t.getAttribute('data-view');
      go(v === 'map' ? (focused ? '#node=' + encodeURIComponent(focused) : '#view=map') : '#view=' + v);
    });
    t.addEventListener('keydown', function (e) {
      var k = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (k === undefined) { return; }
      e.preventDefault();
      var next = tabs[(k + tabs.length) % tabs.length];
      next.focus();
      next.click();
    });
  });
  window.addEventListener('hashchange', route);

  // ---------- the outline (a tree) ----------
  var outline = $('outline');
  var outlineFull = new Map();
  function outlineLine(n, relation) {
    var line = el('div', 'line');
    paint(line, n);
    line.appendChild(el('span', 'twisty', ''));
    if (relation) { line.appendChild(el('span', 'rel ' + (isAttack(relation) ? 'con' : 'pro'), relation)); }
    line.appendChild(el('span', 't', n.title));
    line.appendChild(verdict(n, true));
    line.appendChild(el('span', 'str', 'strength ' + n.strength.toFixed(2)));
    if (n.citations.length) { line.appendChild(el('span', 'cite', n.citations.map(citeShort).join(', '))); }
    return line;
  }
  // Children in the outline: the reasons for a point, then the points against it; under the
  // motion also the theses that do not speak to it.
  function children(n) {
    var kids = n.in.filter(function (r) { return !isAttack(r.relation); })
      .concat(n.in.filter(function (r) { return isAttack(r.relation); }));
    if (n.motion) {
      data.theses.forEach(function (t) {
        if (!kids.some(function (r) { return r.node === t; })) { kids.push({ node: t, relation: 'thesis' }); }
      });
    }
    return kids;
  }
  // Breadth first, so that a point reached twice is shown in full at its shallowest place and
  // as a link at the others.
  function buildOutline() {
    outline.replaceChildren();
    var seen = new Set();
    var full = new Map();
    var roots = [];
    if (data.motion) { roots.push(data.motion); }
    data.theses.forEach(function (t) { if (roots.indexOf(t) < 0) { roots.push(t); } });
    var order = roots.concat(data.nodes.map(function (n) { return n.dom; }));
    order.forEach(function (root) {
      if (seen.has(root)) { return; }
      var queue = [{ dom: root, relation: null, parent: outline, level: 1 }];
      seen.add(root);
      for (var q = 0; q < queue.length; q++) {
        var it = queue[q];
        var n = byDom.get(it.dom);
        var li = el('li');
        li.setAttribute('role', 'treeitem');
        li.setAttribute('aria-level', String(it.level));
        li.setAttribute('data-node', n.dom);
        li.tabIndex = -1;
        var line = outlineLine(n, it.relation);
        li.appendChild(line);
        it.parent.appendChild(li);
        if (it.again) {
          li.classList.add('again');
          var jump = el('button', 'link again-note', 'shown in full elsewhere: go there');
          jump.type = 'button';
          // One Tab stop for the whole tree: the item takes the keys (Enter goes there).
          jump.tabIndex = -1;
          jump.setAttribute('data-goto', n.dom);
          line.appendChild(jump);
          continue;
        }
        full.set(n.dom, li);
        var kids = children(n);
        if (kids.length === 0) { continue; }
        var group = el('ul');
        group.setAttribute('role', 'group');
        li.appendChild(group);
        li.setAttribute('aria-expanded', it.level <= 2 ? 'true' : 'false');
        kids.forEach(function (k) {
          var again = seen.has(k.node);
          seen.add(k.node);
          queue.push({ dom: k.node, relation: k.relation, parent: group, level: it.level + 1, again: again });
        });
      }
    });
    outlineFull = full;
    var first = outline.querySelector('[role=treeitem]');
    if (first) { first.tabIndex = 0; }
  }
  function revealItem(li) {
    for (var p = li.parentElement; p && p !== outline; p = p.parentElement) {
      if (p.getAttribute('aria-expanded') === 'false') { p.setAttribute('aria-expanded', 'true'); }
    }
    focusItem(li);
    li.scrollIntoView({ block: 'center' });
  }
  function visibleItems() {
    return Array.prototype.filter.call(outline.querySelectorAll('[role=treeitem]'), function (li) {
      for (var p = li.parentElement; p && p !== outline; p = p.parentElement) {
        if (p.getAttribute('aria-expanded') === 'false') { return false; }
      }
      return true;
    });
  }
  function focusItem(li) {
    outline.querySelectorAll('[role=treeitem][tabindex="0"]').forEach(function (x) { x.tabIndex = -1; });
    li.tabIndex = 0;
    li.focus();
  }
  function parentItem(li) {
    var p = li.parentElement && li.parentElement.closest('[role=treeitem]');
    return p && outline.contains(p) ? p : null;
  }
  outline.addEventListener('keydown', function (e) {
    var li = e.target.closest('[role=treeitem]');
    if (!li) { return; }
    var items = visibleItems();
    var i = items.indexOf(li);
    var expanded = li.getAttribute('aria-expanded');
    var handled = true;
    switch (e.key) {
      case 'ArrowDown': if (i + 1 < items.length) { focusItem(items[i + 1]); } break;
      case 'ArrowUp': if (i > 0) { focusItem(items[i - 1]); } break;
      case 'Home': focusItem(items[0]); break;
      case 'End': focusItem(items[items.length - 1]); break;
      case 'ArrowRight':
        if (expanded === 'false') { li.setAttribute('aria-expanded', 'true'); }
        else if (expanded === 'true') { var c = li.querySelector('[role=treeitem]'); if (c) { focusItem(c); } }
        break;
      case 'ArrowLeft':
        if (expanded === 'true') { li.setAttribute('aria-expanded', 'false'); }
        else { var p = parentItem(li); if (p) { focusItem(p); } }
        break;
      case 'Enter':
        if (li.classList.contains('again') && outlineFull.has(li.getAttribute('data-node'))) {
          revealItem(outlineFull.get(li.getAttribute('data-node')));
        } else {
          go('#node=' + encodeURIComponent(li.getAttribute('data-node')));
        }
        break;
      case ' ': select(li.getAttribute('data-node'), { center: false }); break;
      default: handled = false;
    }
    if (handled) { e.preventDefault(); e.stopPropagation(); }
  });
  outline.addEventListener('click', function (e) {
    var li = e.target.closest('[role=treeitem]');
    if (!li) { return; }
    e.stopPropagation();
    var target = e.target.getAttribute('data-goto');
    if (target && outlineFull.has(target)) { revealItem(outlineFull.get(target)); return; }
    if (e.target.classList.contains('twisty') && li.hasAttribute('aria-expanded')) {
      li.setAttribute('aria-expanded', li.getAttribute('aria-expanded') === 'true' ? 'false' : 'true');
    } else {
      select(li.getAttribute('data-node'), { center: false });
    }
    focusItem(li);
  });
  function setAll(open) {
    outline.querySelectorAll('[aria-expanded]').forEach(function (li) { li.setAttribute('aria-expanded', open ? 'true' : 'false'); });
  }
  $('outline-expand').addEventListener('click', function () { setAll(true); });
  $('outline-collapse').addEventListener('click', function () { setAll(false); });

  // ---------- the clashes ----------
  function nodeButton(dom) {
    var n = byDom.get(dom);
    var b = el('button', 'link', n.title);
    b.type = 'button';
    b.addEventListener('click', function () { select(dom, { center: false, focusPanel: true }); });
    return b;
  }
  function whoSays(n) { return campLabel(n.camp) || sideLabel(n); }
  function buildClashes() {
    var list = $('clash-list');
    list.replaceChildren();
    if (data.clashes.length === 0) { list.appendChild(el('p', 'empty', 'No camp attacks another.')); }
    data.clashes.forEach(function (c, k) {
      var point = byDom.get(c.point);
      var art = el('article', 'clash');
      art.setAttribute('data-node', c.point);
      paint(art, point);
      var h = el('h3');
      h.appendChild(document.createTextNode((k + 1) + '. '));
      h.appendChild(nodeButton(c.point));
      art.appendChild(h);
      var meta = el('p', 'meta');
      meta.appendChild(verdict(point, true));
      meta.appendChild(document.createTextNode(' · strength ' + c.strength.toFixed(2) + ' · ' +
        (point.motion ? 'the motion' : 'their point, by ' + whoSays(point)) +
        (c.topics.length ? ' · ' + c.topics.map(function (t) { return '#' + t; }).join(' ') : '')));
      art.appendChild(meta);
      if (c.leadsTo && c.leadsTo !== c.point) {
        art.appendChild(el('p', 'meta', (c.against ? 'It works against ' : 'It leads to ') + byDom.get(c.leadsTo).title + '.'));
      }
      art.appendChild(el('h4', null, 'The attacks, with the replies'));
      var ul = el('ul', 'moves');
      // Depth first, with an explicit stack of (move, list to add it to).
      var stack = [];
      for (var a = c.attacks - 1; a >= 0; a--) { stack.push([a, ul]); }
      while (stack.length) {
        var top = stack.pop();
        var mv = c.moves[top[0]];
        var n = byDom.get(mv.node);
        var li = el('li', 'move');
        paint(li, n);
        li.appendChild(el('span', 'rel con', mv.relation));
        li.appendChild(document.createTextNode(' '));
        li.appendChild(nodeButton(mv.node));
        li.appendChild(el('span', 'who', ' ' + whoSays(n) + ' '));
        li.appendChild(verdict(n, true));
        if (mv.repeat) { li.appendChild(el('span', 'again-note', ' (its replies are above)')); }
        if (mv.unlisted) { li.appendChild(el('span', 'again-note', ' (' + mv.unlisted + ' more repl' + (mv.unlisted === 1 ? 'y' : 'ies') + ' not shown)')); }
        top[1].appendChild(li);
        if (mv.replies.length) {
          var sub = el('ul', 'moves');
          li.appendChild(sub);
          for (var r = mv.replies.length - 1; r >= 0; r--) { stack.push([mv.replies[r], sub]); }
        }
      }
      if (c.unlisted) { ul.appendChild(el('li', 'again-note', c.unlisted + ' more attacks not shown')); }
      art.appendChild(ul);
      art.appendChild(el('h4', null, 'What stands'));
      var standing = c.moves.slice(0, c.attacks).filter(function (m) { return m.verdict === 'stands'; });
      var stands = el('p', 'stands-line');
      stands.appendChild(document.createTextNode((point.motion ? 'The motion' : 'Their point') + ' — ' +
        (point.reason || point.status) + '. '));
      stands.appendChild(document.createTextNode(standing.length === 0 ? 'No attack on it stands.' :
        'Attacks that stand: ' + standing.map(function (m) { var n = byDom.get(m.node); return n.title + ' (' + whoSays(n) + ')'; }).join('; ') + '.'));
      art.appendChild(stands);
      list.appendChild(art);
    });
  }

  // ---------- the full diagram: pan and zoom (by the SVG's viewBox) ----------
  var viewport = $('viewport');
  var svg = viewport ? viewport.querySelector('svg') : null;
  var base = null;
  var view = null;
  var diagramFitted = false;
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
  }
  function nodeElement(dom) {
    var g = svg ? svg.getElementById(dom) : null;
    return g && g.classList.contains('node') ? g : null;
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
  // Centres the diagram on a node, zooming in first when it is shown too small to read.
  function centerOn(g) {
    if (!view || !g || current !== 'diagram') { return; }
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

  // ---------- selection and the detail panel ----------
  var selected = null;
  function clearMarks() {
    document.querySelectorAll('#viewport .selected, #viewport .related').forEach(function (e) {
      e.classList.remove('selected', 'related');
    });
    document.querySelectorAll('li[aria-current]').forEach(function (e) { e.removeAttribute('aria-current'); });
  }
  function nodeLink(dom) {
    var n = byDom.get(dom);
    var b = el('button', 'link', n ? n.title : dom);
    b.type = 'button';
    b.addEventListener('click', function () { select(dom, { focusPanel: true }); });
    return b;
  }
  function fillList(list, items, empty) {
    list.replaceChildren();
    if (items.length === 0 && empty) { list.appendChild(el('li', 'empty', empty)); }
    items.forEach(function (item) { list.appendChild(item); });
  }
  function citationItem(c) {
    var li = el('li');
    var where = (c.sourceTitle || c.source) + ', ' +
      (c.lines[0] === c.lines[1] ? 'line ' + c.lines[0] : 'lines ' + c.lines[0] + '–' + c.lines[1]);
    if (c.sourceAuthor || c.sourceYear) {
      where += ' (' + [c.sourceAuthor, c.sourceYear].filter(function (x) { return x; }).join(', ') + ')';
    }
    li.appendChild(el('span', null, where));
    if (c.quote) { li.appendChild(el('blockquote', null, '“' + c.quote + '”')); }
    var t = c.text;
    if (t && t.missing) {
      li.appendChild(el('p', 'meta', 'Source text not shown: ' + t.missing));
    } else if (t && t.lines) {
      if (t.found === true) { li.appendChild(el('p', 'check ok', '✓ The quote is in the cited lines of ' + t.file + '.')); }
      if (t.found === false) { li.appendChild(el('p', 'check bad', '✗ The quote is not in the cited lines of ' + t.file + '.')); }
      var box = el('div', 'source-lines');
      box.setAttribute('role', 'group');
      box.setAttribute('aria-label', 'Lines of ' + t.file);
      t.lines.forEach(function (l) {
        var row = el('p', l.cited ? 'cited' : 'context');
        row.appendChild(el('span', 'n', String(l.n)));
        row.appendChild(el('span', 'l', l.text));
        box.appendChild(row);
      });
      if (t.cut) { box.appendChild(el('p', 'context', '(' + t.cut + ' more lines)')); }
      li.appendChild(box);
    }
    return li;
  }
  function showDetails(n) {
    var panel = $('details');
    paint(panel, n);
    $('details-title').textContent = n.title;
    var meta = $('details-meta');
    meta.replaceChildren();
    var who = campLabel(n.camp);
    meta.appendChild(document.createTextNode(n.motion ? 'the motion · ' + n.element :
      n.kind + ' · ' + n.element + ' · ' + sideLabel(n) + (who && who !== sideLabel(n) ? ' (' + who + ')' : '')));
    meta.appendChild(el('span', 'badge ' + n.status, MARK[n.status] + ' ' + n.status));
    if (n.unanswered) { meta.appendChild(el('span', 'badge unanswered', 'unanswered')); }
    var status = $('details-status');
    status.replaceChildren();
    status.appendChild(el('strong', null, 'Why: '));
    status.appendChild(document.createTextNode(n.reason ? n.reason :
      (data.statusHelp[n.status] || '') + (data.partial ?
        ' This report shows part of the map: `counterpoint status` on the whole map gives the reason.' : '')));
    $('details-strength').textContent = 'Strength ' + n.strength.toFixed(2) + ' (from 0, no weight left, to 1, unshaken)';
    fillList($('details-hinges'), (n.hinges || []).map(function (h) { return el('li', null, h); }));
    $('details-text').textContent = n.text || '(no text)';
    var tags = $('details-tags');
    tags.replaceChildren();
    n.tags.forEach(function (t) { tags.appendChild(el('span', 'tag', '#' + t)); });
    fillList($('details-citations'), n.citations.map(citationItem), 'No citations.');
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
    document.querySelectorAll('li[data-node="' + CSS.escape(dom) + '"]').forEach(function (li) {
      if (li.getAttribute('role') !== 'treeitem') { li.setAttribute('aria-current', 'true'); }
    });
    showDetails(n);
    if (opts.center !== false) { centerOn(g); }
    if (opts.focusPanel) { $('details-title').focus(); }
  }
  function unselect() {
    clearMarks();
    selected = null;
    if (svg) { svg.classList.remove('has-selection'); }
    $('details').hidden = true;
  }
  $('details-close').addEventListener('click', unselect);
  $('details-open').addEventListener('click', function () {
    if (selected) { go('#node=' + encodeURIComponent(selected)); }
  });
  document.querySelectorAll('.point[data-node]').forEach(function (b) {
    b.addEventListener('click', function () { select(b.getAttribute('data-node'), { focusPanel: false }); });
  });

  // ---------- the legend ----------
  var legend = $('legend-camps');
  var shownSides = new Set(data.nodes.map(function (n) { return n.side; }));
  data.sides.forEach(function (s) {
    if (!shownSides.has(s.id)) { return; }
    var li = el('li');
    var c = colours(s.color);
    li.style.setProperty('--side', c.border);
    li.style.setProperty('--side-fill', c.fill);
    var sw = el('span', 'swatch');
    sw.setAttribute('aria-hidden', 'true');
    li.appendChild(sw);
    var camp = data.camps.filter(function (k) { return k.sides.indexOf(s.id) >= 0; })[0];
    li.appendChild(document.createTextNode(s.label + (camp && camp.label !== s.label ? ' — ' + camp.label : '')));
    legend.appendChild(li);
  });

  // ---------- search and filters ----------
  function applyFilters(first) {
    computeFilters();
    var visible = filterState.visible;
    data.nodes.forEach(function (n) {
      var g = nodeElement(n.dom);
      if (g) { g.classList.toggle('dim', !visible.has(n.dom)); }
    });
    data.edges.forEach(function (e) {
      var edge = svg ? svg.getElementById(e.dom) : null;
      if (edge) { edge.classList.toggle('dim', !(visible.has(e.from) && visible.has(e.to))); }
    });
    document.querySelectorAll('aside li[data-node]').forEach(function (li) {
      li.hidden = !visible.has(li.getAttribute('data-node'));
    });
    $('match-count').textContent = visible.size + ' of ' + data.nodes.length + ' points shown';
    $('clear-filters').hidden = !filterState.active;
    if (!first) { showFiltered(); }
  }
  // A filter changed: the map view shows what it keeps (the diagram dims the rest in place).
  function showFiltered() {
    if (current === 'diagram') { return; }
    if (location.hash !== '#view=map' && location.hash !== '') {
      go('#view=map');
    } else {
      focused = null;
      if (current === 'map') { renderMap(); } else { showView('map'); }
    }
  }
  var refilter = function () { applyFilters(false); };
  search.addEventListener('input', refilter);
  tagFilter.addEventListener('change', refilter);
  document.querySelectorAll('#side-filters input').forEach(function (c) {
    c.addEventListener('change', refilter);
  });
  $('clear-filters').addEventListener('click', function () {
    search.value = '';
    tagFilter.value = '';
    document.querySelectorAll('#side-filters input').forEach(function (c) { c.checked = true; });
    applyFilters(false);
  });
  window.addEventListener('resize', function () { if (current === 'map') { fitCanvas(); } });

  // The sides' menu closes when the reader clicks elsewhere.
  document.addEventListener('click', function (e) {
    var menu = $('side-menu');
    if (menu.open && !menu.contains(e.target)) { menu.open = false; }
  });

  // ---------- keyboard ----------
  document.addEventListener('keydown', function (e) {
    var typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
    if (e.key === '/' && !typing) { e.preventDefault(); search.focus(); }
    if (e.key === 'Escape') {
      if (typing && search.value) { search.value = ''; applyFilters(false); }
      else if (selected) {
        var back = current === 'diagram' ? nodeElement(selected) : null;
        unselect();
        if (back) { back.focus(); }
      }
    }
  });

  // ---------- the reader's place, for a live preview ----------
  // `counterpoint serve` shows each new version of the map in a fresh page: it asks the old
  // page where the reader is (`get`) and puts the new one there (`set`). A saved report never
  // calls these.
  function scrolled() {
    var out = [];
    document.querySelectorAll('main, aside, [id]').forEach(function (e) {
      if (e.scrollTop || e.scrollLeft) {
        out.push({ id: e.id, tag: e.id ? null : e.tagName, top: e.scrollTop, left: e.scrollLeft });
      }
    });
    var page = document.scrollingElement;
    if (page) { out.push({ page: true, top: page.scrollTop, left: page.scrollLeft }); }
    return out;
  }
  window.counterpointPlace = {
    get: function () {
      var open = [];
      var closed = [];
      outline.querySelectorAll('[aria-expanded]').forEach(function (li) {
        (li.getAttribute('aria-expanded') === 'true' ? open : closed).push(li.getAttribute('data-node'));
      });
      var sidesOff = [];
      document.querySelectorAll('#side-filters input').forEach(function (c) {
        if (!c.checked) { sidesOff.push(c.value); }
      });
      var active = document.activeElement;
      return {
        hash: location.hash, selected: selected, open: open, closed: closed,
        view: view ? { x: view.x, y: view.y, w: view.w, h: view.h } : null, fitted: diagramFitted,
        search: search.value, tag: tagFilter.value, sidesOff: sidesOff,
        scroll: scrolled(), focus: active && active !== document.body ? active.id : ''
      };
    },
    set: function (p) {
      if (p.hash !== location.hash) {
        history.replaceState(null, '', location.pathname + location.search + p.hash);
        route();
      }
      search.value = p.search || '';
      tagFilter.value = p.tag || '';
      if (tagFilter.value !== (p.tag || '')) { tagFilter.value = ''; }
      document.querySelectorAll('#side-filters input').forEach(function (c) {
        c.checked = (p.sidesOff || []).indexOf(c.value) < 0;
      });
      applyFilters(true);
      if (filterState.active && current === 'map') { renderMap(); }
      var open = new Set(p.open || []);
      var closed = new Set(p.closed || []);
      outline.querySelectorAll('[aria-expanded]').forEach(function (li) {
        var dom = li.getAttribute('data-node');
        if (open.has(dom)) { li.setAttribute('aria-expanded', 'true'); }
        if (closed.has(dom)) { li.setAttribute('aria-expanded', 'false'); }
      });
      if (p.view && view && p.fitted) {
        view.x = p.view.x; view.y = p.view.y; view.w = p.view.w; view.h = p.view.h;
        diagramFitted = true;
        apply();
      }
      if (p.selected && byDom.has(p.selected)) {
        if (selected !== p.selected) { select(p.selected, { center: false }); }
      } else if (selected) {
        unselect();
      }
      (p.scroll || []).forEach(function (s) {
        var e = s.page ? document.scrollingElement : s.id ? $(s.id) : document.querySelector(s.tag);
        if (e) { e.scrollTop = s.top; e.scrollLeft = s.left; }
      });
      var f = p.focus ? $(p.focus) : null;
      if (f) { f.focus({ preventScroll: true }); }
    }
  };

  buildOutline();
  buildClashes();
  applyFilters(true);
  route();
  document.documentElement.setAttribute('data-ready', 'true');
}());
