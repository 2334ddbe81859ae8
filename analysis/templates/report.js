(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var links = data.links || {};
  var pairs = data.pairs || [];
  var elements = {};
  var nodes = Array.prototype.slice.call(document.querySelectorAll(".s"));
  var status = document.getElementById("status");
  var select = document.getElementById("pair-select");
  var current = pairs.length ? pairs[0] : null;
  var pinned = null;

  nodes.forEach(function (el) {
    var sid = el.getAttribute("data-sid");
    (elements[sid] = elements[sid] || []).push(el);
  });

  function sideOf(el) {
    var col = el.closest(".col");
    return col ? col.getAttribute("data-side") : "";
  }

  function otherArticle(el) {
    if (!current) { return null; }
    return sideOf(el) === "a" ? current.b : current.a;
  }

  function counterparts(el) {
    var other = otherArticle(el);
    var own = links[el.getAttribute("data-sid")] || [];
    return own.filter(function (link) { return link[1] === other; });
  }

  function visibleIn(side, sid) {
    return (elements[sid] || []).filter(function (node) { return sideOf(node) === side; });
  }

  function clear() {
    document.querySelectorAll(".s.active, .s.counterpart").forEach(function (node) {
      node.classList.remove("active", "counterpart");
    });
    document.querySelectorAll(".sim").forEach(function (badge) { badge.remove(); });
    status.textContent = data.status_hint || "";
  }

  function label(el) {
    return (sideOf(el) === "a" ? "A" : "B") + " sentence " + el.getAttribute("data-n");
  }

  function show(el, scroll) {
    clear();
    el.classList.add("active");
    var found = counterparts(el);
    var otherSide = sideOf(el) === "a" ? "b" : "a";
    var parts = [];
    found.forEach(function (link) {
      visibleIn(otherSide, link[0]).forEach(function (node, i) {
        node.classList.add("counterpart");
        var badge = document.createElement("span");
        badge.className = "sim";
        badge.textContent = Number(link[2]).toFixed(2);
        node.appendChild(badge);
        if (scroll && i === 0 && parts.length === 0) {
          node.scrollIntoView({ block: "nearest", behavior: "smooth" });
        }
      });
      parts.push(otherSide.toUpperCase() + " sentence " + link[3] + " (" + link[4] +
        ", similarity " + Number(link[2]).toFixed(2) + ")");
    });
    if (parts.length) {
      status.textContent = label(el) + " \u2194 " + parts.join("; ");
    } else {
      status.textContent = label(el) + ": no counterpart in " + otherSide.toUpperCase() +
        " (unique to this article)";
    }
  }

  function mark() {
    nodes.forEach(function (el) {
      el.classList.remove("matched", "unique");
      var art = el.closest(".art");
      if (!art || art.hidden || el.getAttribute("data-align") !== "1") { return; }
      el.classList.add(counterparts(el).length ? "matched" : "unique");
    });
  }

  function choose(index) {
    current = pairs[index] || null;
    if (!current) { return; }
    document.querySelectorAll(".col").forEach(function (col) {
      var want = col.getAttribute("data-side") === "a" ? current.a : current.b;
      col.querySelectorAll(".art").forEach(function (art) {
        art.hidden = art.getAttribute("data-article") !== want;
      });
    });
    pinned = null;
    clear();
    mark();
  }

  nodes.forEach(function (el) {
    el.addEventListener("mouseenter", function () { if (!pinned) { show(el, false); } });
    el.addEventListener("mouseleave", function () { if (!pinned) { clear(); } });
    el.addEventListener("focus", function () { if (!pinned) { show(el, false); } });
    el.addEventListener("click", function () {
      if (pinned === el) { pinned = null; clear(); return; }
      pinned = el;
      show(el, true);
    });
    el.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); el.click(); }
    });
  });
  if (select) {
    select.addEventListener("change", function () { choose(Number(select.value)); });
  }
  choose(0);
}());
