/* Recommendation explorer: a filterable table over rows embedded in the page.
   Works offline (no requests). Charts drawn by casebook/vega.py announce their
   Vega views; a chart parameter named pick_<field> sets the filter on <field>. */
(function () {
  "use strict";

  function text(el, value) { el.textContent = value; return el; }

  function make(tag, attrs) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    return el;
  }

  // Rows arrive as arrays with repeated values as indices (casebook/explorer.py).
  function decode(payload) {
    return payload.rows.map(function (cells) {
      var row = {};
      payload.fields.forEach(function (field, i) {
        var table = payload.lookups[field], v = cells[i];
        row[field] = !table ? v : Array.isArray(v) ? v.map(function (k) { return table[k]; }) : table[v];
      });
      return row;
    });
  }

  function values(rows, field) {
    var seen = {};
    rows.forEach(function (r) {
      [].concat(r[field]).forEach(function (v) { if (v) seen[v] = true; });
    });
    return Object.keys(seen).sort();
  }

  function Explorer(root) {
    this.root = root;
    this.rows = decode(JSON.parse(document.getElementById(root.dataset.rows).textContent));
    this.filters = {};
    this.controls = {};
    this.build();
    this.render();
  }

  Explorer.prototype.build = function () {
    var self = this, root = this.root, id = root.id;
    var form = make("form", { class: "casebook-explorer-filters", role: "search" });
    form.addEventListener("submit", function (e) { e.preventDefault(); });

    var searchId = id + "-search";
    var search = make("input", { type: "search", id: searchId, placeholder: "Words in the text" });
    search.addEventListener("input", function () { self.render(); });
    var searchWrap = make("span", { class: "casebook-explorer-filter" });
    searchWrap.appendChild(text(make("label", { for: searchId }), "Search"));
    searchWrap.appendChild(search);
    form.appendChild(searchWrap);
    this.search = search;

    JSON.parse(root.dataset.fields).forEach(function (spec) {
      var selectId = id + "-" + spec.field;
      var select = make("select", { id: selectId, "data-field": spec.field });
      select.appendChild(text(make("option", { value: "" }), "All"));
      values(self.rows, spec.field).forEach(function (v) {
        select.appendChild(text(make("option", { value: v }), v));
      });
      select.addEventListener("change", function () {
        self.filters[spec.field] = select.value;
        self.render();
      });
      var wrap = make("span", { class: "casebook-explorer-filter" });
      wrap.appendChild(text(make("label", { for: selectId }), spec.label));
      wrap.appendChild(select);
      form.appendChild(wrap);
      self.controls[spec.field] = select;
    });

    var reset = text(make("button", { type: "button" }), "Clear filters");
    reset.addEventListener("click", function () { self.clear(); });
    form.appendChild(reset);

    this.status = make("p", { class: "casebook-explorer-status", role: "status", "aria-live": "polite" });
    var table = make("table", { class: "table table-sm casebook-explorer-table" });
    var caption = text(make("caption"), root.dataset.caption);
    table.appendChild(caption);
    var head = make("thead"), tr = make("tr");
    JSON.parse(root.dataset.columns).forEach(function (col) {
      tr.appendChild(text(make("th", { scope: "col" }), col.label));
    });
    head.appendChild(tr);
    table.appendChild(head);
    this.body = make("tbody");
    table.appendChild(this.body);
    this.columns = JSON.parse(root.dataset.columns);

    var scroller = make("div", { class: "casebook-explorer-scroll", tabindex: "0", "aria-label": root.dataset.caption });
    scroller.appendChild(table);
    root.appendChild(form);
    root.appendChild(this.status);
    root.appendChild(scroller);
  };

  Explorer.prototype.set = function (field, value) {
    if (!this.controls[field]) return;
    this.filters[field] = value || "";
    this.controls[field].value = value || "";
    this.render();
  };

  Explorer.prototype.clear = function () {
    var self = this;
    this.search.value = "";
    Object.keys(this.controls).forEach(function (f) { self.set(f, ""); });
  };

  Explorer.prototype.matches = function (row) {
    var self = this, words = this.search.value.trim().toLowerCase();
    if (words && row.text.toLowerCase().indexOf(words) < 0 && row.state.toLowerCase().indexOf(words) < 0) return false;
    return Object.keys(this.filters).every(function (f) {
      var want = self.filters[f];
      return !want || [].concat(row[f]).indexOf(want) >= 0;
    });
  };

  Explorer.prototype.render = function () {
    var self = this, shown = 0, fragment = document.createDocumentFragment();
    this.rows.forEach(function (row) {
      if (!self.matches(row)) return;
      shown += 1;
      var tr = make("tr");
      self.columns.forEach(function (col) {
        var value = [].concat(row[col.field]).join("; ");
        var td = text(make("td"), value);
        if (col.field === "id" && row.report) td.title = "Numbered in " + row.report;
        tr.appendChild(td);
      });
      fragment.appendChild(tr);
    });
    this.body.replaceChildren(fragment);
    this.root.dataset.shown = String(shown);
    this.status.textContent = "Showing " + shown + " of " + this.rows.length + " recommendations.";
  };

  var explorers = [];

  function listen(view) {
    explorers.forEach(function (ex) {
      Object.keys(ex.controls).forEach(function (field) {
        var name = "pick_" + field;
        try { view.signal(name); } catch (e) { return; }
        view.addSignalListener(name, function (_, value) {
          var picked = value && value[field];
          ex.set(field, picked && picked.length ? picked[0] : "");
        });
      });
    });
  }

  function start() {
    document.querySelectorAll(".casebook-explorer").forEach(function (root) {
      explorers.push(new Explorer(root));
    });
    var charts = window.casebookCharts || {};
    Object.keys(charts).forEach(function (id) { listen(charts[id]); });
    document.addEventListener("casebook:chart", function (e) { listen(e.detail.view); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
