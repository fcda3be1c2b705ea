/* The site's explorer: a searchable, faceted, sortable table over rows embedded in
   the page, configured by the page (casebook/site/explorer.py writes the configuration).

   - Its state (search words, filters, sort) lives in the address, so a view can be
     shared, bookmarked and stepped through with back and forward.
   - Facet counts are for the current selection: each facet counts the rows that
     every other filter and the search let through.
   - Charts linked to it (spec.usermeta.casebook.link, see casebook/theme.py finish) set
     exactly the fields a clicked mark stands for, and highlight what is selected.
   - It works offline: no requests; the rows travel in the page. */
(function () {
  "use strict";
  // Each explorer on a page brings this script; the first copy serves them all.
  if (window.casebookExplorer) return;

  var PAGE_SIZE = 50;
  // The most rows listed at once, even when asked for all (or printing): beyond this the
  // CSV is the way to take them away.
  var MOST_LISTED = 2000;
  var TYPING_DELAY = 120;  // ms of quiet before a search runs: one update per burst
  // Parameters other tools put in an address (Quarto's search highlight, link
  // trackers): left alone, and not reported as errors.
  var FOREIGN = /^(q|utm_[a-z]+|fbclid|gclid|mc_[a-z]+)$/;
  var collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  var MARKS = /[\u0300-\u036f]/g;

  // ---- Small helpers ----

  function make(tag, attrs, content) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (content !== undefined) el.textContent = content;
    return el;
  }

  function list(value) {
    return value === null || value === undefined || value === "" ? [] : [].concat(value);
  }

  function cellText(value) { return list(value).join("; "); }

  // Case- and accent-insensitive form of a text: "Côte" and "cote" match.
  // Letters that do not decompose into a base letter and a mark, and typographic quotes.
  var LETTERS = { "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "ß": "ss",
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": "\"", "\u201d": "\"" };
  var OTHERS = new RegExp("[" + Object.keys(LETTERS).join("") + "]", "g");
  function fold(text) {
    return String(text).normalize("NFD").replace(MARKS, "").toLowerCase()
      .replace(OTHERS, function (c) { return LETTERS[c]; });
  }

  // The folded text with, for each of its characters, the index of the character of
  // the original it came from, so a match in the folded text can be marked in the original.
  function foldWithMap(text) {
    var out = "", map = [];
    for (var i = 0; i < text.length; i++) {
      var f = fold(text[i]);
      for (var j = 0; j < f.length; j++) { out += f[j]; map.push(i); }
    }
    map.push(text.length);
    return { text: out, map: map };
  }

  // Search words: every word must occur, in any order; "a quoted phrase" counts as one.
  function searchTerms(query) {
    var terms = [], re = /"([^"]*)"|(\S+)/g, m;
    query = query.replace(/[\u201c\u201d]/g, '"');
    while ((m = re.exec(query))) {
      var term = fold((m[1] !== undefined ? m[1] : m[2]).trim());
      if (term && terms.indexOf(term) < 0) terms.push(term);
    }
    return terms;
  }

  // Append `text` to `el`, with every occurrence of a search term in <mark>.
  function appendMarked(el, text, terms) {
    if (!terms.length || !text) { el.appendChild(document.createTextNode(text)); return; }
    var folded = foldWithMap(text), hits = [];
    terms.forEach(function (t) {
      var from = 0, at;
      while ((at = folded.text.indexOf(t, from)) >= 0) {
        hits.push([folded.map[at], folded.map[at + t.length - 1] + 1]);
        from = at + t.length;
      }
    });
    if (!hits.length) { el.appendChild(document.createTextNode(text)); return; }
    hits.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [hits[0]];
    hits.slice(1).forEach(function (h) {
      var last = merged[merged.length - 1];
      if (h[0] <= last[1]) last[1] = Math.max(last[1], h[1]); else merged.push(h);
    });
    var pos = 0;
    merged.forEach(function (h) {
      if (h[0] > pos) el.appendChild(document.createTextNode(text.slice(pos, h[0])));
      el.appendChild(make("mark", {}, text.slice(h[0], h[1])));
      pos = h[1];
    });
    if (pos < text.length) el.appendChild(document.createTextNode(text.slice(pos)));
  }

  // Rows arrive as arrays with repeated values as indices (casebook/site/explorer.py).
  function decode(data) {
    return data.rows.map(function (cells) {
      var row = {};
      data.fields.forEach(function (field, i) {
        var table = data.lookups[field], v = cells[i];
        row[field] = !table ? v : Array.isArray(v) ? v.map(function (k) { return table[k]; }) : table[v];
      });
      return row;
    });
  }

  function csvCell(value) {
    var text = cellText(value);
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function save(name, text) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob(["\ufeff" + text], { type: "text/csv;charset=utf-8" }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // ---- The explorer ----

  function Explorer(root, config) {
    var self = this;
    this.root = root;
    this.id = root.id;
    this.config = config;
    this.prefix = config.param_prefix || "";
    this.rows = config.rows || decode(config.data);
    this.noun = config.noun;  // [singular, plural]
    this.columns = config.columns;
    this.facets = config.facets.map(function (spec) { return self.facetFrom(spec); });
    this.facetByField = Object.create(null);  // no inherited names: ?constructor=x is unknown
    this.facets.forEach(function (f) { self.facetByField[f.field] = f; });
    this.searchFields = config.search;
    this.rows.forEach(function (row) {
      row._hay = fold(self.searchFields.map(function (f) { return cellText(row[f]); }).join(" \u0001 "));
    });
    this.query = "";
    this.sort = null;  // {field, descending}; null is the dataset's own order
    this.orders = Object.create(null);
    this.limit = PAGE_SIZE;
    this.links = [];
    this.typing = false;
    this.build();
    this.readAddress(false);
    this.update();
    this.started = true;  // from now on, changes are announced
  }

  Explorer.prototype.facetFrom = function (spec) {
    var seen = Object.create(null);
    this.rows.forEach(function (r) { list(r[spec.field]).forEach(function (v) { seen[v] = true; }); });
    var values = (spec.order || []).filter(function (v) { return seen[v]; });
    Object.keys(seen).sort(collator.compare).forEach(function (v) {
      if (values.indexOf(v) < 0) values.push(v);
    });
    var index = Object.create(null);
    values.forEach(function (v, i) { index[v] = i; });
    var codes = this.rows.map(function (r) {
      return list(r[spec.field]).map(function (v) { return index[v]; });
    });
    return {
      field: spec.field, label: spec.label, values: values, index: index, codes: codes,
      picked: new Uint8Array(values.length), inputs: [], counts: []
    };
  };

  // ---- Building the controls ----

  Explorer.prototype.build = function () {
    var self = this, id = this.id, config = this.config;
    var controls = make("div", { class: "casebook-explorer-controls" });

    var searchWrap = make("div", { class: "casebook-explorer-search", role: "search" });
    searchWrap.appendChild(make("label", { for: id + "-search" }, "Search"));
    this.search = make("input", {
      type: "search", id: id + "-search", autocomplete: "off", spellcheck: "false",
      "aria-describedby": id + "-search-help"
    });
    searchWrap.appendChild(this.search);
    searchWrap.appendChild(make("span", { id: id + "-search-help", class: "casebook-explorer-help" },
      "Every word, in any order; accents and capitals ignored; \"quotes\" keep a phrase together. " +
      "Searches " + config.search_label + "."));
    // A search after a pause, or after leaving the box, is a new step in the history.
    this.search.addEventListener("change", function () { self.typing = false; });
    this.search.addEventListener("input", function () {
      clearTimeout(self.pending);
      self.pending = setTimeout(function () { self.setQuery(self.search.value); }, TYPING_DELAY);
    });
    this.search.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { clearTimeout(self.pending); self.setQuery(self.search.value); }
    });
    controls.appendChild(searchWrap);

    var sortWrap = make("div", { class: "casebook-explorer-sort" });
    sortWrap.appendChild(make("label", { for: id + "-sort" }, "Order"));
    this.sortSelect = make("select", { id: id + "-sort" });
    this.sortSelect.appendChild(make("option", { value: "" }, config.default_order));
    this.columns.forEach(function (col) {
      self.sortSelect.appendChild(make("option", { value: col.field }, col.label + ", A to Z (1 to 9)"));
      self.sortSelect.appendChild(make("option", { value: "-" + col.field }, col.label + ", Z to A (9 to 1)"));
    });
    this.sortSelect.addEventListener("change", function () {
      var v = self.sortSelect.value;
      self.setSort(v ? { field: v.replace(/^-/, ""), descending: v[0] === "-" } : null);
    });
    sortWrap.appendChild(this.sortSelect);
    controls.appendChild(sortWrap);

    var actions = make("div", { class: "casebook-explorer-actions" });
    var copy = make("button", { type: "button", class: "casebook-explorer-button" }, "Copy link to this view");
    copy.addEventListener("click", function () { self.copyLink(); });
    this.download = make("button", { type: "button", class: "casebook-explorer-button" }, "Download rows (CSV)");
    this.download.addEventListener("click", function () { self.exportCsv(); });
    actions.appendChild(copy);
    actions.appendChild(this.download);
    controls.appendChild(actions);

    var filters = make("details", { class: "casebook-explorer-filters" });
    this.filtersSummary = make("summary", {}, "Filters");
    filters.appendChild(this.filtersSummary);
    var facets = make("div", { class: "casebook-explorer-facets" });
    this.facets.forEach(function (facet) { facets.appendChild(self.buildFacet(facet)); });
    filters.appendChild(facets);

    this.chips = make("div", { class: "casebook-explorer-chips", role: "group", "aria-label": "Filters in use" });
    // The count on screen changes at once; screen readers hear it once the reader pauses.
    this.status = make("p", { class: "casebook-explorer-status", id: id + "-status" });
    this.announcer = make("p", { class: "casebook-explorer-announcer visually-hidden", role: "status" });
    this.note = make("p", { class: "casebook-explorer-note", role: "alert", hidden: "" });
    this.shared = make("p", { class: "casebook-explorer-shared", role: "status", hidden: "" });

    var table = make("table", { class: "table table-sm casebook-explorer-table", role: "table" });
    table.style.setProperty("--casebook-explorer-columns", this.columns.map(function (c) {
      return c.width || "minmax(6rem, 1fr)";
    }).join(" "));
    table.appendChild(make("caption", {}, config.caption));
    var head = make("thead", { role: "rowgroup" }), tr = make("tr", { role: "row" });
    this.headers = {};
    this.columns.forEach(function (col) {
      var th = make("th", { scope: "col", role: "columnheader" });
      var button = make("button", { type: "button", class: "casebook-explorer-sorter" }, col.label);
      button.appendChild(make("span", { class: "casebook-explorer-arrow", "aria-hidden": "true" }));
      button.addEventListener("click", function () { self.cycleSort(col.field); });
      th.appendChild(button);
      tr.appendChild(th);
      self.headers[col.field] = th;
    });
    head.appendChild(tr);
    table.appendChild(head);
    this.body = make("tbody", { role: "rowgroup" });
    table.appendChild(this.body);
    this.table = table;
    var wrap = make("div", { class: "casebook-explorer-results" });
    wrap.appendChild(table);

    var more = make("div", { class: "casebook-explorer-more" });
    this.listed = make("span", { class: "casebook-explorer-listed" });
    this.moreButton = make("button", { type: "button", class: "casebook-explorer-button" });
    this.moreButton.addEventListener("click", function () { self.showMore(PAGE_SIZE); });
    this.allButton = make("button", { type: "button", class: "casebook-explorer-button" });
    this.allButton.addEventListener("click", function () { self.showMore(Infinity); });
    more.appendChild(this.listed);
    more.appendChild(this.moreButton);
    more.appendChild(this.allButton);

    [controls, filters, this.chips, this.note, this.shared, this.status, this.announcer, wrap, more].forEach(function (el) {
      self.root.appendChild(el);
    });
    // Open where there is room for them beside the table's width; a phone shows the
    // rows first and the filters on request.
    if (this.root.clientWidth > 640) filters.open = true;
  };

  Explorer.prototype.buildFacet = function (facet) {
    var self = this, id = this.id + "-facet-" + facet.field;
    var details = make("details", { class: "casebook-explorer-facet", id: id });
    var summary = make("summary");
    summary.appendChild(make("span", { class: "casebook-explorer-facet-name" }, facet.label));
    facet.summary = make("span", { class: "casebook-explorer-facet-picked" }, "any");
    summary.appendChild(facet.summary);
    details.appendChild(summary);
    var fieldset = make("fieldset");
    fieldset.appendChild(make("legend", { class: "visually-hidden" }, facet.label + ": any of"));
    if (facet.values.length > 12) {
      // A long list (the recommending States) gets its own finder.
      var find = make("input", { type: "search", "aria-label": "Find in " + facet.label, placeholder: "Find…", class: "casebook-explorer-find" });
      find.addEventListener("input", function () {
        var want = fold(find.value.trim());
        facet.inputs.forEach(function (input, i) {
          input.parentNode.hidden = want && fold(facet.values[i]).indexOf(want) < 0;
        });
      });
      fieldset.appendChild(find);
    }
    var options = make("div", { class: "casebook-explorer-options" });
    facet.values.forEach(function (value, i) {
      var label = make("label", { class: "casebook-explorer-option" });
      var input = make("input", { type: "checkbox", value: value });
      input.addEventListener("change", function () { self.toggle(facet.field, value, input.checked); });
      label.appendChild(input);
      label.appendChild(make("span", { class: "casebook-explorer-value" }, value));
      var count = make("span", { class: "casebook-explorer-count" });
      label.appendChild(count);
      options.appendChild(label);
      facet.inputs[i] = input;
      facet.counts[i] = count;
    });
    fieldset.appendChild(options);
    details.appendChild(fieldset);
    return details;
  };

  // ---- Changing the state ----

  Explorer.prototype.setQuery = function (query) {
    if (query === this.query) return;
    var now = performance.now(), burst = this.typing && now - this.lastSearch < 1000;
    this.query = query;
    this.lastSearch = now;
    // One history entry per burst of typing, not one per word.
    this.commit(burst ? "replace" : "push");
    this.typing = true;
  };

  Explorer.prototype.toggle = function (field, value, on) {
    var facet = this.facetByField[field], i = facet.index[value];
    if (i === undefined || Boolean(facet.picked[i]) === on) return;
    facet.picked[i] = on ? 1 : 0;
    this.commit("push");
  };

  // Set several fields at once (a chart mark): each to exactly the given values.
  Explorer.prototype.setFields = function (values) {
    var self = this;
    Object.keys(values).forEach(function (field) {
      var facet = self.facetByField[field];
      if (!facet) return;
      facet.picked.fill(0);
      list(values[field]).forEach(function (v) {
        if (facet.index[v] !== undefined) facet.picked[facet.index[v]] = 1;
      });
    });
    this.commit("push");
  };

  Explorer.prototype.picked = function (field) {
    var facet = this.facetByField[field];
    return facet ? facet.values.filter(function (_, i) { return facet.picked[i]; }) : [];
  };

  Explorer.prototype.clear = function () {
    this.query = "";
    this.search.value = "";
    this.facets.forEach(function (f) { f.picked.fill(0); });
    this.commit("push");
  };

  Explorer.prototype.setSort = function (sort) {
    this.sort = sort;
    this.commit("push", true);
  };

  // Header buttons: A to Z, then Z to A, then the dataset's own order.
  Explorer.prototype.cycleSort = function (field) {
    var s = this.sort;
    if (!s || s.field !== field) this.setSort({ field: field, descending: false });
    else if (!s.descending) this.setSort({ field: field, descending: true });
    else this.setSort(null);
  };

  Explorer.prototype.showMore = function (n) {
    this.limit = n === Infinity ? Infinity : this.limit + n;
    this.renderRows();
  };

  Explorer.prototype.commit = function (history, sorted) {
    if (history !== "replace") this.typing = false;
    this.note.hidden = true;
    this.shared.hidden = true;
    this.limit = PAGE_SIZE;
    this.writeAddress(history);
    this.update(sorted);
  };

  // ---- The address ----

  Explorer.prototype.param = function (name) { return this.prefix + name; };

  // Which address parameters are this explorer's. A prefix ends with "." ("b."), so
  // an explorer without one owns every name without a dot, except other tools' names.
  Explorer.prototype.owns = function (key) {
    if (this.prefix) return key.indexOf(this.prefix) === 0;
    return key.indexOf(".") < 0 && !FOREIGN.test(key);
  };

  Explorer.prototype.readAddress = function (announce) {
    var self = this, params = new URLSearchParams(window.location.search), ignored = [];
    this.typing = false;
    this.query = "";
    this.sort = null;
    this.facets.forEach(function (f) { f.picked.fill(0); });
    params.forEach(function (value, key) {
      if (!self.owns(key)) return;  // another explorer's, or another tool's
      var name = key.slice(self.prefix.length);
      var facet = self.facetByField[name];
      if (value.indexOf("\ufffd") >= 0 || key.indexOf("\ufffd") >= 0) {
        // A broken %-escape: the browser could not read this part of the link.
        ignored.push("a part that could not be read (“" + key + "”)");
      } else if (name === "search") {
        self.query = value;
      } else if (facet) {
        var i = facet.index[value];
        if (i === undefined) ignored.push("“" + value + "” is not one of the choices for " + facet.label);
        else facet.picked[i] = 1;
      } else if (name === "sort") {
        var field = value.replace(/^-/, "");
        if (self.columns.some(function (c) { return c.field === field; })) {
          self.sort = { field: field, descending: value[0] === "-" };
        } else ignored.push("“" + value + "” is not a column to sort by");
      } else {
        ignored.push("“" + key + "” is not something this explorer can set");
      }
    });
    this.search.value = this.query;
    this.note.hidden = !ignored.length;
    this.note.textContent = ignored.length
      ? "Part of the link was ignored: " + ignored.join("; ") + ". The rest of the view is shown." : "";
    this.limit = PAGE_SIZE;
    if (announce) this.update();
  };

  // This explorer's parameters as the address has them, to tell a change of view from
  // a move within the page (a link to a heading also fires popstate).
  Explorer.prototype.addressParams = function () {
    var self = this, own = [];
    new URLSearchParams(window.location.search).forEach(function (value, key) {
      if (self.owns(key)) own.push(key + "=" + value);
    });
    return own.join("&");
  };

  Explorer.prototype.stateParams = function () {
    var self = this, params = [];
    if (this.query.trim()) params.push([this.param("search"), this.query.trim()]);
    this.facets.forEach(function (f) {
      self.picked(f.field).forEach(function (v) { params.push([self.param(f.field), v]); });
    });
    if (this.sort) params.push([this.param("sort"), (this.sort.descending ? "-" : "") + this.sort.field]);
    return params;
  };

  // The address of the current view: other tools' parameters and other explorers'
  // are kept; this explorer's are written afresh.
  Explorer.prototype.address = function (hash) {
    var self = this, current = new URLSearchParams(window.location.search), params = new URLSearchParams();
    current.forEach(function (value, key) {
      if (!self.owns(key)) params.append(key, value);
    });
    this.stateParams().forEach(function (p) { params.append(p[0], p[1]); });
    var search = params.toString();
    return window.location.pathname + (search ? "?" + search : "") + (hash === undefined ? window.location.hash : hash);
  };

  Explorer.prototype.writeAddress = function (history) {
    var url = this.address();
    if (url === window.location.pathname + window.location.search + window.location.hash) return;
    var state = { casebookExplorer: this.id };
    if (history === "replace") window.history.replaceState(state, "", url);
    else window.history.pushState(state, "", url);
  };

  Explorer.prototype.copyLink = function () {
    var self = this, url = new URL(this.address("#" + this.id), window.location.href).href;
    var show = function (copied) {
      self.shared.hidden = false;
      self.shared.replaceChildren(
        document.createTextNode(copied ? "Link copied. " : "Copy this link: "),
        make("input", { type: "text", readonly: "", value: url, "aria-label": "Link to this view", class: "casebook-explorer-link" })
      );
      var input = self.shared.querySelector("input");
      if (!copied) { input.focus(); input.select(); }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { show(true); }, function () { show(false); });
    } else show(false);
  };

  // ---- Matching, counting, ordering ----

  Explorer.prototype.searchHits = function () {
    var terms = searchTerms(this.query), key = terms.join("\u0001");
    if (this.hitsKey === key) return this.hits;
    this.terms = terms;
    this.hitsKey = key;
    if (!terms.length) { this.hits = null; return null; }
    var hits = new Uint8Array(this.rows.length);
    for (var i = 0; i < this.rows.length; i++) {
      var hay = this.rows[i]._hay, ok = 1;
      for (var t = 0; t < terms.length; t++) if (hay.indexOf(terms[t]) < 0) { ok = 0; break; }
      hits[i] = ok;
    }
    return (this.hits = hits);
  };

  // The row indices in the current order (computed once per order and kept).
  Explorer.prototype.ordered = function () {
    var s = this.sort, key = s ? (s.descending ? "-" : "") + s.field : "";
    if (this.orders[key]) return this.orders[key];
    var rows = this.rows, idx = rows.map(function (_, i) { return i; });
    if (s) {
      var keys = rows.map(function (r) { return cellText(r[s.field]); });
      var sign = s.descending ? -1 : 1;
      idx.sort(function (a, b) { return sign * collator.compare(keys[a], keys[b]) || a - b; });
    }
    return (this.orders[key] = idx);
  };

  Explorer.prototype.update = function (sortChanged) {
    var rows = this.rows, facets = this.facets, nf = facets.length;
    var active = facets.map(function (f) { return f.picked.indexOf(1) >= 0; });
    var hits = this.searchHits(), matched = new Uint8Array(rows.length);
    var tallies = facets.map(function (f) { return new Int32Array(f.values.length); });
    var total = 0;
    for (var i = 0; i < rows.length; i++) {
      if (hits && !hits[i]) continue;
      var fails = 0, failed = -1;
      for (var k = 0; k < nf && fails < 2; k++) {
        var f = facets[k];
        if (!active[k]) continue;
        var codes = f.codes[i], ok = false;
        for (var c = 0; c < codes.length; c++) if (f.picked[codes[c]]) { ok = true; break; }
        if (!ok) { fails += 1; failed = k; }
      }
      // A facet's counts ignore its own filter: they say what picking a value would add.
      if (fails === 0) {
        matched[i] = 1;
        total += 1;
        for (k = 0; k < nf; k++) {
          var own = facets[k].codes[i];
          for (c = 0; c < own.length; c++) tallies[k][own[c]] += 1;
        }
      } else if (fails === 1) {
        var theirs = facets[failed].codes[i];
        for (c = 0; c < theirs.length; c++) tallies[failed][theirs[c]] += 1;
      }
    }
    this.matched = matched;
    this.total = total;
    this.shownIndex = this.ordered().filter(function (i) { return matched[i]; });
    this.renderFacets(tallies);
    this.renderChips();
    this.renderHeaders();
    this.renderRows();
    this.renderStatus(sortChanged);
    this.renderLinks();
    this.root.dataset.shown = String(total);
  };

  // ---- Drawing ----

  Explorer.prototype.renderFacets = function (tallies) {
    var self = this;
    this.facets.forEach(function (f, k) {
      f.values.forEach(function (_, i) {
        var n = tallies[k][i], on = Boolean(f.picked[i]);
        f.inputs[i].checked = on;
        f.counts[i].textContent = String(n);
        f.inputs[i].parentNode.classList.toggle("casebook-explorer-none", !n && !on);
      });
      var picked = self.picked(f.field);
      f.summary.textContent = picked.length ? picked.join(", ") : "any";
      f.summary.classList.toggle("casebook-explorer-facet-on", picked.length > 0);
    });
    var inUse = this.facets.reduce(function (n, f) { return n + self.picked(f.field).length; }, 0);
    this.filtersSummary.textContent = "Filters" + (inUse ? " (" + inUse + " in use)" : "");
  };

  Explorer.prototype.renderChips = function () {
    var self = this, chips = [];
    if (this.query.trim()) {
      chips.push(this.chip("Search: " + this.query.trim(), function () {
        self.search.value = "";
        self.query = "";
        self.commit("push");
      }));
    }
    this.facets.forEach(function (f) {
      self.picked(f.field).forEach(function (v) {
        chips.push(self.chip(f.label + ": " + v, function () { self.toggle(f.field, v, false); }));
      });
    });
    if (chips.length) {
      var clear = make("button", { type: "button", class: "casebook-explorer-button casebook-explorer-clear" }, "Clear all");
      clear.addEventListener("click", function () { self.clear(); self.search.focus(); });
      chips.push(clear);
    }
    this.chips.replaceChildren.apply(this.chips, chips);
    this.chips.hidden = !chips.length;
  };

  Explorer.prototype.chip = function (label, remove) {
    var self = this;
    var b = make("button", { type: "button", class: "casebook-explorer-chip", "aria-label": "Remove " + label }, label + " ×");
    b.addEventListener("click", function () {
      var at = [].indexOf.call(self.chips.children, b);
      remove();
      // Keep the keyboard in the same place: on the chip that took this one's place
      // (or the last), else the search box.
      var chips = self.chips.querySelectorAll(".casebook-explorer-chip");
      (chips[Math.min(at, chips.length - 1)] || self.search).focus();
    });
    return b;
  };

  Explorer.prototype.renderHeaders = function () {
    var s = this.sort, self = this;
    this.columns.forEach(function (col) {
      var th = self.headers[col.field];
      if (s && s.field === col.field) th.setAttribute("aria-sort", s.descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
    this.sortSelect.value = s ? (s.descending ? "-" : "") + s.field : "";
  };

  Explorer.prototype.renderRows = function () {
    var self = this, terms = this.terms || [], marked = this.searchFields;
    var shown = this.shownIndex, limit = Math.min(this.limit, shown.length, MOST_LISTED);
    var fragment = document.createDocumentFragment();
    for (var n = 0; n < limit; n++) {
      var row = this.rows[shown[n]], tr = make("tr", { role: "row", "aria-rowindex": String(n + 2) });
      this.columns.forEach(function (col) {
        var td = make("td", { role: "cell", "data-label": col.label, "data-field": col.field });
        var text = cellText(row[col.field]);
        var holder = td;
        if (col.link && row[col.link]) {
          holder = make("a", { href: row[col.link] });
          if (col.title && row[col.title]) holder.title = row[col.title];
          td.appendChild(holder);
        }
        if (marked.indexOf(col.field) >= 0) appendMarked(holder, text, terms);
        else holder.textContent = text;
        tr.appendChild(td);
      });
      fragment.appendChild(tr);
    }
    this.body.replaceChildren(fragment);
    // Only some rows are in the table at a time: say how many there are in all.
    this.table.setAttribute("aria-rowcount", String(shown.length + 1));
    var left = shown.length - limit, noun = this.noun;
    this.listed.textContent = shown.length
      ? (left ? "Listing the first " + limit + " of " + shown.length + "." +
        (limit === MOST_LISTED ? " Download them to have them all." : "") : "")
      : "No " + noun[1] + " match. Remove a filter or a search word.";
    this.moreButton.hidden = left <= 0 || limit === MOST_LISTED;
    this.allButton.hidden = left <= 0 || shown.length > MOST_LISTED;
    this.moreButton.textContent = "Show " + Math.min(PAGE_SIZE, left) + " more";
    this.allButton.textContent = "Show all " + shown.length;
    this.download.textContent = "Download " + (shown.length === 1 ? "this " + noun[0] : "these " + shown.length + " " + noun[1]) + " (CSV)";
    this.download.disabled = !shown.length;
  };

  Explorer.prototype.renderStatus = function (sortChanged) {
    var text = "Showing " + this.total + " of " + this.rows.length + " " + this.noun[1] + ".";
    if (sortChanged) {
      var s = this.sort, col = s && this.columns.filter(function (c) { return c.field === s.field; })[0];
      text = (col ? "Sorted by " + col.label + ", " + (s.descending ? "Z to A" : "A to Z") : "In the dataset's order") + ". " + text;
    }
    if (this.status.textContent === text) return;
    this.status.textContent = text;
    if (!this.started) return;
    var announcer = this.announcer;
    clearTimeout(this.announcing);
    this.announcing = setTimeout(function () { announcer.textContent = text; }, 600);
  };

  // ---- Export ----

  Explorer.prototype.selectionText = function () {
    var self = this, parts = [];
    if (this.query.trim()) parts.push("search \"" + this.query.trim() + "\"");
    this.facets.forEach(function (f) {
      var picked = self.picked(f.field);
      if (picked.length) parts.push(f.label + ": " + picked.join(" or "));
    });
    return parts.length ? parts.join("; ") : "none (every row)";
  };

  Explorer.prototype.csv = function () {
    var self = this, d = this.config.download, s = this.sort;
    var col = s && this.columns.filter(function (c) { return c.field === s.field; })[0];
    var page = new URL(this.address("#" + this.id), window.location.href).href;
    var about = [
      d.site + ": " + d.title,
      "Dataset: " + d.dataset + ", edition of " + d.edition + ", CSV SHA-256 " + d.sha256,
      "Selection: " + this.selectionText(),
      "Rows: " + this.shownIndex.length + " of " + this.rows.length + ", " +
        (col ? "sorted by " + col.label + (s.descending ? " (Z to A)" : " (A to Z)") : "in the dataset's order"),
      "View: " + page,
      "Data page: " + new URL(d.data_page, window.location.href).href,
      "Licence: " + d.licence
    ];
    about[0] += " The first " + about.length + " lines describe the rows; the table starts on line " +
      (about.length + 1) + ".";
    about = about.map(function (line) {
      // One quoted cell per line, so spreadsheets keep each line whole.
      return '"# ' + line.replace(/[\r\n]+/g, " ").replace(/"/g, '""') + '"';
    });
    var header = this.config.export.map(function (c) { return csvCell(c.label); }).join(",");
    var body = this.shownIndex.map(function (i) {
      var row = self.rows[i];
      return self.config.export.map(function (c) { return csvCell(row[c.field]); }).join(",");
    });
    return about.concat([header], body).join("\r\n") + "\r\n";
  };

  Explorer.prototype.exportCsv = function () {
    var text = this.csv();
    save(this.config.download.file, text);
    return text;
  };

  // ---- Linked charts ----

  // A view drawn (or redrawn) by assets/charts.js: listen to its clicks and show the
  // selection on it.
  Explorer.prototype.attach = function (chartId, view) {
    var specs = window.casebookChartSpecs || {}, spec = specs[chartId];
    var link = spec && spec.usermeta && spec.usermeta.casebook && spec.usermeta.casebook.link;
    if (!link || link.explorer !== this.id) return;
    var self = this, entry = this.links.filter(function (l) { return l.chartId === chartId; })[0];
    if (!entry) {
      entry = { chartId: chartId, fields: link.fields, line: this.buildLinkLine(chartId, link) };
      this.links.push(entry);
    }
    entry.view = view;
    view.addEventListener("click", function (_, item) {
      var datum = item && item.datum;
      if (!datum || link.fields.some(function (f) { return datum[f] === undefined; })) return;
      self.pickMark(link.fields, datum);
    });
    this.renderLinks();
  };

  // A click on a mark selects exactly what it stands for; a click on the mark that is
  // already the whole selection of those fields removes it.
  Explorer.prototype.pickMark = function (fields, datum) {
    var self = this;
    var same = fields.every(function (f) {
      var picked = self.picked(f);
      return picked.length === 1 && picked[0] === String(datum[f]);
    });
    var values = {};
    fields.forEach(function (f) { values[f] = same ? [] : [String(datum[f])]; });
    this.setFields(values);
  };

  Explorer.prototype.buildLinkLine = function (chartId, link) {
    var self = this, chart = document.getElementById(chartId);
    var line = make("p", { class: "casebook-linked", tabindex: "-1" });
    var anchor = chart.nextElementSibling && chart.nextElementSibling.classList.contains("casebook-chart-tools")
      ? chart.nextElementSibling : chart;
    anchor.insertAdjacentElement("afterend", line);
    line.addEventListener("click", function (e) {
      if (e.target.matches("button[data-clear]")) {
        self.setFields(link.fields.reduce(function (o, f) { o[f] = []; return o; }, {}));
        line.focus();  // the button is gone: keep the keyboard where it was
      }
    });
    return line;
  };

  Explorer.prototype.renderLinks = function () {
    var self = this;
    this.links.forEach(function (entry) {
      var view = entry.view, picked = {};
      entry.fields.forEach(function (f) { picked[f] = self.picked(f); });
      // Redraw a chart only when its selection changed (not at every search keystroke).
      var selection = JSON.stringify(picked);
      if (view && (view !== entry.shownView || selection !== entry.shownSelection)) {
        entry.shownView = view;
        entry.shownSelection = selection;
        entry.fields.forEach(function (f) {
          try { view.signal("selected_" + f, picked[f]); } catch (e) { /* not a linked field */ }
        });
        // A view being replaced by a redraw may be finalised already: nothing to show.
        view.runAsync().catch(function () {});
      }
      var chosen = entry.fields.filter(function (f) { return picked[f].length; }).map(function (f) {
        return picked[f].join(" or ");
      });
      var line = entry.line;
      line.replaceChildren();
      if (!chosen.length) {
        line.appendChild(document.createTextNode(
          "Click a bar to list its " + self.noun[1] + " in the explorer; click it again to undo."));
        return;
      }
      var count = self.total === 1 ? "1 " + self.noun[0] : self.total + " " + self.noun[1];
      line.appendChild(document.createTextNode("Selected: " + chosen.join(", ") + ". "));
      line.appendChild(make("a", { href: "#" + self.id }, "The explorer lists " + count + (self.otherFilters(entry.fields) ? " (with its other filters)" : "")));
      line.appendChild(document.createTextNode(" "));
      line.appendChild(make("button", { type: "button", "data-clear": "", class: "casebook-explorer-button" }, "Clear selection"));
    });
  };

  Explorer.prototype.otherFilters = function (fields) {
    return Boolean(this.query.trim()) || this.facets.some(function (f) {
      return fields.indexOf(f.field) < 0 && f.picked.indexOf(1) >= 0;
    });
  };

  // ---- Start ----

  var explorers = {};

  function create(root, config) {
    if (root.dataset.ready) return explorers[root.id];
    root.dataset.ready = "yes";
    config = config || JSON.parse(document.getElementById(root.dataset.config).textContent);
    var ex = new Explorer(root, config);
    explorers[root.id] = ex;
    var drawn = window.casebookCharts || {};
    Object.keys(drawn).forEach(function (id) { ex.attach(id, drawn[id]); });
    return ex;
  }

  function start() {
    document.querySelectorAll(".casebook-explorer[data-config]").forEach(function (root) { create(root); });
    document.addEventListener("casebook:chart", function (e) {
      Object.keys(explorers).forEach(function (id) { explorers[id].attach(e.detail.id, e.detail.view); });
    });
    window.addEventListener("popstate", function () {
      Object.keys(explorers).forEach(function (id) {
        var ex = explorers[id];
        var now = ex.stateParams().map(function (p) { return p[0] + "=" + p[1]; }).join("&");
        if (ex.addressParams() !== now || !ex.note.hidden) ex.readAddress(true);
      });
    });
    // Paper gets every selected row (up to the most listed), not the first page of them.
    window.addEventListener("beforeprint", function () {
      Object.keys(explorers).forEach(function (id) {
        var ex = explorers[id];
        ex.limitBeforePrint = ex.limit;
        ex.showMore(Infinity);
      });
    });
    window.addEventListener("afterprint", function () {
      Object.keys(explorers).forEach(function (id) {
        var ex = explorers[id];
        if (ex.limitBeforePrint) { ex.limit = ex.limitBeforePrint; ex.renderRows(); }
      });
    });
  }

  window.casebookExplorer = { create: create, explorers: explorers };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
