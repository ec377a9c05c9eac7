// counterpoint serve: the report in a frame, kept up to date. The server's events say which
// version of the page is the last good one and what is wrong with the map now. A new version
// loads in a second, hidden frame; when it is ready it is put where the reader was (the point
// selected, the view, zoom and pan, the outline's open items, the filters, the scrolling; the
// report's `counterpointPlace`), and the frames swap. Errors show in a banner above the last
// good drawing. Every text is set with textContent.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var frames = $('frames');
  var waiting = $('waiting');
  var banner = $('banner');
  var bar = $('live-bar');
  var shown = null;
  var shownPage = null;
  var pending = null;
  var pendingPage = null;

  // Where the reader is in a frame's report: its address and its place (null if unreadable).
  function placeOf(frame) {
    try {
      var w = frame.contentWindow;
      return { hash: w.location.hash, place: w.counterpointPlace ? w.counterpointPlace.get() : null };
    } catch (e) {
      return null;
    }
  }
  // The address follows the shown frame's, so that reloading the page keeps the view.
  function follow(frame) {
    try {
      frame.contentWindow.addEventListener('hashchange', function () {
        if (frame !== shown) { return; }
        history.replaceState(null, '', location.pathname + frame.contentWindow.location.hash);
      });
    } catch (e) { /* nothing to follow */ }
  }
  function load(page) {
    if (pending) { pending.remove(); }
    var frame = document.createElement('iframe');
    frame.title = 'The report';
    frame.className = 'loading';
    var at = shown ? placeOf(shown) : null;
    frame.src = '/report?v=' + page + ((at ? at.hash : location.hash) || '');
    pending = frame;
    pendingPage = page;
    frame.addEventListener('load', function () {
      if (pending !== frame) { return; }
      pending = null;
      pendingPage = null;
      // The place as it is now: the reader may have moved while the new page loaded.
      var now = shown ? placeOf(shown) : null;
      var hadFocus = shown !== null && document.activeElement === shown;
      if (now && now.place) {
        try {
          frame.contentWindow.counterpointPlace.set(now.place);
        } catch (e) { /* the new page opens where its address says */ }
      }
      frame.classList.remove('loading');
      if (shown) { shown.remove(); }
      if (waiting) { waiting.remove(); waiting = null; }
      shown = frame;
      shownPage = page;
      follow(frame);
      if (hadFocus) { frame.focus(); }
      document.documentElement.setAttribute('data-page', String(page));
    });
    frames.appendChild(frame);
  }
  function showProblems(state) {
    var list = $('problems');
    list.replaceChildren();
    var n = state.problems.length;
    if (n === 0) {
      banner.hidden = true;
      return;
    }
    $('banner-title').textContent = n === 1 ? 'The map has a problem' : 'The map has ' + n + ' problems';
    $('banner-note').textContent = state.page === null
      ? 'Nothing can be drawn until it is fixed.'
      : 'Below is the last good drawing; it updates when the map is fixed.';
    state.problems.forEach(function (p) {
      var li = document.createElement('li');
      var head = document.createElement('code');
      head.textContent = p.headline;
      li.appendChild(head);
      if (p.detail) {
        var pre = document.createElement('pre');
        pre.textContent = p.detail;
        li.appendChild(pre);
      }
      list.appendChild(li);
    });
    banner.hidden = false;
    if (waiting && state.page === null) { waiting.textContent = 'No drawing yet.'; }
  }
  function show(state) {
    if (state.page !== null && state.page !== shownPage && state.page !== pendingPage) { load(state.page); }
    showProblems(state);
    document.documentElement.setAttribute('data-version', String(state.version));
  }
  var events = new EventSource('/events');
  events.onmessage = function (e) {
    var state;
    try { state = JSON.parse(e.data); } catch (x) { return; }
    show(state);
  };
  events.onopen = function () { bar.hidden = true; };
  events.onerror = function () {
    bar.textContent = 'Lost the connection to counterpoint serve; trying again…';
    bar.hidden = false;
  };
}());
