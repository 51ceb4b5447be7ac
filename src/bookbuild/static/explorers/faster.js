/* Explorer "faster" (book/faster.md): step rules racing from one start on the chapter's tilted valley
 * and on Rosenbrock's function, each as descent.gradient_descent(gradient, x0, learning_rate, max_iter,
 * rule=...) runs it (the rules of descent/rules.py, operation for operation, in float64). */
(function () {
  "use strict";
  const W = 440, H = 330; // each figure; the contour keeps equal scales on both axes
  const VIEWS = [{ x: [-6, 2], y: [-3.5, 2] }, { x: [-1.6, 1.6], y: [-0.6, 1.6] }]; // as the race figures
  const MINIMA = [[0, 0], [1, 1]];
  const SURFACES = ["비스듬한 골짜기", "로젠브록 함수"];
  // The race's rules, in the order and styles of descent.plotting.plot_race (colour, dashes, marker).
  const RULES = [
    { key: "plain", name: "경사 하강법", style: "실선, 동그라미", color: "blue", dash: "", mark: "o" },
    { key: "momentum", name: "모멘텀", style: "파선, 네모", color: "vermillion", dash: "7 3", mark: "s" },
    { key: "nesterov", name: "네스테로프", style: "점선, 세모", color: "green", dash: "1.5 3", mark: "^" },
    { key: "rmsprop", name: "RMSProp", style: "일점쇄선, 마름모", color: "purple", dash: "7 3 1.5 3", mark: "D" },
    { key: "adam", name: "Adam", style: "실선, 역삼각형", color: "orange", dash: "", mark: "v" },
  ];

  /** The chapter's functions (book/faster.md), operation for operation, but x * x for its x ** 2: numpy's
   * power (the C library's pow) can differ from the product in the last bit, and a hovering rule (RMSProp on
   * Rosenbrock) grows that bit into a visible difference; the code shown writes the product too. */
  function surface(d, which) {
    if (which === 0) {
      const [mu, L, c, s] = [d.mu, d.L, d.cos, d.sin];
      const uv = (t) => [c * t[0] + s * t[1], -s * t[0] + c * t[1]];
      return {
        f(t) { const [u, v] = uv(t); return 0.5 * (mu * (u * u) + L * (v * v)); },
        grad(t) { const [u, v] = uv(t); return [mu * u * c + L * v * -s, mu * u * s + L * v * c]; },
      };
    }
    return {
      f: (t) => (1 - t[0]) * (1 - t[0]) + 100 * ((t[1] - t[0] * t[0]) * (t[1] - t[0] * t[0])),
      grad: (t) => [-2 * (1 - t[0]) - 400 * t[0] * (t[1] - t[0] * t[0]), 200 * (t[1] - t[0] * t[0])],
    };
  }

  /** descent.rules: start() forgets, step(g, lr) is the step to subtract (entry by entry). */
  function makeRule(key, beta) {
    const zero = () => [0, 0];
    const map = (fn) => [fn(0), fn(1)];
    let v, s, m, k;
    const rule = {
      plain: { step: (g, lr) => map((i) => lr * g[i]) },
      momentum: { step(g, lr) { v = map((i) => beta * v[i] + g[i]); return map((i) => lr * v[i]); } },
      nesterov: { step(g, lr) { v = map((i) => beta * v[i] + g[i]); return map((i) => lr * (g[i] + beta * v[i])); } },
      rmsprop: { step(g, lr) { // rho = 0.9, epsilon = 1e-8 (the defaults)
        s = map((i) => 0.9 * s[i] + (1 - 0.9) * (g[i] * g[i]));
        return map((i) => (lr * g[i]) / (Math.sqrt(s[i]) + 1e-8));
      } },
      adam: { step(g, lr) { // beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 (the defaults), with bias correction
        k += 1;
        m = map((i) => 0.9 * m[i] + (1 - 0.9) * g[i]);
        s = map((i) => 0.999 * s[i] + (1 - 0.999) * (g[i] * g[i]));
        const mHat = map((i) => m[i] / (1 - 0.9 ** k)), sHat = map((i) => s[i] / (1 - 0.999 ** k));
        return map((i) => (lr * mHat[i]) / (Math.sqrt(sHat[i]) + 1e-8));
      } },
    }[key];
    v = zero(); s = zero(); m = zero(); k = 0;
    return rule;
  }

  /** descent.gradient_descent(grad, x0, learning_rate=lr, max_iter=n, rule=...): without a cost, a run
   * diverges at the update that takes a coordinate farther than explosion * (1 + max|x0|) from the start. */
  function descend(fun, x0, lr, n, rule, explosion) {
    const path = [x0], scale = Math.max(Math.abs(x0[0]), Math.abs(x0[1]));
    let t = x0, divergedAt = null;
    for (let k = 1; k <= n; k++) {
      const step = rule.step(fun.grad(t), lr);
      t = [t[0] - step[0], t[1] - step[1]];
      const away = Math.max(Math.abs(t[0] - x0[0]), Math.abs(t[1] - x0[1]));
      if (!Number.isFinite(away) || away > explosion * (1 + scale)) { divergedAt = k; break; }
      path.push(t);
    }
    return { path, costs: path.map(fun.f), divergedAt };
  }

  /** First update after which the cost stays below tol to the end (the chapter's settles_at), or null. */
  function settles(costs, tol) {
    let first = 0;
    costs.forEach((j, i) => { if (!(j < tol)) first = i + 1; });
    return first < costs.length ? first : null;
  }

  /** A view holding the start, widened to the plot's shape (equal scales). */
  function fit(view, start) {
    let [x0, x1] = view.x, [y0, y1] = view.y;
    const pad = (lo, hi, v) => [Math.min(lo, v - 0.05 * (hi - lo)), Math.max(hi, v + 0.05 * (hi - lo))];
    [x0, x1] = pad(x0, x1, start[0]);
    [y0, y1] = pad(y0, y1, start[1]);
    const ratio = (W - 56) / (H - 48), wide = (x1 - x0) / (y1 - y0);
    if (wide < ratio) { const grow = ((y1 - y0) * ratio - (x1 - x0)) / 2; x0 -= grow; x1 += grow; }
    else { const grow = ((x1 - x0) / ratio - (y1 - y0)) / 2; y0 -= grow; y1 += grow; }
    return { x: [x0, x1], y: [y0, y1] };
  }

  /** Contour lines of f over the axes a (marching squares), log-spaced levels, as one path per level. */
  function contours(ui, a, f, view) {
    const N = 64, xs = [], ys = [], z = [];
    for (let i = 0; i <= N; i++) { xs.push(view.x[0] + ((view.x[1] - view.x[0]) * i) / N); ys.push(view.y[0] + ((view.y[1] - view.y[0]) * i) / N); }
    for (let j = 0; j <= N; j++) z.push(xs.map((x) => f([x, ys[j]])));
    const all = z.flat(), hi = Math.max(...all), lo = Math.max(Math.min(...all) * 1.5, hi * 1e-7);
    for (let l = 0; l < 14; l++) {
      const level = lo * Math.pow(hi / lo, l / 13);
      let d = "";
      for (let j = 0; j < N; j++) for (let i = 0; i < N; i++) {
        const c = [[i, j], [i + 1, j], [i + 1, j + 1], [i, j + 1]], cross = [];
        for (let e = 0; e < 4; e++) {
          const [p, q] = [c[e], c[(e + 1) % 4]], zp = z[p[1]][p[0]], zq = z[q[1]][q[0]];
          if ((zp < level) !== (zq < level)) {
            const w = (level - zp) / (zq - zp);
            cross.push([a.X(xs[p[0]] + w * (xs[q[0]] - xs[p[0]])), a.Y(ys[p[1]] + w * (ys[q[1]] - ys[p[1]]))]);
          }
        }
        for (let e = 0; e + 1 < cross.length; e += 2)
          d += `M${cross[e][0].toFixed(1)} ${cross[e][1].toFixed(1)}L${cross[e + 1][0].toFixed(1)} ${cross[e + 1][1].toFixed(1)}`;
      }
      if (d) ui.svg("path", { d, fill: "none", stroke: ui.colors.grey, "stroke-width": 0.8 }, a.inside);
    }
  }

  function marker(ui, parent, shape, x, y, color) {
    const r = 3.6, at = (pts) => pts.map(([dx, dy]) => (x + dx * r).toFixed(1) + "," + (y + dy * r).toFixed(1)).join(" ");
    const style = { fill: color, stroke: "#000", "stroke-width": 0.6 };
    if (shape === "o") return ui.svg("circle", Object.assign({ cx: x, cy: y, r }, style), parent);
    const pts = { s: [[-1, -1], [1, -1], [1, 1], [-1, 1]], "^": [[0, -1.3], [1.2, 0.9], [-1.2, 0.9]],
      v: [[0, 1.3], [1.2, -0.9], [-1.2, -0.9]], D: [[0, -1.4], [1.2, 0], [0, 1.4], [-1.2, 0]] }[shape];
    return ui.svg("polygon", Object.assign({ points: at(pts) }, style), parent);
  }

  /** A series: its line (dashes) and a marker every few points, so colour is not the only cue. */
  function series(ui, parent, points, r, n) {
    const color = ui.colors[r.color];
    ui.line(parent, points, { stroke: color, "stroke-width": 1.8, "stroke-dasharray": r.dash, "stroke-linejoin": "round" });
    const every = Math.max(1, Math.ceil(n / 12));
    points.forEach((p, i) => {
      if (i % every === 0 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) < 1e5 && Math.abs(p[1]) < 1e5)
        marker(ui, parent, r.mark, p[0], p[1], color);
    });
  }

  const clamp = (px) => Math.min(5000, Math.max(-5000, px)); // a diverging path, drawn to the edge

  const controls = {
    surface: { label: "곡면", min: 0, max: 1, step: 1, value: 0, integer: true, choices: [0, 1], names: SURFACES },
  };
  for (const r of RULES)
    controls[r.key] = { label: `${r.name} (${r.style})`, min: 0, max: 1, step: 1, value: 1, integer: true, check: true,
      group: "경주할 규칙", swatch: () => swatch(r) };
  Object.assign(controls, {
    lr: { label: "학습률 α (로그 눈금)", min: 1e-4, max: 10, step: 0.05, value: 0.1, log: true,
      marks: [{ at: 1e-3, text: "0.001" }, { at: 0.1, text: "0.1" }, { at: 10, text: "10" }] },
    beta: { label: "모멘텀 β (모멘텀, 네스테로프)", min: 0, max: 0.99, step: 0.01, value: 0.9 },
    t1: { label: "출발점 θ₁", min: -6, max: 2, step: 0.05, value: -5 },
    t2: { label: "출발점 θ₂", min: -3.5, max: 2, step: 0.05, value: -2 },
  });

  function swatch(r) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    node.setAttribute("viewBox", "0 0 34 12");
    node.setAttribute("width", "34");
    node.setAttribute("height", "12");
    node.setAttribute("aria-hidden", "true");
    const ui = { svg: (tag, attrs, parent) => {
      const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
      for (const k in attrs) e.setAttribute(k, attrs[k]);
      parent.appendChild(e);
      return e;
    } };
    const color = { blue: "#0072B2", vermillion: "#D55E00", green: "#009E73", purple: "#CC79A7", orange: "#E69F00" }[r.color];
    ui.svg("line", { x1: 1, x2: 33, y1: 6, y2: 6, stroke: color, "stroke-width": 2, "stroke-dasharray": r.dash }, node);
    marker(ui, node, r.mark, 17, 6, color);
    return node;
  }

  Explorer.register("faster", {
    controls,
    changed(key, state, data) { // a new surface starts where the chapter's race starts
      if (key === "surface") [state.t1, state.t2] = data.starts[state.surface];
    },
    question: {
      state: { surface: 0, plain: 1, momentum: 1, nesterov: 1, rmsprop: 1, adam: 1, lr: 0.45, beta: 0.5, t1: -5, t2: -2 },
      question: "비스듬한 골짜기에서 α = 0.45, β = 0.5로 다섯 규칙을 겨루면 어떻게 될까?",
      choices: ["보통의 경사 하강법이 가장 먼저 허용 오차 안에 들어온다",
        "모멘텀이 가장 먼저 들어오고, 네스테로프는 발산한다", "α가 커서 다섯 규칙이 모두 발산한다"],
      answer: 1,
      explain: "β = 0.5인 모멘텀은 α < 2(1 + β)/L = 0.75이면 발산하지 않고 골짜기 바닥을 따라 빨리 내려간다. " +
        "네스테로프는 걸음에 기울기를 한 번 더 더하므로 한계가 2(1 + β)/(L(1 + 2β)) = 0.375로 더 작아 발산한다. " +
        "적응적 규칙의 걸음은 대략 α로 묶여 있어 발산하지 않는다.",
    },
    setup(figures, data, ui) {
      const contour = ui.figure(figures, W, H, "곡면의 등고선과 규칙마다의 경로 (클릭하면 그 자리가 출발점이 된다)");
      const curve = ui.figure(figures, W, H, "갱신마다의 비용 (로그 눈금)");
      contour.classList.add("explorer-pick");
      contour.addEventListener("click", (event) => {
        const a = contour.axesNow, p = ui.pointerAt(contour, event);
        if (!a || p.x < a.box.left || p.x > a.box.left + a.w || p.y < a.box.top || p.y > a.box.top + a.h) return;
        ui.set({ t1: a.invX(p.x), t2: a.invY(p.y) });
      });
      let drawn = null; // the contour lines of the last view, kept while only the paths change
      const racing = (s) => RULES.filter((r) => s[r.key] === 1);
      return {
        compute(s) {
          const fun = surface(data, s.surface), n = data.max_iter[s.surface], runs = {};
          for (const r of racing(s)) {
            const run = descend(fun, [s.t1, s.t2], s.lr, n, makeRule(r.key, s.beta), data.explosion);
            runs[r.key] = Object.assign(run, { settled: run.divergedAt ? null : settles(run.costs, data.tol) });
          }
          return { runs, steps: n };
        },
        draw(s, result, upto) {
          const c = ui.colors, fun = surface(data, s.surface), view = fit(VIEWS[s.surface], [s.t1, s.t2]);
          const key = JSON.stringify([s.surface, view]);
          if (!drawn || drawn.key !== key) {
            contour.textContent = "";
            const a = (contour.axesNow = ui.axes(contour, { width: W, height: H, x: view.x, y: view.y, xLabel: "θ₁", yLabel: "θ₂" }));
            contours(ui, a, fun.f, view);
            ui.star(a.inside, a.X(MINIMA[s.surface][0]), a.Y(MINIMA[s.surface][1]));
            drawn = { key, a, layer: ui.svg("g", {}, a.inside) };
          }
          const a = drawn.a;
          drawn.layer.textContent = "";
          const shown = racing(s).reverse(); // the first rule on top, as in the chapter's figures
          for (const r of shown) {
            const path = result.runs[r.key].path.slice(0, upto + 1);
            series(ui, drawn.layer, path.map((t) => [clamp(a.X(t[0])), clamp(a.Y(t[1]))]), r, path.length);
          }
          ui.svg("circle", { cx: a.X(s.t1), cy: a.Y(s.t2), r: 6, fill: "#fff", stroke: c.black, "stroke-width": 1.5 }, drawn.layer);
          // the cost per update, log scale, with the tolerance
          curve.textContent = "";
          const floor = 1e-20, costs = shown.map((r) => result.runs[r.key].costs.slice(0, upto + 1));
          const seen = costs.flat().filter(Number.isFinite).map((j) => Math.max(j, floor));
          const top = Math.max(...seen, data.tol * 100) * 10, bottom = Math.max(Math.min(...seen, data.tol / 100) / 10, floor / 10);
          const b = ui.axes(curve, { width: W, height: H, x: [0, result.steps], y: [bottom, top], logY: true, right: 22,
            xLabel: "갱신 횟수", yLabel: "비용 f(θ)" });
          ui.line(b.inside, [[b.X(0), b.Y(data.tol)], [b.X(result.steps), b.Y(data.tol)]], { stroke: "#595959", "stroke-dasharray": "3 3" });
          ui.svg("text", { x: b.X(result.steps) - 4, y: b.Y(data.tol) - 5, "text-anchor": "end", class: "explorer-label" }, b.inside, "허용 오차");
          shown.forEach((r, i) => series(ui, b.inside, costs[i].map((j, k) => [b.X(k), b.Y(Math.max(j, floor))]), r, result.steps + 1));
        },
        status(s, result) {
          const chosen = racing(s);
          const head = `${SURFACES[s.surface]}, α = ${ui.short(s.lr)}, β = ${ui.short(s.beta)}, ${result.steps}번 갱신.`;
          if (!chosen.length) return `${head} 경주할 규칙을 하나 이상 고르자.`;
          const run = (r) => result.runs[r.key];
          const arrived = chosen.filter((r) => run(r).settled !== null).sort((p, q) => run(p).settled - run(q).settled);
          const diverged = chosen.filter((r) => run(r).divergedAt);
          const stayedOut = chosen.filter((r) => !run(r).divergedAt && run(r).settled === null);
          const words = [head];
          words.push(arrived.length
            ? `허용 오차(비용 ${data.tol.toExponential(0).replace("e+", "e")} 미만) 안에 가장 먼저 들어와 머문 규칙: ${arrived[0].name} (${run(arrived[0]).settled}번째 갱신부터).` +
              (arrived.length > 1 ? ` 그다음: ${arrived.slice(1).map((r) => `${r.name} ${run(r).settled}번째`).join(", ")}.` : "")
            : "허용 오차 안에 머문 규칙이 없다.");
          if (stayedOut.length)
            words.push(`머물지 못함: ${stayedOut.map((r) => `${r.name} (마지막 비용 ${ui.fmt(run(r).costs[result.steps], 4)})`).join(", ")}.`);
          if (diverged.length)
            words.push(`발산: ${diverged.map((r) => `${r.name} (${run(r).divergedAt}번째 갱신에서 출발점에서 너무 멀어졌다)`).join(", ")}.`);
          return words.join(" ");
        },
        code(s) {
          const n = data.max_iter[s.surface], num = (v) => (Number.isInteger(v) ? v.toFixed(1) : ui.short(v));
          const make = { plain: "descent.Plain()", momentum: `descent.Momentum(beta=${ui.short(s.beta)})`,
            nesterov: `descent.Nesterov(beta=${ui.short(s.beta)})`, rmsprop: "descent.RMSProp()", adam: "descent.Adam()" };
          const fn = s.surface === 0 ? [
            "mu, L = 0.2, 4.0", "tilt = np.pi / 6  # the valley axis at 30 degrees", "cos_t, sin_t = np.cos(tilt), np.sin(tilt)", "", "",
            "def gradient(theta):  # the tilted valley", "    u = cos_t * theta[0] + sin_t * theta[1]", "    v = -sin_t * theta[0] + cos_t * theta[1]",
            "    return mu * u * np.array([cos_t, sin_t]) + L * v * np.array([-sin_t, cos_t])"]
            : ["def gradient(theta):  # Rosenbrock's function; x * x as the browser computes it (x ** 2 may round differently)",
              "    return np.array([", "        -2 * (1 - theta[0]) - 400 * theta[0] * (theta[1] - theta[0] * theta[0]),",
              "        200 * (theta[1] - theta[0] * theta[0]),", "    ])"];
          return ["import numpy as np", "import descent", "", ...fn, "", "",
            `x0 = np.array([${num(s.t1)}, ${num(s.t2)}])`, "runs = {}",
            ...racing(s).map((r) => `runs["${r.name}"] = descent.gradient_descent(gradient, x0, learning_rate=${ui.short(s.lr)}, max_iter=${n}, rule=${make[r.key]})`),
            "{name: run.diverged_at for name, run in runs.items()}"].join("\n");
        },
      };
    },
  });
})();
