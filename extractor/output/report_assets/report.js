/* The report page script (extractor/output/report.py). Reads the JSON in #xr-data, renders the overview table a
   page at a time, the organizations, and a document view only when it is opened (its HTML waits, unparsed, in a
   script element of type text/x-xr-doc). Routes: #/ (overview, filters as ?key=value), #/doc/N, #/orgs, #/org/N.
   Every string from the data goes through esc() before it meets markup. */
(function () {
  "use strict";
  window.__xrErrors = [];
  window.addEventListener("error", function (e) {
    window.__xrErrors.push(String(e.message || e));
    var box = document.getElementById("xr-jserror");
    box.hidden = false;
    box.textContent = "Report script error: " + (e.message || e);
  });

  var D = JSON.parse(document.getElementById("xr-data").textContent);
  var docs = D.docs, orgs = D.orgs;
  var PAGE = 100, ORG_PAGE = 6;
  var state = { status: "", stmt: "", company: "", category: "", q: "", sort: "", dir: 1, page: 0 };
  var order = [];            // positions of the documents shown by the overview, filtered and sorted
  var orgOf = {};            // organization name -> its number in orgs
  var haystack = null;       // lower-cased searchable text per document, made on the first search
  var orgPage = {};

  function $(id) { return document.getElementById(id); }
  function esc(s) {
    return String(s === null || s === undefined ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }
  function catLabel(c) { var p = D.categories[c]; return p ? c + " " + p.zh : c; }
  function statusLabel(s) { var p = D.statuses[s]; return p ? s + " " + p.zh : s; }
  function chip(c) { return '<span class="xr-chip cat-' + esc(c) + '">' + esc(catLabel(c)) + "</span>"; }
  function badge(s) { return '<span class="xr-status st-' + esc(s) + '">' + esc(statusLabel(s)) + "</span>"; }
  function cut(s, n) { s = String(s || "").replace(/\s+/g, " "); return s.length > n ? s.slice(0, n) + "…" : s; }

  orgs.forEach(function (o, i) { orgOf[o.name] = i; });

  /* ------------------------------------------------------------ overview */

  var COLUMNS = [
    ["id", "document", function (d) { return d.id; }],
    ["title", "title", function (d) { return d.title; }],
    ["date", "date", function (d) { return d.iso || "~" + d.date; }],
    ["status", "status", function (d) { return (d.status === "ok" ? (d.warnings.length ? 1 : 2) : 0); }],
    ["stmt", "statement", function (d) { return d.stmt ? 1 : 0; }],
    ["company", "company", function (d) { return d.company; }],
    ["m", "measures", function (d) { return d.n[0]; }],
    ["f", "findings", function (d) { return d.n[1]; }],
    ["p", "parties", function (d) { return d.n[2]; }],
    ["h", "hotlines", function (d) { return d.n[3]; }],
    ["w", "warnings", function (d) { return d.warnings.length; }]
  ];

  function fillSelect(id, values, labelOf) {
    var sel = $(id);
    values.forEach(function (v) {
      var o = document.createElement("option");
      o.value = v; o.textContent = labelOf ? labelOf(v) : v;
      sel.appendChild(o);
    });
  }

  function setupFilters() {
    var companies = {}, cats = {};
    docs.forEach(function (d) {
      if (d.company) companies[d.company] = (companies[d.company] || 0) + 1;
      d.cats.forEach(function (c) { cats[c] = 1; });
    });
    fillSelect("f-company", Object.keys(companies).sort(), function (c) { return c + " (" + companies[c] + ")"; });
    fillSelect("f-category", Object.keys(D.categories).filter(function (c) { return cats[c]; })
      .concat(Object.keys(cats).filter(function (c) { return !D.categories[c]; })), catLabel);
    ["status", "stmt", "company", "category"].forEach(function (k) {
      $("f-" + k).addEventListener("change", function () { state[k] = this.value; state.page = 0; renderTable(); });
    });
    var timer = null;
    $("f-q").addEventListener("input", function () {
      var v = this.value;
      clearTimeout(timer);
      timer = setTimeout(function () { state.q = v.trim().toLowerCase(); state.page = 0; renderTable(); }, 150);
    });
    $("f-reset").addEventListener("click", function () { location.hash = "#/"; resetFilters(); renderTable(); });
  }

  function resetFilters() {
    ["status", "stmt", "company", "category", "q"].forEach(function (k) { state[k] = ""; $("f-" + k).value = ""; });
    state.page = 0;
  }

  function searchText(i) {
    if (!haystack) {
      haystack = docs.map(function (d) {
        return [d.id, d.title, d.company, d.error, d.warnings.join(" "), d.m.map(function (m) { return m[4]; }).join(" ")]
          .join("\n").toLowerCase();
      });
    }
    return haystack[i];
  }

  function keep(d, i) {
    if (state.status === "ok" && d.status !== "ok") return false;
    if (state.status === "error" && d.status === "ok") return false;
    if (state.status === "warn" && !d.warnings.length) return false;
    if (state.stmt === "yes" && !d.stmt) return false;
    if (state.stmt === "no" && d.stmt) return false;
    if (state.company && d.company !== state.company) return false;
    if (state.category && d.cats.indexOf(state.category) < 0) return false;
    if (state.q && searchText(i).indexOf(state.q) < 0) return false;
    return true;
  }

  function computeOrder() {
    order = [];
    docs.forEach(function (d, i) { if (keep(d, i)) order.push(i); });
    var col = COLUMNS.filter(function (c) { return c[0] === state.sort; })[0];
    if (col) {
      var get = col[2], dir = state.dir;
      order.sort(function (a, b) {
        var x = get(docs[a]), y = get(docs[b]);
        return (x < y ? -dir : x > y ? dir : a - b);
      });
    }
  }

  function row(i) {
    var d = docs[i], cls = d.status !== "ok" ? "err" : d.warnings.length ? "warn" : "";
    var title = esc(d.title || "");
    if (d.status !== "ok") title += '<div class="xr-errmsg">' + esc(d.error) + "</div>";
    var warn = d.warnings.length ? '<span title="' + esc(d.warnings.join("\n")) + '">' + d.warnings.length +
      '</span> <span class="xr-warnmsg">' + esc(cut(d.warnings[0], 60)) + "</span>" : "";
    return '<tr class="' + cls + '" data-i="' + i + '"><td><a href="#/doc/' + i + '">' + esc(d.id) + "</a></td>" +
      '<td class="xr-title-cell">' + title + "</td><td class=\"xr-nowrap\">" + esc(d.date) + "</td><td>" + esc(d.status) + "</td><td>" +
      (d.status === "ok" ? (d.stmt ? "yes" : "no") : "") + "</td><td>" + esc(d.company) + "</td>" +
      d.n.map(function (n) { return '<td class="num">' + n + "</td>"; }).join("") + "<td>" + warn + "</td></tr>";
  }

  function renderTable() {
    computeOrder();
    var pages = Math.max(1, Math.ceil(order.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    var from = state.page * PAGE, to = Math.min(order.length, from + PAGE);
    var head = COLUMNS.map(function (c) {
      var cls = state.sort === c[0] ? ' class="sorted-' + state.dir + '"' : "";
      return '<th data-sort="' + c[0] + '"' + cls + ">" + c[1] + "</th>";
    }).join("");
    var pager = '<div class="xr-pager">' + (order.length ? (from + 1) + "–" + to : "0") + " of " + order.length +
      " shown (" + docs.length + " documents) " +
      '<button type="button" data-page="-1"' + (state.page ? "" : " disabled") + ">‹ previous</button>page " +
      (state.page + 1) + " of " + pages + '<button type="button" data-page="1"' +
      (state.page < pages - 1 ? "" : " disabled") + ">next ›</button></div>";
    $("xr-table").innerHTML = pager + '<table class="xr-table" id="xr-doctable"><thead><tr>' + head +
      "</tr></thead><tbody>" + order.slice(from, to).map(row).join("") + "</tbody></table>";
  }

  function renderProblems() {
    var failed = [], warned = [];
    docs.forEach(function (d, i) {
      if (d.status !== "ok") failed.push(i); else if (d.warnings.length) warned.push(i);
    });
    function list(ids, text) {
      return "<ul>" + ids.slice(0, 200).map(function (i) {
        return '<li><a href="#/doc/' + i + '">' + esc(docs[i].id) + "</a>: " + esc(text(docs[i])) + "</li>";
      }).join("") + (ids.length > 200 ? "<li>… " + (ids.length - 200) + " more (filter the table)</li>" : "") + "</ul>";
    }
    var html = "";
    if (failed.length) {
      html += '<div class="xr-perr"><h2>' + failed.length + ' failed document(s) <a href="#/?status=error">show in ' +
        "table</a></h2>" + list(failed, function (d) { return d.error; }) + "</div>";
    }
    if (warned.length) {
      html += '<div class="xr-pwarn"><h2>' + warned.length + ' document(s) with warnings <a href="#/?status=warn">' +
        "show in table</a></h2>" + list(warned, function (d) { return d.warnings.join(" | "); }) + "</div>";
    }
    $("xr-problems").className = html ? "xr-problems" : "";
    $("xr-problems").innerHTML = html;
  }

  /* ------------------------------------------------------------ document view */

  function selectKey(view, key, scroll) {
    view.querySelectorAll(".sel").forEach(function (el) { el.classList.remove("sel"); });
    var pieces = view.querySelectorAll('[data-k="' + key + '"]');
    pieces.forEach(function (el) { el.classList.add("sel"); });
    var first = view.querySelector('mark.hl[data-k="' + key + '"]:not(.cont)');
    if (first && scroll) first.scrollIntoView({ block: "center" });
    return first;
  }

  function showDetail(view, marks) {
    var box = view.querySelector(".xr-detail");
    if (!box) return;
    box.innerHTML = "<b>" + marks.length + " value(s) here</b><table>" + marks.map(function (m) {
      return "<tr><td>" + esc(m.getAttribute("data-kind")) + (m.getAttribute("data-tag") ? " " +
        esc(m.getAttribute("data-tag")) : "") + "</td><td><code>" + esc(m.getAttribute("data-rule")) +
        "</code></td><td>" + esc(m.getAttribute("data-s")) + "–" + esc(m.getAttribute("data-e")) + "</td></tr>" +
        '<tr><td colspan="3" class="xr-dim">' + esc(m.getAttribute("title")) + "</td></tr>";
    }).join("") + "</table>";
  }

  function onDocClick(e) {
    var view = $("v-doc");
    var mark = e.target.closest ? e.target.closest("mark.hl") : null;
    if (mark && mark.closest(".xr-text")) {
      var chain = [], el = mark;
      while (el && !el.classList.contains("xr-text")) {
        if (el.matches("mark.hl")) {
          var first = view.querySelector('mark.hl[data-k="' + el.getAttribute("data-k") + '"]:not(.cont)');
          if (first && chain.indexOf(first) < 0) chain.push(first);
        }
        el = el.parentElement;
      }
      selectKey(view, mark.getAttribute("data-k"), false);
      showDetail(view, chain);
      return;
    }
    var item = e.target.closest ? e.target.closest(".xr-item[data-k]") : null;
    if (item) {
      var f = selectKey(view, item.getAttribute("data-k"), true);
      if (f) showDetail(view, [f]);
    }
  }

  function renderDoc(i) {
    var block = $("xr-doc-" + i);
    if (!block) { $("v-doc").innerHTML = "<p>No document " + esc(i) + ".</p>"; return; }
    var at = order.indexOf(i), d = docs[i];
    var nav = '<div class="xr-docnav"><a href="#/">← overview</a>';
    if (at >= 0) {
      nav += (at > 0 ? '<a href="#/doc/' + order[at - 1] + '">‹ previous</a>' : "") +
        '<span class="xr-dim">' + (at + 1) + " of " + order.length + " in the table</span>" +
        (at < order.length - 1 ? '<a href="#/doc/' + order[at + 1] + '">next ›</a>' : "");
    }
    if (d.company && orgOf[d.company] !== undefined && d.stmt) {
      nav += '<a href="#/org/' + orgOf[d.company] + '">all statements of ' + esc(d.company) + "</a>";
    }
    $("v-doc").innerHTML = nav + "</div>" + block.textContent;
    window.scrollTo(0, 0);
  }

  /* ------------------------------------------------------------ organizations */

  function renderOrgs() {
    var rows = orgs.map(function (o, i) {
      var n = 0, planned = 0, done = 0;
      o.docs.forEach(function (p) {
        docs[p].m.forEach(function (m) { n++; if (m[2] === "planned") planned++; if (m[2] === "done") done++; });
      });
      var first = docs[o.docs[0]], last = docs[o.docs[o.docs.length - 1]];
      return '<tr><td><a href="#/org/' + i + '">' + esc(o.name) + '</a></td><td class="num">' + o.docs.length +
        '</td><td class="num">' + n + '</td><td class="num">' + done + '</td><td class="num">' + planned +
        "</td><td>" + esc(first.date) + "</td><td>" + esc(last.date) + "</td></tr>";
    });
    $("v-orgs").innerHTML = "<h2>Organizations 机构</h2><p class=\"xr-dim\">Statements grouped by the responding " +
      "organization (the record's company), in date order. Open one to read its statements side by side.</p>" +
      (rows.length ? '<table class="xr-table"><thead><tr><th>organization</th><th>statements</th><th>measures</th>' +
        "<th>done</th><th>planned (promised)</th><th>first</th><th>last</th></tr></thead><tbody>" + rows.join("") +
        "</tbody></table>" : "<p>No statement names an organization.</p>");
  }

  function renderOrg(k) {
    var o = orgs[k];
    if (!o) { $("v-org").innerHTML = "<p>No organization " + esc(k) + ".</p>"; return; }
    var later = {};
    o.later.forEach(function (t) { later[t[0] + ":" + t[1]] = t[2]; });
    var page = orgPage[k] || 0, pages = Math.ceil(o.docs.length / ORG_PAGE);
    var cols = o.docs.slice(page * ORG_PAGE, (page + 1) * ORG_PAGE).map(function (p, jj) {
      var s = page * ORG_PAGE + jj, d = docs[p];
      var items = d.m.map(function (m, j) {
        var after = later[s + ":" + j], planned = m[2] === "planned";
        return "<li" + (planned ? ' class="planned"' : "") + ">" + (planned ? '<span class="xr-promise">promise 承诺</span> ' : "") +
          (m[0] ? "<b>" + esc(m[0]) + "</b> " : "") + chip(m[1]) + " " + badge(m[2]) +
          '<div title="' + esc(m[4]) + '">' + esc(cut(m[4], 110)) + "</div>" +
          (m[3] ? '<div class="xr-dim">deadline ' + esc(m[3]) + "</div>" : "") +
          (after !== undefined ? '<div class="xr-later">→ statement ' + (after + 1) + " (" +
            esc(docs[o.docs[after]].date || "undated") + ') reports a measure of this category done: <a href="#/doc/' +
            o.docs[after] + '">' + esc(docs[o.docs[after]].id) + "</a></div>" : "") + "</li>";
      }).join("");
      return '<div class="xr-orgcol"><div class="xr-date">' + (s + 1) + ". " + esc(d.date || "undated") + "</div>" +
        '<h3><a href="#/doc/' + p + '">' + esc(d.title || d.id) + "</a></h3>" +
        '<div class="xr-dim">' + d.n[0] + " measures · " + d.n[1] + " findings</div><ol>" + items + "</ol></div>";
    }).join("");
    var pager = pages > 1 ? '<div class="xr-pager">statements ' + (page * ORG_PAGE + 1) + "–" +
      Math.min(o.docs.length, (page + 1) * ORG_PAGE) + " of " + o.docs.length +
      ' <button type="button" data-orgpage="-1"' + (page ? "" : " disabled") + '>‹ earlier</button>' +
      '<button type="button" data-orgpage="1"' + (page < pages - 1 ? "" : " disabled") + ">later ›</button></div>" : "";
    $("v-org").innerHTML = '<div class="xr-docnav"><a href="#/orgs">← organizations</a><a href="#/?company=' +
      encodeURIComponent(o.name) + '">its documents in the table</a></div><h2>' + esc(o.name) + " · " +
      o.docs.length + " statement(s) in date order</h2>" + '<p class="xr-dim">Planned measures are promises ' +
      "(承诺); a later statement of the organization reporting a measure of the same category done is pointed to " +
      "(a hint: only the category is compared).</p>" + pager + '<div class="xr-orgcols">' + cols + "</div>";
    $("v-org").setAttribute("data-org", k);
  }

  /* ------------------------------------------------------------ routing */

  function show(view) {
    ["overview", "orgs", "org", "doc"].forEach(function (v) { $("v-" + v).hidden = v !== view; });
    document.querySelectorAll(".xr-top nav a").forEach(function (a) {
      a.classList.toggle("on", a.getAttribute("data-view") === view || (view === "org" && a.getAttribute("data-view") === "orgs"));
    });
  }

  function decode(s) {
    try { return decodeURIComponent(s); } catch (e) { return s; }  // a hand-typed "%" must not stop the page
  }

  function route() {
    var h = location.hash.replace(/^#\/?/, ""), m;
    if ((m = /^doc\/(\d+)/.exec(h))) { if (!order.length) computeOrder(); show("doc"); renderDoc(+m[1]); return; }
    if (h === "orgs") { show("orgs"); renderOrgs(); return; }
    if ((m = /^org\/(\d+)/.exec(h))) { show("org"); renderOrg(+m[1]); window.scrollTo(0, 0); return; }
    var q = h.indexOf("?") >= 0 ? h.slice(h.indexOf("?") + 1) : "";
    if (q) {
      resetFilters();
      q.split("&").forEach(function (kv) {
        var p = kv.split("="), k = decode(p[0]), v = decode(p[1] || "");
        if (k in state && $("f-" + k)) { state[k] = k === "q" ? v.toLowerCase() : v; $("f-" + k).value = v; }
      });
    }
    show("overview");
    renderTable();
  }

  document.addEventListener("click", function (e) {
    var th = e.target.closest ? e.target.closest("#xr-doctable th[data-sort]") : null;
    if (th) {
      var key = th.getAttribute("data-sort");
      state.dir = state.sort === key ? -state.dir : 1;
      state.sort = key;
      renderTable();
      return;
    }
    var pg = e.target.closest ? e.target.closest("button[data-page]") : null;
    if (pg) { state.page += +pg.getAttribute("data-page"); renderTable(); return; }
    var op = e.target.closest ? e.target.closest("button[data-orgpage]") : null;
    if (op) {
      var k = +$("v-org").getAttribute("data-org");
      orgPage[k] = (orgPage[k] || 0) + (+op.getAttribute("data-orgpage"));
      renderOrg(k);
      return;
    }
    if (e.target.closest && e.target.closest("#v-doc")) onDocClick(e);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && e.target.matches && e.target.matches("#v-doc mark.hl")) onDocClick(e);
  });
  window.addEventListener("hashchange", route);

  setupFilters();
  renderProblems();
  route();
  window.__xrReady = performance.now();
})();
