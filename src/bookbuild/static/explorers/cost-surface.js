/* Explorer "cost-surface" (book/cost-function.md): batch gradient descent on the contour of J(b, w)
 * for the classroom notebook's five points, as descent.linear_regression_gd runs it. */
(function () {
  "use strict";
  const VIEW = [-3, 3]; // b and w, as fig-cost-contour

  Explorer.register("cost-surface", {
    controls: {
      lr: { label: "학습률 α", min: 0.01, max: 2.5, step: 0.01, value: 0.5, marks: (d) => [{ at: 2 / Explorer.lsq.bowl(d.x, d.y).big, text: "2/L" }] },
      b: { label: "출발점의 절편 b", min: VIEW[0], max: VIEW[1], step: 0.1, value: -2.5 },
      w: { label: "출발점의 가중치 w", min: VIEW[0], max: VIEW[1], step: 0.1, value: -2 },
      steps: { label: "갱신 횟수", min: 1, max: 50, step: 1, value: 20, integer: true },
    },
    question: {
      state: { lr: 1.8, b: -2.5, w: -2, steps: 20 },
      question: "α = 1.8로 (−2.5, −2)에서 출발하면 경로는 어떻게 될까?",
      choices: ["최솟값을 향해 곧게 내려간다", "b 방향으로 골짜기를 건너뛰며 지그재그로 내려간다", "골짜기를 건너뛸 때마다 멀어져 발산한다"],
      answer: 1,
      explain: "곡률이 큰 b 방향에서는 1 − αL이 음수여서 건너뛰지만, 그 절댓값이 1보다 작아 폭이 줄어든다. 곡률이 작은 w 방향에서는 건너뛰지 않는다.",
    },
    setup(figures, data, ui) {
      const bowl = ui.lsq.bowl(data.x, data.y);
      const contour = ui.figure(figures, 400, 400, "비용 J(b, w)의 등고선과 경사 하강법의 경로");
      const curve = ui.figure(figures, 400, 300, "갱신마다의 비용 J (로그 눈금)");
      contour.classList.add("explorer-pick");
      contour.addEventListener("click", (event) => {
        const p = ui.pointerAt(contour, event), a = contour.axesNow;
        const b = a.invX(p.x), w = a.invY(p.y);
        if (b >= VIEW[0] && b <= VIEW[1] && w >= VIEW[0] && w <= VIEW[1]) ui.set({ b, w });
      });
      const corners = [[VIEW[0], VIEW[0]], [VIEW[0], VIEW[1]], [VIEW[1], VIEW[0]], [VIEW[1], VIEW[1]]]
        .map((t) => ui.lsq.cost(data.x, data.y, t));
      return {
        compute: (s) => ui.lsq.descend(data.x, data.y, [s.b, s.w], s.lr, s.steps, data.x.length, null, data.explosion),
        draw(s, run, upto) {
          const c = ui.colors;
          contour.textContent = "";
          const a = (contour.axesNow = ui.axes(contour, { width: 400, height: 400, x: VIEW, y: VIEW,
            xLabel: "절편 b", yLabel: "가중치 w" }));
          ui.lsq.contours(a, bowl, corners, c.grey);
          const shown = run.path.slice(0, upto + 1);
          ui.line(a.inside, shown.map((t) => [a.X(t[0]), a.Y(t[1])]), { stroke: c.orange, "stroke-width": 2.5 });
          shown.forEach((t, i) => ui.svg("circle", { cx: a.X(t[0]), cy: a.Y(t[1]), r: i === 0 ? 7 : 3.5,
            fill: i === 0 ? c.vermillion : c.orange, stroke: c.black, "stroke-width": 1 }, a.inside));
          curve.textContent = "";
          const costs = run.costs.slice(0, upto + 1).map((j) => Math.max(j, 1e-300));
          const bottom = Math.max(Math.min(...run.costs.map((j) => Math.max(j, 1e-32))) / 10, 1e-32);
          const top = Math.max(Math.max(...run.costs) * 10, bottom * 1e4);
          const b = ui.axes(curve, { width: 400, height: 300, x: [0, s.steps], y: [bottom, top], logY: true,
            xLabel: "갱신 횟수", yLabel: "비용 J" });
          ui.line(b.inside, costs.map((j, k) => [b.X(k), b.Y(j)]), { stroke: c.blue, "stroke-width": 2 });
          costs.forEach((j, k) => ui.svg("circle", { cx: b.X(k), cy: b.Y(j), r: 3, fill: c.blue }, b.inside));
        },
        status(s, run) {
          const side = s.lr < 2 / bowl.big ? "보다 작다" : s.lr === 2 / bowl.big ? "와 같다" : "보다 크다";
          const end = run.path[run.steps];
          const where = run.divergedAt
            ? `${run.divergedAt}번째 갱신에서 비용이 너무 커져 descent처럼 멈췄다.`
            : `${run.steps}번 갱신한 뒤 (b, w) = (${ui.fmt(end[0], 4)}, ${ui.fmt(end[1], 4)}), 비용 J = ${ui.fmt(run.costs[run.steps], 6)}.`;
          const steep = 1 - s.lr * bowl.big, gentle = 1 - s.lr * bowl.small;
          const words = Math.max(Math.abs(steep), Math.abs(gentle)) > 1 ? "발산한다"
            : Math.abs(steep) === 1 ? "진동한다. b 방향으로 같은 두 자리를 오간다"
              : steep < 0 ? "진동하며 수렴한다. b 방향으로 골짜기를 건너뛴다" : "수렴한다";
          return `α = ${ui.short(s.lr)}, 2/L = ${ui.short(2 / bowl.big)}${side}: ${words}. ${where}`;
        },
        code: (s, run) => ["import numpy as np", "import descent", "",
          "x = np.linspace(-1, 1, 5)", "y = x.copy()", "X_b = descent.add_intercept(x)",
          "run = descent.linear_regression_gd(",
          `    X_b, y, [${ui.short(s.b)}, ${ui.short(s.w)}], learning_rate=${ui.short(s.lr)}, max_iter=${s.steps}`,
          ")", "run.path, run.costs" + (run.divergedAt ? ", run.diverged_at" : "")].join("\n"),
      };
    },
  });
})();
