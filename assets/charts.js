/* The site's chart runtime: draws each chart to fit its column, keeps it fitted as
   the column changes (phone, desktop, print), and gives every chart a toolbar to save
   it as an image carrying its title and source, or its rows as CSV.

   Each chart arrives as Vega, compiled from Vega-Lite at build time with numbered
   slots where the fitted values go (casebook/site/vega.py); this runtime fills them.
   The layout numbers come from casebook/theme.py through spec.usermeta.casebook, so
   the theme stays the one place that decides. Nothing here loads anything from
   another host. */
(function () {
  "use strict";

  var charts = {};

  // The spec with each slot's number replaced by its value, wherever it stands: as a
  // number or inside an expression (a facet's column count). Data rows are not read.
  function fill(node, byNumber, pattern) {
    if (Array.isArray(node)) return node.map(function (n) { return fill(n, byNumber, pattern); });
    if (node && typeof node === "object") {
      var out = {};
      Object.keys(node).forEach(function (key) {
        out[key] = key === "values" ? node[key] : fill(node[key], byNumber, pattern);
      });
      return out;
    }
    if (typeof node === "number" && byNumber.hasOwnProperty(node)) return byNumber[node];
    if (typeof node === "string") {
      return node.replace(pattern, function (slot) {
        return byNumber.hasOwnProperty(slot) ? String(byNumber[slot]) : slot;
      });
    }
    return node;
  }

  // The spec drawn at a given column width: label room, facet columns and plot widths.
  // `left` is the room the axes take left of the plots, once a first drawing told it.
  function fitted(chart, available, plotWidth, left) {
    var layout = chart.layout, meta = chart.meta;
    var labels = Math.round(Math.min(layout.labelMax, Math.max(layout.labelMin, available * layout.labelShare)));
    // Legends above or below a plot start at its left edge: they get the rest of the row.
    var legendRoom = available - (left === undefined ? labels + 30 : left) - 10;
    var columns = 1;
    if (meta.columns) {
      // meta.panel is the narrowest panel worth drawing, its axis included.
      var fit = Math.floor((available + layout.spacing) / (meta.panel + layout.spacing));
      columns = Math.max(1, Math.min(meta.columns, chart.maxColumns || Infinity, fit));
    }
    var values = {
      labels: labels,
      // Fewer time ticks on a narrow plot (overlapping labels are dropped, never drawn over).
      ticks: Math.max(3, Math.round(available / columns / layout.pixelsPerTick)),
      // Legends wrap into as many columns as the width holds.
      legendColumns: Math.max(1, Math.floor(legendRoom / layout.legendColumn)),
      legendRoom: legendRoom,
      legendLabels: Math.min(legendRoom - 30, layout.legendColumn - 30),
      columns: columns,
      width: Math.max(layout.plotMin, plotWidth ||
        Math.floor((available - layout.reserve) / columns - layout.spacing * (columns - 1) / columns))
    };
    var byNumber = {}, numbers = [];
    Object.keys(meta.slots).forEach(function (name) {
      byNumber[meta.slots[name]] = values[name];
      numbers.push(meta.slots[name]);
    });
    var spec = fill(chart.spec, byNumber, new RegExp("\\b(" + numbers.join("|") + ")\\b", "g"));
    chart.columns = columns;
    chart.plotWidth = values.width;
    chart.lightSpec = spec;
    return isDark() ? recolour(spec, chart.meta.dark || {}) : spec;
  }

  // The dark theme (Quarto's toggle marks the body): the theme's dark colours swapped
  // in for the light ones, wherever the spec names them (casebook/theme.py).
  function isDark() { return document.body.classList.contains("quarto-dark"); }

  function recolour(node, swaps) {
    if (Array.isArray(node)) return node.map(function (n) { return recolour(n, swaps); });
    if (node && typeof node === "object") {
      var out = {};
      Object.keys(node).forEach(function (key) {
        // The data are never recoloured, only the drawing's settings.
        out[key] = key === "values" || key === "data" ? node[key] : recolour(node[key], swaps);
      });
      return out;
    }
    if (typeof node === "string") {
      var swap = swaps[node] || swaps[node.toLowerCase()];
      if (swap) return swap;
    }
    return node;
  }

  function drawnWidth(chart) {
    var svg = chart.target.querySelector("svg");
    return svg ? parseFloat(svg.getAttribute("width")) : 0;
  }

  // A newer draw (a resize, a reset) supersedes an older one still under way: each
  // step checks its token and stops if it is stale, so the latest width always wins.
  function Stale() {}

  // A Vega view of the spec, drawn into `container`, with vega-tooltip's tooltips. Vega
  // parses data in place (dates), so each view gets its own copy: the CSV and later
  // drawings read the rows as the page gave them.
  // A spec Vega cannot parse rejects the promise, as a failed drawing does, so every
  // caller's error handling sees it (the chart says it could not be drawn).
  function newView(spec, container, renderer) {
    return new Promise(function (resolve) {
      var runtime = vega.parse(JSON.parse(JSON.stringify(spec)));
      var view = new vega.View(runtime, { renderer: renderer, logLevel: vega.Warn });
      view.tooltip(new vegaTooltip.Handler().call);
      container.replaceChildren();
      resolve(view.initialize(container).runAsync());
    });
  }

  function embed(chart, spec, token) {
    if (token !== chart.token) return Promise.reject(new Stale());
    if (chart.view) { chart.view.finalize(); chart.view = null; }
    return newView(spec, chart.target, chart.options.renderer).then(function (view) {
      if (token !== chart.token) { view.finalize(); throw new Stale(); }
      chart.view = view;
      return view;
    });
  }

  // Draw at the column's width. A composite view's margins (axis labels, legends)
  // are only known once drawn: draw, measure, and redraw once if it missed.
  function draw(chart) {
    var token = chart.token = (chart.token || 0) + 1;
    chart.el.classList.remove("casebook-chart-drawn");
    var available = Math.floor(chart.el.clientWidth) || chart.layout.fallback;
    chart.available = available;
    var spec = fitted(chart, available);
    var done = embed(chart, spec, token);
    if (chart.meta.composite) {
      done = done.then(function () {
        // Room taken left of the plots (axis labels and titles) and right of them (a
        // last tick label), but not a legend wider than the plots: that may hang over.
        var plot = chart.plotWidth, columns = chart.columns, gaps = chart.layout.spacing * (columns - 1);
        var width = drawnWidth(chart), plots = plotExtent(chart);
        var left = plots.left;
        var right = Math.max(0, Math.min(width - plots.right, chart.layout.rightMax));
        var corrected = Math.floor((available - left - right - gaps) / columns);
        if (width > available || Math.abs(corrected - plot) > 4) {
          var second = fitted(chart, available, Math.max(chart.layout.plotMin, corrected), left);
          return embed(chart, second, token).then(function () {
            // Something the estimate left out (a facet header, a wide last label) can
            // still hang over: take exactly that much off each panel, once.
            var over = drawnWidth(chart) - available;
            if (over <= 0) return;
            var narrower = corrected - Math.ceil(over / columns);
            if (narrower < chart.layout.plotMin && columns > 1) {
              // Panels this narrow are not worth drawing: one column fewer, from the start.
              chart.maxColumns = columns - 1;
              return draw(chart);
            }
            return embed(chart, fitted(chart, available, Math.max(chart.layout.plotMin, narrower), left), token);
          });
        }
      });
    }
    var finished = done.then(function () {
      chart.el.classList.add("casebook-chart-drawn");
      announce(chart);
    }, function (err) {
      if (!(err instanceof Stale)) throw err;
    });
    chart.drawing = finished;
    return finished;
  }

  // A save asked for while the chart is being drawn again (its column changed width, the
  // theme was switched) waits for the newest drawing instead of failing.
  function whenDrawn(chart) {
    var drawing = chart.drawing || Promise.resolve();
    return drawing.then(function () {
      if (chart.drawing && chart.drawing !== drawing) return whenDrawn(chart);
      if (!chart.view) throw new Error("the chart is not drawn yet");
      return chart;
    });
  }

  // Where the plots lie inside the drawing, in the SVG's own units: Vega gives each
  // plot (a concat or facet cell) a background rectangle.
  function plotExtent(chart) {
    var svg = chart.target.querySelector("svg"), frame = svg.getBoundingClientRect();
    var scale = frame.width / (parseFloat(svg.getAttribute("width")) || frame.width);
    var left = Infinity, right = -Infinity;
    svg.querySelectorAll("g.mark-group.role-scope path.background").forEach(function (p) {
      // Legend entries are drawn as groups with backgrounds too; they are no plots.
      if (p.closest(".role-legend, .role-axis, .role-title")) return;
      var r = p.getBoundingClientRect();
      left = Math.min(left, (r.left - frame.left) / scale);
      right = Math.max(right, (r.right - frame.left) / scale);
    });
    return isFinite(left) ? { left: left, right: right } : { left: 0, right: drawnWidth(chart) };
  }

  // Page scripts (the recommendation explorer) listen for views, after every redraw.
  function announce(chart) {
    (window.casebookCharts = window.casebookCharts || {})[chart.id] = chart.view;
    document.dispatchEvent(new CustomEvent("casebook:chart", { detail: { id: chart.id, view: chart.view } }));
  }

  // ---- What the exported image and CSV say about themselves ----

  // The figure's caption, without the sentences that only make sense on screen.
  function title(chart) {
    var figure = chart.el.closest("figure"), caption = figure && figure.querySelector("figcaption");
    if (!caption) return "";
    var copy = caption.cloneNode(true);
    copy.querySelectorAll(".casebook-hint").forEach(function (h) { h.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // The source notes printed after the figure (casebook.site.tables.source_note), up to the
  // next figure: the same citations the page shows, written once.
  function sourceLine(chart) {
    var figure = chart.el.closest(".cell") || chart.el.closest("figure") || chart.el;
    var notes = [], node = figure.nextElementSibling;
    while (node && !node.querySelector(".casebook-chart") && !/^H[1-6]$/.test(node.tagName)) {
      node.querySelectorAll(".casebook-sources").forEach(function (n) {
        // A folded list (a long or repeated note) is saved in full, without its summary.
        var copy = n.cloneNode(true);
        copy.querySelectorAll("summary").forEach(function (s) { s.remove(); });
        notes.push(copy.textContent.replace(/\s+/g, " ").trim());
      });
      node = node.nextElementSibling;
    }
    var site = "Norms under review, " + document.location.href.split("#")[0];
    return (notes.length ? notes.join(" ") + " " : "") + site;
  }

  function escapeXml(s) {
    return String(s).replace(/[<>&"']/g, function (c) {
      return { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" }[c];
    });
  }

  // Break text into lines no wider than `width` pixels in the given font.
  function wrap(text, font, width) {
    var context = document.createElement("canvas").getContext("2d");
    context.font = font;
    var lines = [], line = "";
    text.split(" ").forEach(function (word) {
      var next = line ? line + " " + word : word;
      if (line && context.measureText(next).width > width) { lines.push(line); line = word; }
      else line = next;
    });
    if (line) lines.push(line);
    return lines;
  }

  // The chart's SVG framed by its title above and its source below.
  function framedSvg(chart) {
    return whenDrawn(chart).then(lightSvg).then(function (inner) {
      var doc = new DOMParser().parseFromString(inner, "image/svg+xml").documentElement;
      var w = parseFloat(doc.getAttribute("width")), h = parseFloat(doc.getAttribute("height"));
      var width = Math.max(w, 480), pad = 12, family = chart.layout.font;
      var titleFont = "600 15px " + family, sourceFont = "11px " + family;
      var titleLines = wrap(title(chart), titleFont, width - 2 * pad);
      var sourceLines = wrap(sourceLine(chart), sourceFont, width - 2 * pad);
      var top = pad + titleLines.length * 20 + 6, bottom = sourceLines.length * 15 + pad;
      var height = top + h + bottom, out = [];
      out.push('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ' +
        'width="' + width + '" height="' + height + '" viewBox="0 0 ' + width + " " + height + '">');
      out.push('<rect width="100%" height="100%" fill="white"/>');
      titleLines.forEach(function (line, i) {
        out.push('<text x="' + pad + '" y="' + (pad + 15 + i * 20) + '" style="font:' + escapeXml(titleFont) +
          '" fill="#222222">' + escapeXml(line) + "</text>");
      });
      doc.setAttribute("x", 0);
      doc.setAttribute("y", top);
      out.push(new XMLSerializer().serializeToString(doc));
      sourceLines.forEach(function (line, i) {
        out.push('<text x="' + pad + '" y="' + (top + h + 13 + i * 15) + '" style="font:' + escapeXml(sourceFont) +
          '" fill="#5f6368">' + escapeXml(line) + "</text>");
      });
      out.push("</svg>");
      return { svg: out.join("\n"), width: width, height: height };
    });
  }

  // Saved images use the light colours, whatever the page shows: they are for paper.
  // In the dark theme the light drawing is made off screen, at the chart's width.
  function lightSvg(chart) {
    if (!isDark()) return chart.view.toSVG();
    var holder = document.createElement("div");
    holder.style.cssText = "position:absolute;left:-10000px;top:0;width:" + chart.available + "px";
    holder.setAttribute("aria-hidden", "true");
    document.body.appendChild(holder);
    return newView(chart.lightSpec, holder, "none").then(function (view) {
      return view.toSVG().then(function (svg) {
        view.finalize();
        holder.remove();
        return svg;
      });
    }, function (err) { holder.remove(); throw err; });
  }

  function save(name, blob) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function saveSvg(chart) {
    return framedSvg(chart).then(function (framed) {
      save(chart.name + ".svg", new Blob([framed.svg], { type: "image/svg+xml" }));
      return framed.svg;
    });
  }

  function savePng(chart) {
    return framedSvg(chart).then(function (framed) {
      return new Promise(function (resolve, reject) {
        var image = new Image(), scale = 2;
        image.onload = function () {
          var canvas = document.createElement("canvas");
          canvas.width = framed.width * scale;
          canvas.height = framed.height * scale;
          var context = canvas.getContext("2d");
          context.scale(scale, scale);
          context.drawImage(image, 0, 0);
          canvas.toBlob(function (blob) {
            if (!blob) { reject(new Error("the image could not be made")); return; }
            save(chart.name + ".png", blob);
            resolve(framed.svg);
          });
        };
        image.onerror = reject;
        image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(framed.svg);
      });
    });
  }

  // The rows the chart draws, with the columns it uses, under the titles its tooltips
  // give them (chosen at build time, casebook.site.vega.csv_columns). A chart drawn
  // from several tables says which one each row is from (its `part` column).
  function csv(chart) {
    var plan = chart.meta.csv, tables = {}, rows = [];
    (chart.spec.data || []).forEach(function (d) { if (d.values) tables[d.name] = d.values; });
    plan.data.forEach(function (name) { rows = rows.concat(tables[name] || []); });
    var fields = plan.columns.map(function (c) { return c[0]; });
    var header = plan.columns.map(function (c) { return c[1]; });
    function cell(value) {
      if (value === null || value === undefined) return "";
      var text = Array.isArray(value) ? value.join("; ") : String(value);
      text = text.replace(/T00:00:00(\.000)?$/, "");
      return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }
    var body = rows.map(function (r) { return fields.map(function (f) { return cell(r[f]); }).join(","); });
    return [header.map(cell).join(",")].concat(body).join("\r\n") + "\r\n";
  }

  function saveCsv(chart) {
    var text = csv(chart);
    save(chart.name + ".csv", new Blob(["\ufeff" + text], { type: "text/csv;charset=utf-8" }));
    return text;
  }

  function button(label, action, describedBy) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "casebook-chart-action";
    b.textContent = label;
    if (describedBy) b.setAttribute("aria-describedby", describedBy);
    b.addEventListener("click", action);
    return b;
  }

  function toolbar(chart) {
    var bar = document.createElement("div");
    bar.className = "casebook-chart-tools";
    if (chart.meta.zoom) {
      var hint = document.createElement("span");
      hint.className = "casebook-chart-hint";
      hint.id = chart.id + "-zoom-hint";
      hint.textContent = "Zoom in time: Ctrl (⌘ on a Mac) and scroll, or pinch on a trackpad; drag to pan.";
      bar.appendChild(hint);
      bar.appendChild(button("Reset zoom", function () { draw(chart); }, hint.id));
    }
    var report = function (err) { console.error(err); };
    bar.appendChild(button("Save image (PNG)", function () { savePng(chart).catch(report); }));
    bar.appendChild(button("Save image (SVG)", function () { saveSvg(chart).catch(report); }));
    bar.appendChild(button("Chart data (CSV)", function () { saveCsv(chart); }));
    chart.el.insertAdjacentElement("afterend", bar);
  }

  // Redraw when the column's width changes: a turned phone, a resized window, print.
  function watch(chart) {
    var pending = null;
    var refit = function () {
      var width = Math.floor(chart.el.clientWidth);
      if (!width || Math.abs(width - chart.available) < 4) return;
      chart.maxColumns = null;
      clearTimeout(pending);
      pending = setTimeout(function () { draw(chart); }, 120);
    };
    if (window.ResizeObserver) new ResizeObserver(refit).observe(chart.el);
    else window.addEventListener("resize", refit);
  }

  // Saved files are named after the figure's label (fig-mongolia-timeline.png).
  function figureName(el) {
    var figure = el.closest("[id^='fig-']");
    return figure ? figure.id : null;
  }

  // vega-tooltip places a wide tooltip left of the pointer even where that runs off the
  // screen (on a phone); keep it inside the window.
  function keepTooltipOnScreen() {
    var tooltip = document.getElementById("vg-tooltip-element");
    if (!tooltip || tooltip.dataset.casebookWatched) return Boolean(tooltip);
    tooltip.dataset.casebookWatched = "yes";
    new MutationObserver(function () {
      var box = tooltip.getBoundingClientRect(), width = document.documentElement.clientWidth;
      var left = Math.max(4, Math.min(box.left, width - box.width - 4));
      // Placed with position: fixed, so in window coordinates.
      if (Math.abs(left - box.left) > 0.5) tooltip.style.left = left + "px";
    }).observe(tooltip, { attributes: true, attributeFilter: ["style", "class"] });
    return true;
  }
  document.addEventListener("pointerover", function watchTooltip() {
    if (keepTooltipOnScreen()) document.removeEventListener("pointerover", watchTooltip);
  });

  // A switch between the light and dark themes redraws every chart in its colours.
  var darkNow = null;
  function watchTheme() {
    darkNow = isDark();
    new MutationObserver(function () {
      if (isDark() === darkNow) return;
      darkNow = isDark();
      Object.keys(charts).forEach(function (id) { draw(charts[id]); });
    }).observe(document.body, { attributes: true, attributeFilter: ["class"] });
  }

  window.casebookChart = function (id, spec, options) {
    if (darkNow === null) watchTheme();
    var el = document.getElementById(id);
    var meta = (spec.usermeta && spec.usermeta.casebook) || {};
    var target = document.createElement("div");
    target.className = "casebook-chart-canvas";
    el.appendChild(target);
    var chart = {
      id: id, el: el, target: target, spec: spec, meta: meta, layout: meta.layout,
      options: options, name: figureName(el) || id, view: null, available: 0, columns: 1
    };
    charts[id] = chart;
    (window.casebookChartSpecs = window.casebookChartSpecs || {})[id] = spec;
    toolbar(chart);
    watch(chart);
    return draw(chart).catch(function (err) {
      el.textContent = "This chart could not be drawn: " + err;
      console.error(err);
    });
  };

})();
