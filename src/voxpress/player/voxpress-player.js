/*! voxpress-player: "Listen to this article" with read-along, word by word, on the page's own
 * text. One file, no dependencies, no network but the manifest and the audio it is given.
 *
 *   <voxpress-player src="slug.json" text="article .body"></voxpress-player>
 *   and this file, loaded with <script src="voxpress-player.js" defer>.
 *
 * Attributes: src (the render's manifest, <slug>.json; or a child <script type="application/json">
 * holding it), text (CSS selector of the element holding the article text; default <article>,
 * <main> or <body>), label ("Listen to this article"), notice (the AI-assistance notice), policy
 * (URL of the publisher's AI policy), policy-label ("How we use AI"), download ("off" hides the
 * link). Only text is ever put into the page: labels, titles and notices go in as textContent;
 * URLs are used only when http(s) or relative. The page's own text is never changed: the
 * sentence and the word being spoken are marked with CSS Custom Highlights (::highlight(
 * voxpress-sentence) and ::highlight(voxpress-word)), which a page's stylesheet can restyle.
 */
(function () {
  "use strict";
  if (typeof window === "undefined" || !window.customElements) return;
  if (window.customElements.get("voxpress-player")) return;

  var SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2];
  var SPEED_KEY = "voxpress-player:speed";
  var SKIP_S = 15;
  var IGNORED = /[\s\u00ad\u200b-\u200d\u2060\ufeff]/;
  var SCHEME = /^\s*[a-z][a-z0-9+.-]*:/i;
  var NOT_TEXT =
    "script,style,noscript,template,textarea,select,voxpress-player,[hidden],[aria-hidden=true]";
  var HIGHLIGHTS = typeof CSS !== "undefined" && !!CSS.highlights && typeof Highlight === "function";

  var PAGE_CSS =
    "::highlight(voxpress-sentence){background-color:#fdeeb4;color:#14171c}" +
    "::highlight(voxpress-word){background-color:#174ea6;color:#fff}";

  var CSS_TEXT = [
    ":host{display:block;margin:1rem 0;--vp-bg:#f1f4f9;--vp-fg:#14171c;--vp-muted:#424955;",
    "--vp-accent:#174ea6;--vp-on-accent:#fff;font:1rem/1.4 system-ui,-apple-system,'Segoe UI',",
    "Roboto,sans-serif}",
    ":host([hidden]){display:none}",
    ".vp{background:var(--vp-bg);color:var(--vp-fg);border:1px solid var(--vp-muted);",
    "border-radius:.5rem;padding:.75rem 1rem}",
    ".title{margin:0 0 .5rem;font-weight:700}",
    ".title span{font-weight:400;color:var(--vp-muted)}",
    ".row{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin:.25rem 0}",
    "button,select,a.dl{font:inherit;font-size:.95rem;min-height:2.25rem;min-width:2.25rem;",
    "border-radius:.35rem;cursor:pointer}",
    "button{background:var(--vp-bg);color:var(--vp-accent);border:2px solid var(--vp-accent);",
    "padding:.2rem .6rem}",
    "button.play{background:var(--vp-accent);color:var(--vp-on-accent);font-weight:700;",
    "min-width:5.5rem}",
    "select{background:var(--vp-bg);color:var(--vp-fg);border:1px solid var(--vp-muted);",
    "padding:.2rem .4rem;max-width:100%}",
    "label{display:inline-flex;align-items:center;gap:.35rem}",
    "a{color:var(--vp-accent)}",
    "a.dl{display:inline-flex;align-items:center;padding:0 .25rem}",
    ".bar{position:relative;flex:1 1 12rem;min-width:10rem;display:flex;align-items:center}",
    "input[type=range]{width:100%;height:24px;margin:0;accent-color:var(--vp-accent);",
    "cursor:pointer}",
    ".marks{position:absolute;left:8px;right:8px;top:0;bottom:0;pointer-events:none}",
    ".marks i{position:absolute;top:2px;bottom:2px;width:2px;background:var(--vp-fg)}",
    ".time{font-variant-numeric:tabular-nums;white-space:nowrap}",
    ".notice{margin:.5rem 0 0;font-size:.9rem;color:var(--vp-muted)}",
    ":focus-visible{outline:3px solid var(--vp-accent);outline-offset:2px}",
    "button:focus-visible{box-shadow:0 0 0 2px var(--vp-bg) inset}",
    ".sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;",
    "clip:rect(0 0 0 0);white-space:nowrap;border:0}",
    "[hidden]{display:none!important}",
    "@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}",
  ].join("");

  /** An absolute URL for raw (http(s), or relative to base), or null. */
  function safeUrl(raw, base) {
    if (typeof raw !== "string" || !raw.trim()) return null;
    var url;
    try {
      url = new URL(raw.trim(), base);
    } catch (e) {
      return null;
    }
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
    // a relative name on a page opened from disk (the stand-alone player page)
    var relative = !SCHEME.test(raw) && !/[\u0000-\u001f]/.test(raw);
    if (relative && url.protocol === "file:" && new URL(base).protocol === "file:") return url.href;
    return null;
  }

  function clock(s) {
    s = Math.max(0, Math.floor(s || 0));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var ss = ("0" + (s % 60)).slice(-2);
    return h ? h + ":" + ("0" + m).slice(-2) + ":" + ss : m + ":" + ss;
  }

  function spoken(s) {
    s = Math.max(0, Math.round(s || 0));
    var m = Math.floor(s / 60);
    var parts = [];
    if (m) parts.push(m + (m === 1 ? " minute" : " minutes"));
    if (s % 60 || !m) parts.push((s % 60) + ((s % 60) === 1 ? " second" : " seconds"));
    return parts.join(" ");
  }

  function num(x) {
    return typeof x === "number" && isFinite(x) ? x : NaN;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) node.setAttribute(k, attrs[k]);
    if (text != null) node.textContent = text;
    return node;
  }

  /** Last index i with list[i].start <= t, or -1. */
  function lastStarted(list, t) {
    var lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid].start <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** The manifest's segments and chapters, checked: numbers are numbers, text is text. */
  function readManifest(data) {
    if (!data || !Array.isArray(data.segments)) throw new Error("not a voxpress manifest");
    var segments = [];
    data.segments.forEach(function (s) {
      var start = num(s && s.start), end = num(s && s.end);
      if (isNaN(start) || isNaN(end)) return;
      var words = [];
      (Array.isArray(s.words) ? s.words : []).forEach(function (w) {
        var ws = num(w && w.start), we = num(w && w.end);
        if (!isNaN(ws) && !isNaN(we) && typeof w.text === "string") {
          words.push({ start: ws, end: we, text: w.text, from: -1, to: -1 });
        }
      });
      segments.push({
        start: start,
        end: end,
        kind: typeof s.kind === "string" ? s.kind : "sentence",
        written: typeof s.written === "string" ? s.written : "",
        words: words,
        from: -1,
        to: -1,
      });
    });
    segments.sort(function (a, b) {
      return a.start - b.start;
    });
    var chapters = (Array.isArray(data.chapters) ? data.chapters : []).filter(function (c) {
      return c && !isNaN(num(c.start)) && typeof c.title === "string";
    });
    return {
      mp3: typeof data.mp3 === "string" ? data.mp3 : "",
      duration: num(data.duration),
      segments: segments,
      chapters: chapters,
    };
  }

  /** Every visible character of scope's text but spaces, with the text node each came from. */
  function textIndex(scope) {
    var chars = [], owner = [], offset = [], nodes = [], bases = new Map();
    var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var parent = node.parentElement;
      if (!parent || parent.closest(NOT_TEXT)) continue;
      var data = node.data;
      bases.set(node, chars.length);
      for (var i = 0; i < data.length; i++) {
        if (IGNORED.test(data[i])) continue;
        chars.push(data[i]);
        owner.push(nodes.length);
        offset.push(i);
      }
      nodes.push(node);
    }
    return { text: chars.join(""), owner: owner, offset: offset, nodes: nodes, bases: bases };
  }

  function compact(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) if (!IGNORED.test(s[i])) out += s[i];
    return out;
  }

  /** Find each segment, then each of its words, in the page's text, in order. */
  function locate(index, segments) {
    var text = index.text, cursor = 0, found = 0;
    segments.forEach(function (seg) {
      if (!seg.written || seg.kind === "intro" || seg.kind === "outro") return;
      var whole = compact(seg.written);
      if (!whole) return;
      var at = text.indexOf(whole, cursor);
      if (at >= 0) {
        seg.from = at;
        seg.to = at + whole.length;
      } else {
        // not verbatim (the page's text differs a little): most of its words, close together
        var parts = seg.written.split(/\s+/).map(compact).filter(Boolean);
        var limit = cursor + whole.length * 2 + 200, from = -1, to = -1, hits = 0, pos = cursor;
        parts.forEach(function (p) {
          var i = text.indexOf(p, pos);
          if (i < 0 || i + p.length > limit) return;
          if (from < 0) from = i;
          to = i + p.length;
          pos = to;
          hits++;
        });
        if (hits < Math.ceil(parts.length * 0.6)) return;
        seg.from = from;
        seg.to = to;
      }
      cursor = seg.to;
      found++;
      var pos2 = seg.from;
      seg.words.forEach(function (w) {
        var c = compact(w.text), i = c ? text.indexOf(c, pos2) : -1;
        if (i < 0 || i + c.length > seg.to) return;
        w.from = i;
        w.to = i + c.length;
        pos2 = w.to;
      });
    });
    return found;
  }

  function rangeOf(index, from, to) {
    var r = document.createRange();
    r.setStart(index.nodes[index.owner[from]], index.offset[from]);
    r.setEnd(index.nodes[index.owner[to - 1]], index.offset[to - 1] + 1);
    return r;
  }

  /** The index of the character at (node, offset), or -1. */
  function charAt(index, node, offset) {
    var base = index.bases.get(node);
    if (base === undefined) return -1;
    var n = 0, data = node.data;
    for (var i = 0; i < offset && i < data.length; i++) if (!IGNORED.test(data[i])) n++;
    return base + n;
  }

  function caret(x, y) {
    if (document.caretPositionFromPoint) {
      var p = document.caretPositionFromPoint(x, y);
      return p && { node: p.offsetNode, offset: p.offset };
    }
    if (document.caretRangeFromPoint) {
      var r = document.caretRangeFromPoint(x, y);
      return r && { node: r.startContainer, offset: r.startOffset };
    }
    return null;
  }

  var pageStyled = false;
  function stylePage() {
    if (pageStyled) return;
    pageStyled = true;
    // first in <head>, so the page's own ::highlight() rules win
    var style = document.createElement("style");
    style.setAttribute("data-voxpress-player", "");
    style.textContent = PAGE_CSS;
    var head = document.head || document.documentElement;
    head.insertBefore(style, head.firstChild);
  }

  function highlight(name, priority) {
    var h = CSS.highlights.get(name);
    if (!h) {
      h = new Highlight();
      h.priority = priority;
      CSS.highlights.set(name, h);
    }
    return h;
  }

  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function storedSpeed() {
    try {
      var v = parseFloat(window.localStorage.getItem(SPEED_KEY));
      return SPEEDS.indexOf(v) >= 0 ? v : 1;
    } catch (e) {
      return 1;
    }
  }

  class VoxpressPlayer extends HTMLElement {
    constructor() {
      super();
      this.segmentIndex = -1; // the sentence and word marked (-1: none), and how many
      this.wordIndex = -1; // sentences were found in the page's text: for pages' own scripts
      this.located = 0;
      this._data = null;
      this._index = null;
      this._frame = 0;
      this._tick = this._tick.bind(this);
      this._onClick = this._onClick.bind(this);
    }

    connectedCallback() {
      if (this.shadowRoot) return;
      var root = this.attachShadow({ mode: "open" });
      var style = document.createElement("style");
      style.textContent = CSS_TEXT;
      root.appendChild(style);
      this._build(root);
      this._load();
    }

    disconnectedCallback() {
      cancelAnimationFrame(this._frame);
      if (this.audio) this.audio.pause();
      document.removeEventListener("click", this._onClick);
      this._mark(-1, -1);
    }

    _build(root) {
      var label = this.getAttribute("label") || "Listen to this article";
      var box = el("section", { class: "vp", "aria-labelledby": "vp-title" });
      var title = el("p", { class: "title", id: "vp-title" }, label);
      this.lengthText = el("span", {}, "");
      title.appendChild(this.lengthText);
      box.appendChild(title);

      var row = el("div", { class: "row" });
      this.playButton = el("button", { type: "button", class: "play" }, "Play");
      this.backButton = el("button", { type: "button", "aria-label": "Back 15 seconds" }, "« 15");
      this.forwardButton = el("button", { type: "button", "aria-label": "Forward 15 seconds" }, "15 »");
      var bar = el("div", { class: "bar" });
      this.seek = el("input", {
        type: "range",
        min: "0",
        max: "0",
        step: "any",
        value: "0",
        "aria-label": "Position",
      });
      this.marks = el("div", { class: "marks", "aria-hidden": "true" });
      bar.appendChild(this.seek);
      bar.appendChild(this.marks);
      this.timeText = el("span", { class: "time" }, "");
      [this.playButton, this.backButton, this.forwardButton, bar, this.timeText].forEach(
        function (n) {
          row.appendChild(n);
        }
      );
      box.appendChild(row);

      var row2 = el("div", { class: "row" });
      var speedLabel = el("label", {}, "Speed ");
      this.speed = el("select", {});
      SPEEDS.forEach(function (v) {
        this.speed.appendChild(el("option", { value: String(v) }, v + "×"));
      }, this);
      speedLabel.appendChild(this.speed);
      var chapterLabel = el("label", { hidden: "" }, "Chapter ");
      this.chapter = el("select", {});
      chapterLabel.appendChild(this.chapter);
      this.chapterLabel = chapterLabel;
      this.previousButton = el("button", { type: "button" }, "Previous sentence");
      this.nextButton = el("button", { type: "button" }, "Next sentence");
      this.download = el("a", { class: "dl", hidden: "" }, "Download audio");
      [speedLabel, chapterLabel, this.previousButton, this.nextButton, this.download].forEach(
        function (n) {
          row2.appendChild(n);
        }
      );
      box.appendChild(row2);

      var notice = this.getAttribute("notice");
      if (notice == null) notice = "This audio is created with AI assistance.";
      var noticeP = el("p", { class: "notice" }, notice);
      var policy = safeUrl(this.getAttribute("policy"), document.baseURI);
      if (policy) {
        noticeP.appendChild(document.createTextNode(" "));
        noticeP.appendChild(
          el("a", { href: policy }, this.getAttribute("policy-label") || "How we use AI")
        );
      }
      if (notice || policy) box.appendChild(noticeP);
      this.status = el("p", { class: "sr", role: "status" });
      box.appendChild(this.status);
      this.audio = el("audio", { preload: "metadata" });
      box.appendChild(this.audio);
      root.appendChild(box);
      this._setEnabled(false);
      this._wire();
    }

    _setEnabled(on) {
      [this.playButton, this.backButton, this.forwardButton, this.seek, this.speed, this.chapter,
        this.previousButton, this.nextButton].forEach(function (c) {
        c.disabled = !on;
      });
    }

    _wire() {
      var self = this, audio = this.audio;
      this.playButton.addEventListener("click", function () {
        self.toggle();
      });
      this.backButton.addEventListener("click", function () {
        self.seekTo(audio.currentTime - SKIP_S, true);
      });
      this.forwardButton.addEventListener("click", function () {
        self.seekTo(audio.currentTime + SKIP_S, true);
      });
      this.previousButton.addEventListener("click", function () {
        self.stepSentence(-1);
      });
      this.nextButton.addEventListener("click", function () {
        self.stepSentence(1);
      });
      this.seek.addEventListener("input", function () {
        self.seekTo(parseFloat(self.seek.value), false);
      });
      this.seek.addEventListener("keydown", function (e) {
        var step = { ArrowLeft: -5, ArrowDown: -5, ArrowRight: 5, ArrowUp: 5, PageDown: -30, PageUp: 30 }[e.key];
        if (e.key === "Home") self.seekTo(0, true);
        else if (e.key === "End") self.seekTo(self._duration() - 0.05, true);
        else if (step) self.seekTo(audio.currentTime + step, true);
        else return;
        e.preventDefault();
      });
      this.speed.value = String(storedSpeed());
      this.speed.addEventListener("change", function () {
        var v = parseFloat(self.speed.value);
        audio.playbackRate = v;
        try {
          window.localStorage.setItem(SPEED_KEY, String(v));
        } catch (e) {
          /* storage may be off: the speed still applies to this page */
        }
        self._say("Speed " + v + " times");
      });
      this.chapter.addEventListener("change", function () {
        var c = self._data.chapters[parseInt(self.chapter.value, 10)];
        if (!c) return;
        self.seekTo(c.start, false);
        self._say("Chapter: " + c.title);
      });
      audio.addEventListener("loadedmetadata", function () {
        audio.playbackRate = parseFloat(self.speed.value) || 1;
        self._progress();
      });
      audio.addEventListener("ratechange", function () {
        if (String(audio.playbackRate) !== self.speed.value && SPEEDS.indexOf(audio.playbackRate) >= 0) {
          self.speed.value = String(audio.playbackRate);
        }
      });
      audio.addEventListener("play", function () {
        self._playing(true);
      });
      audio.addEventListener("pause", function () {
        self._playing(false);
      });
      audio.addEventListener("ended", function () {
        self._say("Finished");
      });
      audio.addEventListener("timeupdate", function () {
        self._progress();
        if (audio.paused) self._follow(audio.currentTime);
      });
      audio.addEventListener("seeked", function () {
        self._progress();
        self._follow(audio.currentTime);
      });
      audio.addEventListener("error", function () {
        self._say("The audio could not be loaded.");
      });
    }

    _say(text) {
      // a fresh text node, so the same words twice are announced twice
      this.status.textContent = "";
      this.status.appendChild(document.createTextNode(text));
    }

    _duration() {
      var d = this.audio.duration;
      return isFinite(d) && d > 0 ? d : this._data && this._data.duration > 0 ? this._data.duration : 0;
    }

    _load() {
      var self = this;
      var inline = this.querySelector('script[type="application/json"]');
      var base = document.baseURI;
      var got;
      if (inline) {
        got = Promise.resolve(JSON.parse(inline.textContent));
      } else {
        var src = safeUrl(this.getAttribute("src"), base);
        if (!src) return this._fail("no manifest (src) given");
        base = src;
        got = fetch(src, { credentials: "same-origin" }).then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        });
      }
      got
        .then(function (json) {
          self._ready(readManifest(json), base);
        })
        .catch(function (e) {
          self._fail(e && e.message);
        });
    }

    _fail(why) {
      // the publisher's own fallback (a plain <audio controls> child) is shown instead
      if (this.shadowRoot) this.shadowRoot.replaceChildren(document.createElement("slot"));
      if (window.console) console.warn("voxpress-player:", why);
    }

    _ready(data, base) {
      var mp3 = safeUrl(data.mp3, base);
      if (!mp3) {
        var fallback = this.querySelector("audio[src]");
        mp3 = fallback && safeUrl(fallback.getAttribute("src"), document.baseURI);
      }
      if (!mp3) return this._fail("no http(s) or relative audio URL");
      this._data = data;
      this.audio.src = mp3;
      if (this.getAttribute("download") !== "off") {
        this.download.href = mp3;
        this.download.setAttribute("download", "");
        this.download.hidden = false;
      }
      if (data.duration > 0) this.lengthText.textContent = " · " + spoken(data.duration);
      if (data.chapters.length > 1) {
        var self = this;
        data.chapters.forEach(function (c, n) {
          self.chapter.appendChild(el("option", { value: String(n) }, c.title));
          if (c.start > 0 && data.duration > 0) {
            var mark = el("i", {});
            mark.style.left = ((100 * c.start) / data.duration).toFixed(3) + "%";
            self.marks.appendChild(mark);
          }
        });
        this.chapterLabel.hidden = false;
      }
      this._setEnabled(true);
      this._progress();
      this.dispatchEvent(new CustomEvent("voxpress-ready", { bubbles: true }));
    }

    /** Find the article's text on the page (once, when first needed). */
    _readAlong() {
      if (this._index || !HIGHLIGHTS || !this._data) return this._index;
      var selector = this.getAttribute("text");
      var scope = null;
      try {
        scope = selector ? document.querySelector(selector) : null;
      } catch (e) {
        scope = null;
      }
      scope = scope || document.querySelector("article") || document.querySelector("main") || document.body;
      var index = textIndex(scope);
      this.located = locate(index, this._data.segments);
      this._index = index;
      stylePage();
      document.addEventListener("click", this._onClick);
      return index;
    }

    toggle() {
      if (this.audio.paused) this.play();
      else this.audio.pause();
    }

    play() {
      this._readAlong();
      var p = this.audio.play();
      if (p && p.catch) {
        var self = this;
        p.catch(function (e) {
          if (e && e.name !== "AbortError") self._say("The audio could not be played.");
        });
      }
    }

    seekTo(t, announce) {
      var d = this._duration();
      t = Math.max(0, Math.min(d ? d - 0.05 : t, t));
      this.audio.currentTime = t;
      this._progress(t);
      this._follow(t);
      if (announce) this._say(clock(t) + " of " + clock(d));
    }

    stepSentence(direction) {
      var segs = this._data ? this._data.segments : [];
      var t = this.audio.currentTime, i = lastStarted(segs, t + 0.001);
      if (direction < 0 && i >= 0 && t - segs[i].start > 1.5) direction = 0;
      var target = segs[Math.max(0, Math.min(segs.length - 1, i + direction))];
      if (target) this.seekTo(target.start, false);
    }

    _playing(on) {
      this.playButton.textContent = on ? "Pause" : "Play";
      this._say(on ? "Playing" : "Paused");
      cancelAnimationFrame(this._frame);
      if (on) this._frame = requestAnimationFrame(this._tick);
    }

    _tick() {
      this._follow(this.audio.currentTime);
      if (!this.audio.paused) this._frame = requestAnimationFrame(this._tick);
    }

    _progress(at) {
      var d = this._duration(), t = at == null ? this.audio.currentTime : at;
      this.seek.max = String(d);
      this.seek.value = String(t);
      this.seek.setAttribute("aria-valuetext", clock(t) + " of " + clock(d));
      this.timeText.textContent = clock(t) + " · " + clock(d - t) + " left";
      var chapters = this._data ? this._data.chapters : [];
      var c = lastStarted(chapters, t + 0.001);
      if (c >= 0 && this.chapter.value !== String(c)) this.chapter.value = String(c);
    }

    /** Mark the sentence and the word being heard at t. */
    _follow(t) {
      if (!this._index) return;
      var segs = this._data.segments, i = lastStarted(segs, t), w = -1;
      if (i >= 0 && t < segs[i].end) w = lastStarted(segs[i].words, t);
      this._mark(i, w);
    }

    _mark(i, w) {
      if (!HIGHLIGHTS || !this._index) return;
      var segs = this._data.segments, index = this._index;
      if (i !== this.segmentIndex) {
        var before = this.segmentIndex >= 0 ? segs[this.segmentIndex] : null;
        var sentence = highlight("voxpress-sentence", 0);
        sentence.clear();
        this.segmentIndex = i;
        var seg = i >= 0 ? segs[i] : null;
        if (seg && seg.from >= 0) {
          var range = rangeOf(index, seg.from, seg.to);
          sentence.add(range);
          if (!this.audio.paused) this._scroll(before && before.from >= 0 ? rangeOf(index, before.from, before.to) : this, range);
        }
        this.wordIndex = -2;
      }
      if (w !== this.wordIndex) {
        var word = highlight("voxpress-word", 1);
        word.clear();
        this.wordIndex = w;
        var item = w >= 0 ? segs[i].words[w] : null;
        if (item && item.from >= 0) word.add(rangeOf(index, item.from, item.to));
      }
    }

    /** Keep the sentence in view, unless the listener has scrolled away from the last one. */
    _scroll(previous, range) {
      var view = window.innerHeight || document.documentElement.clientHeight;
      var was = previous.getBoundingClientRect(), now = range.getBoundingClientRect();
      var following = was.bottom > 0 && was.top < view;
      var visible = now.top >= 0 && now.bottom <= view;
      if (!following || visible) return;
      window.scrollBy({ top: now.top - view / 3, behavior: reducedMotion() ? "auto" : "smooth" });
    }

    /** A click on a sentence of the article plays from that sentence, once listening. */
    _onClick(e) {
      if (e.defaultPrevented || e.button !== 0 || !this._index || this.audio.played.length === 0) return;
      var target = e.target;
      if (!(target instanceof Element) || target.closest("a,button,input,select,textarea,label,summary,[contenteditable],voxpress-player")) return;
      var selection = window.getSelection && window.getSelection();
      if (selection && !selection.isCollapsed) return;
      var at = caret(e.clientX, e.clientY);
      var n = at ? charAt(this._index, at.node, at.offset) : -1;
      if (n < 0) return;
      var segs = this._data.segments;
      for (var i = 0; i < segs.length; i++) {
        if (segs[i].from >= 0 && segs[i].from <= n && n < segs[i].to) {
          this.seekTo(segs[i].start, false);
          if (this.audio.paused) this.play();
          return;
        }
      }
    }
  }

  window.customElements.define("voxpress-player", VoxpressPlayer);
})();
