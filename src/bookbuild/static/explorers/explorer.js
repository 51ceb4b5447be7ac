/* Explorers of the book "경사 하강법" (bookbuild/explorers.py): the shared part.
 * Plain JavaScript, no framework, nothing fetched: SVG drawing, the state in the
 * URL hash, labelled sliders, a live region, the code of the current state with a
 * copy button, and a question to answer before the figure plays. Each explorer
 * (learning-rate.js, ...) calls Explorer.register(name, spec). */
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  // Okabe-Ito (descent.plotting.PALETTE) and the grey of background lines.
  const COLORS = { black: "#000000", orange: "#E69F00", sky: "#56B4E9", green: "#009E73",
    blue: "#0072B2", vermillion: "#D55E00", purple: "#CC79A7", grey: "#b8b8b8" };
  const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
  const reduceMotion = () => window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches;
  let uid = 0;

  function el(tag, attrs, parent, text) {
    const node = document.createElement(tag);
    for (const k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function svg(tag, attrs, parent, text) {
    const node = document.createElementNS(SVG, tag);
    for (const k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  /** A number for the reader: fixed digits, or an exponent when very large or small. */
  function fmt(v, digits) {
    if (!Number.isFinite(v)) return String(v);
    const a = Math.abs(v);
    if (a >= 1e6 || (a > 0 && a < Math.pow(10, -digits))) return v.toExponential(2).replace("e+", "e");
    return v.toFixed(digits);
  }

  /** A number for a URL or a line of code: short, and read back as the same value. */
  function short(v) {
    return String(Number(v.toPrecision(12)));
  }

  function tick(v) {
    return Math.abs(v) >= 1e5 ? v.toExponential(0).replace("e+", "e") : short(v);
  }

  function niceTicks(lo, hi, count) {
    const raw = (hi - lo) / count, p = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((f) => f * p).find((s) => s >= raw);
    const out = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
    return out;
  }

  /** Axes in an SVG: scales, ticks and labels. o: {width, height, x: [lo, hi], y: [lo, hi], logY, xLabel, yLabel, equal}. */
  function axes(parent, o) {
    const ty = o.logY ? Math.log10 : (v) => v;
    const [x0, x1] = o.x, [y0, y1] = [ty(o.y[0]), ty(o.y[1])];
    const yTicks = o.logY
      ? Array.from({ length: Math.floor(y1) - Math.ceil(y0) + 1 }, (_, i) => Math.ceil(y0) + i)
          .filter((e, i, all) => e % Math.ceil(all.length / 6) === 0)
      : niceTicks(y0, y1, 4);
    const yText = yTicks.map((t) => (o.logY ? "1e" + t : tick(t)));
    // Room on the left for the longest tick label and the axis label beside it ("1e-20" ran into it).
    const m = { left: Math.max(46, 26 + 7 * Math.max(0, ...yText.map((t) => t.length))), right: o.right || 10, top: 10, bottom: 38 };
    const w = o.width - m.left - m.right, h = o.height - m.top - m.bottom;
    const X = (v) => m.left + ((v - x0) / (x1 - x0)) * w;
    const Y = (v) => m.top + h - ((ty(v) - y0) / (y1 - y0)) * h;
    const g = svg("g", { class: "explorer-axes" }, parent);
    svg("rect", { x: m.left, y: m.top, width: w, height: h, fill: "none", stroke: "#767676" }, g);
    for (const t of niceTicks(x0, x1, Math.max(3, Math.round(w / 70)))) {
      svg("line", { x1: X(t), x2: X(t), y1: m.top + h, y2: m.top + h + 4, stroke: "#767676" }, g);
      svg("text", { x: X(t), y: m.top + h + 16, "text-anchor": "middle" }, g, tick(t));
    }
    yTicks.forEach((t, i) => {
      const y = m.top + h - ((t - y0) / (y1 - y0)) * h;
      svg("line", { x1: m.left - 4, x2: m.left, y1: y, y2: y, stroke: "#767676" }, g);
      svg("text", { x: m.left - 6, y: y + 4, "text-anchor": "end" }, g, yText[i]);
    });
    if (o.xLabel) svg("text", { x: m.left + w / 2, y: o.height - 4, "text-anchor": "middle", class: "explorer-label" }, g, o.xLabel);
    if (o.yLabel) svg("text", { x: 12, y: m.top + h / 2, "text-anchor": "middle", class: "explorer-label",
      transform: `rotate(-90 12 ${m.top + h / 2})` }, g, o.yLabel);
    const clip = "explorer-clip-" + ++uid;
    svg("rect", { x: m.left, y: m.top, width: w, height: h }, svg("clipPath", { id: clip }, parent));
    const inside = svg("g", { "clip-path": `url(#${clip})` }, parent);
    return { X, Y, inside, box: m, w, h,
      invX: (px) => x0 + ((px - m.left) / w) * (x1 - x0),
      invY: (py) => y0 + ((m.top + h - py) / h) * (y1 - y0) };
  }

  /** A polyline through [x, y] points (non-finite points left out). */
  function line(parent, points, attrs) {
    const d = points.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))
      .map((p) => p[0].toFixed(2) + "," + p[1].toFixed(2)).join(" ");
    return svg("polyline", Object.assign({ points: d, fill: "none" }, attrs), parent);
  }

  /** An SVG figure for an explorer: sized by its viewBox, described for screen readers. */
  function figure(parent, width, height, label) {
    const node = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label, class: "explorer-svg" }, parent);
    return node;
  }

  /** Where a pointer event falls in an SVG's own coordinates. */
  function pointerAt(node, event) {
    const p = node.createSVGPoint();
    p.x = event.clientX;
    p.y = event.clientY;
    return p.matrixTransform(node.getScreenCTM().inverse());
  }

  /** The state the URL hash asks for, checked against the controls; a problem sends back the defaults. */
  function readHash(controls) {
    const state = {};
    for (const k in controls) state[k] = controls[k].value;
    let hash = location.hash.slice(1);
    try { hash = decodeURIComponent(hash); } catch (e) { return { state, problem: hash }; }
    if (!hash.includes("=")) return { state, problem: null, linked: false };
    const read = {};
    for (const [key, raw] of new URLSearchParams(hash)) {
      const c = controls[key];
      if (!c) continue;
      const v = NUMBER.test(raw.trim()) ? Number(raw) : NaN;
      if (!Number.isFinite(v) || v < c.min || v > c.max || (c.integer && !Number.isInteger(v)) ||
          (c.choices && !c.choices.includes(v))) return { state, problem: `${key}=${raw}` };
      read[key] = v;
    }
    return { state: Object.assign(state, read), problem: null, linked: Object.keys(read).length > 0 };
  }

  /** A checkbox (c.check) in the fieldset of its group c.group, its label the legend of a series. */
  function checkbox(parent, key, c, onInput) {
    let group = [...parent.querySelectorAll("fieldset.explorer-checks")].find((f) => f.dataset.group === c.group);
    if (!group) {
      group = el("fieldset", { class: "explorer-checks", "data-group": c.group }, parent);
      el("legend", {}, group, c.group);
    }
    const id = "explorer-" + key + "-" + ++uid;
    const label = el("label", { for: id }, group);
    const input = el("input", { type: "checkbox", id }, label);
    if (c.swatch) label.appendChild(c.swatch());
    el("span", {}, label, c.label);
    input.addEventListener("change", () => onInput(key, input.checked ? 1 : 0));
    return { input, show(v) { input.checked = v === 1; } };
  }

  function slider(parent, key, c, data, onInput) {
    if (c.check) return checkbox(parent, key, c, onInput);
    const id = "explorer-" + key + "-" + ++uid;
    const row = el("div", { class: "explorer-control" }, parent);
    el("label", { for: id }, row, c.label);
    const track = el("div", { class: "explorer-track" }, row);
    // c.log: the track is log10 of the value (the state, the URL and the code keep the value itself)
    const to = c.log ? Math.log10 : (v) => v;
    const input = c.choices
      ? el("select", { id }, track)
      : el("input", { type: "range", id, min: to(c.min), max: to(c.max), step: c.step }, track);
    if (c.choices) c.choices.forEach((v, i) => el("option", { value: v }, input, c.names ? c.names[i] : String(v)));
    for (const mark of (typeof c.marks === "function" ? c.marks(data) : c.marks) || []) {
      const at = ((to(mark.at) - to(c.min)) / (to(c.max) - to(c.min))) * 100;
      el("span", { class: "explorer-mark", style: `left: ${at}%`, "aria-hidden": "true" }, track, mark.text);
    }
    const out = el("output", { for: id, "aria-hidden": "true" }, c.choices ? null : row);
    const read = () => (c.log ? Number(Math.pow(10, Number(input.value)).toPrecision(3)) : Number(input.value));
    input.addEventListener("input", () => onInput(key, Math.min(c.max, Math.max(c.min, read()))));
    return { input, out, show(v) {
      input.value = to(v);
      out.textContent = c.choices ? String(v) : short(v);
      if (c.log) input.setAttribute("aria-valuetext", short(v));
    } };
  }

  function codeBox(parent) {
    const box = el("div", { class: "explorer-code" }, parent);
    const head = el("div", { class: "explorer-code-head" }, box);
    el("span", { class: "explorer-code-title" }, head, "이 설정을 코드로");
    const button = el("button", { type: "button" }, head, "코드 복사");
    const said = el("span", { class: "explorer-copied", role: "status" }, head);
    const code = el("code", { class: "language-python" }, el("pre", { tabindex: "0", "aria-label": "이 설정을 그리는 파이썬 코드" }, box));
    button.addEventListener("click", () => {
      const done = () => { said.textContent = "복사했다. 파이썬에 붙여 넣으면 같은 값이 나온다."; };
      const fallback = () => {
        const range = document.createRange();
        range.selectNodeContents(code);
        const sel = getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        said.textContent = document.execCommand && document.execCommand("copy") ? "복사했다." : "코드를 선택해 두었다. 복사해서 쓰면 된다.";
      };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(code.textContent).then(done, fallback);
      else fallback();
    });
    return (text) => { code.textContent = text; said.textContent = ""; };
  }

  /** Predict, then see: choices first; the figure plays once the reader has answered. */
  function predict(parent, q, onAnswer) {
    const box = el("fieldset", { class: "explorer-predict" }, parent);
    el("legend", {}, box, "먼저 예측해 보자. " + q.question);
    const choices = el("div", { class: "explorer-choices" }, box);
    const result = el("p", { class: "explorer-predict-result", role: "status" }, box);
    const buttons = q.choices.map((text, i) => {
      const b = el("button", { type: "button", "aria-pressed": "false" }, choices, text);
      b.addEventListener("click", () => {
        buttons.forEach((other) => other.setAttribute("aria-pressed", String(other === b)));
        result.textContent = (i === q.answer ? "맞다. " : "아니다. 정답: " + q.choices[q.answer] + ". ") + q.explain;
        onAnswer();
      });
      return b;
    });
    return box;
  }


  /** Linear regression y ~ b + w x as descent.linear_regression_gd runs it (float64, the same operations). */
  const lsq = {
    /** Full cost J(b, w) = ||X theta - y||^2 / 2m. */
    cost(x, y, t) {
      let s = 0;
      for (let i = 0; i < x.length; i++) { const r = t[0] + x[i] * t[1] - y[i]; s += r * r; }
      return s / (2 * x.length);
    },
    /** The minimum, the constant Hessian H = X^T X / m and its eigen-decomposition. */
    bowl(x, y) {
      const m = x.length;
      let sx = 0, sxx = 0, sy = 0, sxy = 0;
      for (let i = 0; i < m; i++) { sx += x[i]; sxx += x[i] * x[i]; sy += y[i]; sxy += x[i] * y[i]; }
      const [a, c, d] = [1, sx / m, sxx / m], det = a * d - c * c;
      const best = [(d * (sy / m) - c * (sxy / m)) / det, (a * (sxy / m) - c * (sy / m)) / det];
      const mean = (a + d) / 2, root = Math.sqrt(((a - d) / 2) ** 2 + c * c);
      const big = mean + root, small = mean - root;
      const v = Math.abs(c) < 1e-15 ? (a >= d ? [1, 0] : [0, 1]) : [big - d, c];
      const n = Math.hypot(v[0], v[1]);
      return { best, low: lsq.cost(x, y, best), big, small, axis: [v[0] / n, v[1] / n] };
    },
    /**
     * descent.linear_regression_gd(X_b, y, theta0, learning_rate=lr, max_iter=epochs, batch_size=batch,
     * random_state=seed): orders[e] is the row order numpy drew for epoch e + 1 (used when batch < m).
     */
    descend(x, y, theta0, lr, epochs, batch, orders, explosion) {
      const m = x.length;
      let t = theta0.slice();
      const start = lsq.cost(x, y, t), path = [t], costs = [start], perEpoch = [start];
      let divergedAt = null, update = 0;
      run: for (let e = 1; e <= epochs; e++) {
        const order = batch < m ? orders[e - 1] : null;
        for (let low = 0; low < m; low += batch) {
          const high = Math.min(low + batch, m);
          let g0 = 0, g1 = 0;
          for (let j = low; j < high; j++) {
            const i = order ? order[j] : j;
            const r = t[0] + x[i] * t[1] - y[i];
            g0 += r;
            g1 += x[i] * r;
          }
          t = [t[0] - lr * (g0 / (high - low)), t[1] - lr * (g1 / (high - low))];
          update++;
          const j = lsq.cost(x, y, t);
          if (!Number.isFinite(j) || j > explosion * (1 + start)) { divergedAt = update; break run; }
          path.push(t);
          costs.push(j);
        }
        perEpoch.push(costs[costs.length - 1]);
      }
      return { path, costs, costPerEpoch: perEpoch, divergedAt, steps: path.length - 1,
        updatesPerEpoch: Math.ceil(m / batch) };
    },
    /** Contour ellipses of J around its minimum (J is quadratic): log-spaced levels, grey. */
    contours(a, bowl, corners, color) {
      const most = Math.max(...corners.map((c) => c - bowl.low));
      const [u0, u1] = bowl.axis;
      for (let k = 0; k < 12; k++) {
        const rise = most * Math.pow(10, -k / 3);
        const ra = Math.sqrt((2 * rise) / bowl.big), rb = Math.sqrt((2 * rise) / bowl.small);
        const pts = Array.from({ length: 97 }, (_, i) => {
          const s = (2 * Math.PI * i) / 96, p = ra * Math.cos(s), q = rb * Math.sin(s);
          return [a.X(bowl.best[0] + p * u0 - q * u1), a.Y(bowl.best[1] + p * u1 + q * u0)];
        });
        line(a.inside, pts, { stroke: color, "stroke-width": 1 });
      }
      star(a.inside, a.X(bowl.best[0]), a.Y(bowl.best[1]));
    },
  };

  function star(parent, cx, cy) {
    const pts = Array.from({ length: 10 }, (_, i) => {
      const r = i % 2 ? 4 : 10, s = (Math.PI * i) / 5 - Math.PI / 2;
      return (cx + r * Math.cos(s)).toFixed(1) + "," + (cy + r * Math.sin(s)).toFixed(1);
    }).join(" ");
    svg("polygon", { points: pts, fill: COLORS.black }, parent);
  }

  /**
   * spec: {label, controls: {key: {label, min, max, step, value, integer, choices, names, marks, log, check, group, swatch}},
 *        question, changed(key, state, data) (after a control moved),
   *        setup(figures, data, api) -> {compute(state), draw(state, result, upto), status(state, result), code(state)}}
   */
  function start(root, spec) {
    const data = JSON.parse(root.querySelector(".explorer-data").textContent);
    root.querySelector(".explorer-nojs")?.remove();
    root.classList.add("explorer-ready");
    const { state, problem, linked } = readHash(spec.controls);
    let answered = true, timer = null;
    if (spec.question && !linked && !problem) {
      answered = false;
      Object.assign(state, spec.question.state);
      predict(root, spec.question, () => { answered = true; update({ play: true }); });
    }
    const figures = el("div", { class: "explorer-figures" }, root);
    const status = el("p", { class: "explorer-status", role: "status", "aria-live": "polite" }, root);
    const controls = el("div", { class: "explorer-controls" }, root);
    const note = el("p", { class: "explorer-note" }, root);
    const badLink = (what) => `링크에 쓸 수 없는 설정이 있어(${what.slice(0, 40)}) 기본 설정으로 열었다.`;
    if (problem) note.textContent = badLink(problem);
    const setCode = codeBox(root);
    const api = {
      colors: COLORS, el, svg, axes, line, figure, pointerAt, fmt, short, lsq, star,
      /** Set part of the state from the figure (a drag, a click). */
      set(part) {
        for (const k in part) {
          const c = spec.controls[k];
          state[k] = Math.min(c.max, Math.max(c.min, Math.round(part[k] / c.step) * c.step));
          state[k] = Number(state[k].toFixed(10));
        }
        answered = true;
        update({ write: true });
      },
    };
    const view = spec.setup(figures, data, api);
    const sliders = {};
    for (const key in spec.controls) {
      sliders[key] = slider(controls, key, spec.controls[key], data, (k, v) => {
        state[k] = v;
        if (spec.changed) spec.changed(k, state, data);
        answered = true;
        update({ write: true });
      });
    }

    function update(how) {
      how = how || {};
      clearInterval(timer);
      for (const key in sliders) sliders[key].show(state[key]);
      const result = view.compute(state);
      root.explorerState = Object.assign({}, state);
      root.explorerResult = result;
      const total = result.steps;
      const words = view.status(state, result);
      const finish = () => {
        view.draw(state, result, total);
        status.textContent = words;
      };
      if (!answered) {
        view.draw(state, result, 0);
        status.textContent = "위의 질문에 답하면 경로가 그려진다.";
      } else if (how.play && !reduceMotion() && total > 0) {
        let k = 0;
        view.draw(state, result, 0);
        timer = setInterval(() => {
          k += Math.max(1, Math.ceil(total / 40));
          if (k >= total) { clearInterval(timer); finish(); } else view.draw(state, result, k);
        }, 80);
      } else finish();
      setCode(view.code(state, result));
      if (how.write) {
        const hash = Object.keys(spec.controls).map((k) => k + "=" + short(state[k])).join("&");
        history.replaceState(null, "", "#" + hash);
        note.textContent = "";
      }
    }

    window.addEventListener("hashchange", () => {
      const read = readHash(spec.controls);
      if (read.problem === null && !read.linked) return; // an anchor of the page, not a state
      Object.assign(state, read.state);
      answered = true;
      note.textContent = read.problem ? badLink(read.problem) : "";
      update({});
    });
    update({});
  }

  /** A link that carries a state (or a broken one, which gets its note): the explorer opens at once, in view. */
  const stateInLink = (controls) => {
    const read = readHash(controls);
    return read.linked || read.problem !== null;
  };

  window.Explorer = {
    lsq,
    /* An explorer starts when the reader comes within a screen of it, not with the page:
     * its runs and drawing (a quarter of a second on a phone for the faster chapter's
     * race) then do not hold up a page that is still loading. */
    register(name, spec) {
      for (const root of document.querySelectorAll(`.explorer[data-explorer="${name}"]`)) {
        let started = false;
        const go = () => {
          if (started) return;
          started = true;
          watcher?.disconnect();
          window.removeEventListener("hashchange", onLink);
          try {
            start(root, spec);
          } catch (error) {
            root.textContent = "그림을 만들지 못했다. 위의 정적 그림을 보라.";
            throw error;
          }
        };
        const onLink = () => {
          if (stateInLink(spec.controls)) { go(); root.scrollIntoView(); }
        };
        const watcher = "IntersectionObserver" in window
          ? new IntersectionObserver((seen) => seen.some((e) => e.isIntersecting) && go(), { rootMargin: "100% 0px" })
          : null;
        if (stateInLink(spec.controls)) onLink();
        else if (!watcher) go();
        else {
          watcher.observe(root);
          window.addEventListener("hashchange", onLink);
        }
      }
    },
  };
})();
