/* Explorer "variants" (book/variants.md): batch, mini-batch and stochastic gradient descent on the
 * synthetic line data (descent.make_linear_data), with the row orders numpy draws for each seed. */
(function () {
  "use strict";
  const VIEW = { b: [-1, 6], w: [-2, 5] }; // as fig-var-paths

  Explorer.register("variants", {
    controls: {
      batch: { label: "배치 크기", min: 1, max: 100, step: 1, value: 10, integer: true },
      epochs: { label: "에포크", min: 1, max: 20, step: 1, value: 3, integer: true },
      lr: { label: "학습률 α", min: 0.01, max: 1, step: 0.01, value: 0.1,
        marks: (d) => [{ at: 2 / Explorer.lsq.bowl(d.x, d.y).big, text: "2/L" }] },
      seed: { label: "난수 시드", min: 0, max: 2, step: 1, value: 0, integer: true, choices: [0, 1, 2] },
    },
    question: {
      state: { batch: 1, epochs: 1, lr: 0.1, seed: 0 },
      question: "배치 크기를 1로 하면(확률적 경사 하강법) 첫 에포크의 경로는 어떻게 생겼을까?",
      choices: ["배치 방식처럼 매끄러운 곡선이다", "샘플마다 방향이 달라 갈지자로 걷지만, 최솟값 근처로 간다", "최솟값에서 점점 멀어진다"],
      answer: 1,
      explain: "샘플 하나의 기울기는 전체 기울기의 잡음 섞인 추정이다. 평균적으로는 내리막이어서 최솟값 둘레로 가지만, 한 걸음 한 걸음은 흔들린다. 배치 크기를 키우면 흔들림이 줄어든다.",
    },
    setup(figures, data, ui) {
      const bowl = ui.lsq.bowl(data.x, data.y);
      const m = data.x.length;
      const orders = (seed) => data.orders[String(seed)];
      const contour = ui.figure(figures, 400, 400, "비용 함수의 등고선과 파라미터의 경로");
      const curve = ui.figure(figures, 400, 300, "에포크마다 잰 J − J* (로그 눈금)");
      const corners = [[VIEW.b[0], VIEW.w[0]], [VIEW.b[0], VIEW.w[1]], [VIEW.b[1], VIEW.w[0]], [VIEW.b[1], VIEW.w[1]]]
        .map((t) => ui.lsq.cost(data.x, data.y, t));
      const run = (s, batch) => ui.lsq.descend(data.x, data.y, data.theta0, s.lr, s.epochs, batch, orders(s.seed), data.explosion);
      return {
        compute: (s) => Object.assign(run(s, s.batch), { reference: run(s, m).costPerEpoch, low: bowl.low }),
        draw(s, r, upto) {
          const c = ui.colors;
          contour.textContent = "";
          const a = ui.axes(contour, { width: 400, height: 400, x: VIEW.b, y: VIEW.w, xLabel: "절편 θ₀", yLabel: "가중치 θ₁" });
          ui.lsq.contours(a, bowl, corners, c.grey);
          const shown = r.path.slice(0, upto + 1);
          ui.line(a.inside, shown.map((t) => [a.X(t[0]), a.Y(t[1])]), { stroke: c.orange, "stroke-width": 1.5 });
          shown.forEach((t, k) => {
            if (k === 0 || k % r.updatesPerEpoch === 0)
              ui.svg("circle", { cx: a.X(t[0]), cy: a.Y(t[1]), r: k === 0 ? 7 : 4, fill: k === 0 ? c.vermillion : c.orange,
                stroke: c.black, "stroke-width": 1 }, a.inside);
          });
          curve.textContent = "";
          const gap = (j) => Math.max(j - r.low, 1e-16);
          const epochs = Math.min(r.costPerEpoch.length - 1, Math.floor(upto / r.updatesPerEpoch));
          const all = [...r.costPerEpoch, ...r.reference].map(gap);
          const b = ui.axes(curve, { width: 400, height: 300, x: [0, s.epochs], y: [Math.min(...all) / 10, Math.max(...all) * 10],
            logY: true, xLabel: "에포크", yLabel: "J − J*" });
          ui.line(b.inside, r.reference.map((j, e) => [b.X(e), b.Y(gap(j))]), { stroke: "#595959", "stroke-width": 1.5, "stroke-dasharray": "5 4" });
          if (r.reference.length > s.epochs) ui.svg("text", { x: b.X(s.epochs) - 4, y: b.Y(gap(r.reference[s.epochs])) - 6, "text-anchor": "end", class: "explorer-label" }, b.inside, "배치 (점선)");
          const mine = r.costPerEpoch.slice(0, epochs + 1);
          ui.line(b.inside, mine.map((j, e) => [b.X(e), b.Y(gap(j))]), { stroke: c.blue, "stroke-width": 2 });
          mine.forEach((j, e) => ui.svg("circle", { cx: b.X(e), cy: b.Y(gap(j)), r: 3.5, fill: c.blue }, b.inside));
        },
        status(s, r) {
          const kind = s.batch === 1 ? "확률적 경사 하강법" : s.batch === m ? "배치 경사 하강법" : "미니배치 경사 하강법";
          const end = r.path[r.steps];
          const where = r.divergedAt
            ? `${r.divergedAt}번째 갱신에서 비용이 너무 커져 descent처럼 멈췄다. 발산이다.`
            : `${s.epochs} 에포크(갱신 ${r.steps}번) 뒤 θ = (${ui.fmt(end[0], 4)}, ${ui.fmt(end[1], 4)}), J − J* = ${ui.fmt(r.costs[r.steps] - r.low, 6)}.`;
          return `${kind}, 배치 크기 ${s.batch}: 에포크마다 갱신 ${r.updatesPerEpoch}번. ${where}`;
        },
        code: (s, r) => ["import descent", "",
          "X, y, theta0 = descent.make_linear_data()", "X_b = descent.add_intercept(X)",
          "run = descent.linear_regression_gd(",
          `    X_b, y, theta0, learning_rate=${ui.short(s.lr)}, max_iter=${s.epochs},`,
          `    batch_size=${s.batch}, random_state=${s.seed},`,
          ")", "run.cost_per_epoch" + (r.divergedAt ? ", run.diverged_at" : ", run.theta")].join("\n"),
      };
    },
  });
})();
