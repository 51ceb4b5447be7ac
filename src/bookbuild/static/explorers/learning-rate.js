/* Explorer "learning-rate" (book/learning-rate.md): gradient descent on the seed's
 * parabola f(x) = (2 - 2x)^2 / 2, as descent.gradient_descent(df, x0, learning_rate, max_iter) runs it. */
(function () {
  "use strict";
  const f = (x) => 0.5 * (2 - 2 * x) ** 2;
  const df = (x) => -2 * (2 - 2 * x); // the book's df, operation for operation
  const L = df(1) - df(0); // f' is linear: its slope is f''
  const STAR = 1; // the minimum

  /** descent.gradient_descent(df, x0, learning_rate=lr, max_iter=steps): the path, and where it diverged. */
  function descend(x0, lr, steps, explosion) {
    const path = [x0];
    let x = x0, divergedAt = null;
    for (let k = 1; k <= steps; k++) {
      x = x - lr * df(x);
      const away = Math.abs(x - x0); // descent stops a run that ran this far from its start
      if (!Number.isFinite(away) || away > explosion * (1 + Math.abs(x0))) { divergedAt = k; break; }
      path.push(x);
    }
    return { path, divergedAt, steps: path.length - 1 };
  }

  function verdict(lr) {
    const r = 1 - lr * L;
    if (r > 0) return "수렴한다. 최솟값 x = 1에 한쪽에서 다가간다";
    if (r === 0) return "한 번에 최솟값에 닿는다 (α = 1/L)";
    if (r > -1) return "진동하며 수렴한다. 골짜기를 건너뛰지만 건너뛰는 폭이 줄어든다";
    if (r === -1) return "진동한다. 같은 두 점을 끝없이 오간다 (α = 2/L)";
    return "발산한다. 건너뛸 때마다 최솟값에서 더 멀어진다";
  }

  Explorer.register("learning-rate", {
    controls: {
      lr: { label: "학습률 α", min: 0.01, max: 1, step: 0.01, value: 0.1,
        marks: [{ at: 1 / L, text: "1/L" }, { at: 2 / L, text: "2/L" }] },
      x0: { label: "출발점 x₀", min: -2, max: 4, step: 0.1, value: 3 },
      steps: { label: "갱신 횟수", min: 1, max: 50, step: 1, value: 10, integer: true },
    },
    question: {
      state: { lr: 0.55, x0: 3, steps: 10 },
      question: `α = 0.55에서 10번 갱신하면 점은 어떻게 움직일까? (이 포물선의 2/L은 ${2 / L}이다.)`,
      choices: ["최솟값 x = 1에 한쪽에서 다가간다", "x = 1을 건너뛰며 점점 가까워진다", "x = 1을 건너뛰며 점점 멀어진다"],
      answer: 2,
      explain: `1 − αL = ${Number((1 - 0.55 * L).toFixed(6))}, 즉 갱신할 때마다 최솟값까지의 거리가 ${Number(Math.abs(1 - 0.55 * L).toFixed(6))}배로 늘어난다. α가 2/L보다 크면 이 배율이 1을 넘어 발산한다.`,
    },
    setup(figures, data, ui) {
      const steps = ui.figure(figures, 480, 300, "포물선 f(x) 위에 찍은 경사 하강법의 점들");
      const sweep = ui.figure(figures, 480, 300, "학습률에 따라 갱신을 마친 뒤 최솟값까지 남은 거리");
      let dragging = false;
      const fromPointer = (event) => {
        const a = steps.axesNow;
        if (a) ui.set({ x0: a.invX(ui.pointerAt(steps, event).x) });
      };
      steps.addEventListener("click", fromPointer);
      steps.addEventListener("pointerdown", (event) => {
        if (event.target.classList.contains("explorer-handle")) {
          dragging = true;
          event.target.setPointerCapture(event.pointerId);
        }
      });
      steps.addEventListener("pointermove", (event) => { if (dragging) fromPointer(event); });
      steps.addEventListener("pointerup", () => { dragging = false; });

      return {
        compute: (s) => Object.assign(descend(s.x0, s.lr, s.steps, data.explosion), { L }),
        draw(s, run, upto) {
          const c = ui.colors;
          // the curve and the steps (as plot_steps draws them)
          steps.textContent = "";
          const shown = run.path.slice(0, upto + 1);
          const reach = Math.max(3, ...shown.map((x) => Math.abs(x - STAR))) * 1.05;
          const a = (steps.axesNow = ui.axes(steps, { width: 480, height: 300, x: [STAR - reach, STAR + reach],
            y: [0, f(STAR + reach) * 1.05], xLabel: "x", yLabel: "f(x)" }));
          const curve = Array.from({ length: 201 }, (_, i) => STAR - reach + (2 * reach * i) / 200);
          ui.line(a.inside, curve.map((x) => [a.X(x), a.Y(f(x))]), { stroke: c.blue, "stroke-width": 2 });
          ui.line(a.inside, shown.map((x) => [a.X(x), a.Y(f(x))]), { stroke: c.orange, "stroke-width": 2, "stroke-dasharray": "6 3" });
          shown.forEach((x, i) => ui.svg("circle", { cx: a.X(x), cy: a.Y(f(x)), r: i === 0 ? 7 : 4,
            fill: i === 0 ? c.vermillion : c.orange, stroke: c.black, "stroke-width": 1 }, a.inside));
          ui.svg("circle", { cx: a.X(s.x0), cy: a.Y(f(s.x0)), r: 16, class: "explorer-handle" }, steps);
          // the distance left after the steps, for every learning rate, with 2/L marked
          sweep.textContent = "";
          const rates = Array.from({ length: 100 }, (_, i) => (i + 1) / 100);
          const left = rates.map((lr) => {
            const r = descend(s.x0, lr, s.steps, data.explosion);
            return r.divergedAt ? NaN : Math.max(Math.abs(r.path[r.steps] - STAR), 1e-16);
          });
          const finite = left.filter(Number.isFinite);
          const top = Math.max(10, ...finite) * 10, bottom = Math.max(Math.min(...finite, 1e-2) / 10, 1e-17);
          const b = ui.axes(sweep, { width: 480, height: 300, x: [0, 1], y: [bottom, top], logY: true,
            xLabel: "학습률 α", yLabel: `${s.steps}번 뒤 |x − 1|` });
          ui.line(b.inside, [[b.X(2 / L), b.Y(bottom)], [b.X(2 / L), b.Y(top)]], { stroke: c.black, "stroke-dasharray": "4 4" });
          ui.svg("text", { x: b.X(2 / L) + 4, y: b.box.top + 14, class: "explorer-label" }, b.inside, "2/L");
          ui.line(b.inside, rates.map((lr, i) => [b.X(lr), b.Y(left[i])]), { stroke: c.blue, "stroke-width": 2 });
          const mine = left[Math.round(s.lr * 100) - 1];
          if (Number.isFinite(mine) && Math.abs(s.lr * 100 - Math.round(s.lr * 100)) < 1e-9)
            ui.svg("circle", { cx: b.X(s.lr), cy: b.Y(mine), r: 6, fill: c.vermillion, stroke: c.black }, b.inside);
        },
        status(s, run) {
          const side = s.lr * L < 2 ? "보다 작다" : s.lr * L === 2 ? "와 같다" : "보다 크다";
          const last = run.path[run.steps];
          const where = run.divergedAt
            ? ` ${run.divergedAt}번째 갱신에서 점이 출발점에서 너무 멀어져 descent처럼 멈췄다 (발산).`
            : ` ${run.steps}번 갱신한 뒤 x = ${ui.fmt(last, 4)}, f(x) = ${ui.fmt(f(last), 4)}.`;
          return `α = ${ui.short(s.lr)}, 2/L = ${2 / L}${side}: ${verdict(s.lr)}.${where}`;
        },
        code(s, run) {
          const x0 = Number.isInteger(s.x0) ? s.x0.toFixed(1) : ui.short(s.x0);
          return ["import descent", "", "",
            "def df(x):  # f(x) = (2 - 2x)^2 / 2, so f'(x) = 4x - 4",
            "    return -2 * (2 - 2 * x)", "", "",
            `run = descent.gradient_descent(df, ${x0}, learning_rate=${ui.short(s.lr)}, max_iter=${s.steps})`,
            "run.path" + (run.divergedAt ? ", run.diverged_at" : "")].join("\n");
        },
      };
    },
  });
})();
