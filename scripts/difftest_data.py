"""Random generator `data` cases for scripts/difftest: gaussian, xor, moons,
circles and spiral, checked against the contract's formulas in NumPy.

A generator draws from gradbook's own random source, which NumPy cannot
reproduce, so a case checks the distribution, not the draws:

* One data block per class (`classes-keep: [c]`, `relabel: {c: 1}`), so
  every target is 1; `train.n` must be the class's size exactly.
* Its moments are read back through training: `train` of the linear model
  `dense 2->1` (MSE, SGD, learning rate 1/2, one full-batch epoch) moves
  weights w₀ and bias b₀ to w₀ − mean(rᵢ xᵢ) and b₀ − mean(rᵢ), with the
  residual rᵢ = w₀·xᵢ + b₀ − 1. From w₀ = 0, b₀ = 0 that is mean(x) and
  exactly 1; from w₀ = e_k, b₀ = 1 it is e_k − mean(x_k x) and 1 − mean(x_k).
* NumPy draws R = 200 replicates of the class from the documented formula
  (scikit-learn's make_moons and make_circles, the CS231n spiral, the xor
  clusters, Gaussian classes) with the same n; each moment gradbook gives
  must lie within 6 replicate standard deviations of the replicate mean
  (widened by √(1 + 1/R) for the mean's own error). Deterministic parts
  (the linspace positions of moons, circles and spiral) thus cost no
  tolerance, and a wrong noise scale, centre, radius or arm is caught.
* With `standardize: true` the moments are exact instead: mean 0 and
  mean(x_k²) = 1 (population standard deviation).
"""

import math

import numpy as np

from difftest_model import num, row, rows

R = 200  # NumPy replicates per class
SIGMAS = 6.0


def fence(kind, name, body):
    return "```{%s %s}\n%s\n```\n\n" % (kind, name, "\n".join(body))


def counts(n, k):
    """n split over k groups: ⌊n/k⌋ each, +1 for the first n mod k."""
    return [n // k + (1 if j < n % k else 0) for j in range(k)]


def reference_class(source, p, c, rng, reps):
    """`reps` replicates of class c's rows (reps × n_c × d) from the contract's formula."""
    if source == "gaussian":
        cl = p["classes"][c]
        mean = np.array(cl["mean"])
        L = np.linalg.cholesky(np.array(cl["cov"]))
        z = rng.normal(size=(reps, cl["n"], len(mean)))
        return mean + z @ L.T
    noise = p["noise"]
    n = p["n"]
    if source == "xor":
        centres = [(1, 1, 0), (-1, 1, 1), (-1, -1, 0), (1, -1, 1)]
        parts = []
        for (cx, cy, lab), size in zip(centres, counts(n, 4)):
            if lab == c:
                parts.append(np.tile([cx, cy], (size, 1)).astype(float))
        base = np.concatenate(parts)
        return base + noise * rng.normal(size=(reps,) + base.shape)
    if source in ("moons", "circles"):
        n_out = n // 2
        size = n_out if c == 0 else n - n_out
        if source == "moons":
            t = np.linspace(0, math.pi, size)
            base = np.c_[np.cos(t), np.sin(t)] if c == 0 else np.c_[1 - np.cos(t), 1 - np.sin(t) - 0.5]
        else:
            t = np.linspace(0, 2 * math.pi, size, endpoint=False)
            base = np.c_[np.cos(t), np.sin(t)] * (1.0 if c == 0 else p["factor"])
        return base + noise * rng.normal(size=(reps,) + base.shape)
    # spiral (CS231n): radius linspace(0, 1), angle linspace(4j, 4(j+1)) + noise·N(0, 1)
    size = counts(n, p["classes"])[c]
    r = np.linspace(0.0, 1, size)
    t = np.linspace(c * 4, (c + 1) * 4, size) + noise * rng.normal(size=(reps, size))
    return np.stack([r * np.sin(t), r * np.cos(t)], axis=-1)


def moments(X):
    """Per replicate: mean(x) (d) and mean(x xᵀ) (d×d), X being reps × n × d."""
    return X.mean(axis=1), np.einsum("rni,rnj->rij", X, X) / X.shape[1]


def random_source(rng):
    source = str(rng.choice(["gaussian", "xor", "moons", "circles", "spiral"]))
    p = {}
    body = ["source: " + source]
    if source == "gaussian":
        d = int(rng.integers(1, 4))
        k = int(rng.integers(1, 4))
        p["classes"] = []
        body.append("classes:")
        for _ in range(k):
            mean = [round(float(v), 3) for v in rng.uniform(-3, 3, size=d)]
            A = rng.normal(size=(d, d))
            cov = A @ A.T / d + np.eye(d) * 0.2
            cov = np.round(cov, 3)
            n = int(rng.integers(200, 1500))
            p["classes"].append({"mean": mean, "cov": cov, "n": n})
            body.append("  - {mean: %s, cov: %s, n: %d}" % (row(mean), rows(cov), n))
        return source, p, body, d, k
    p["n"] = int(rng.integers(400, 3000))
    body.append("n: %d" % p["n"])
    default = 0.2 if source == "spiral" else 0.1
    if rng.random() < 0.6:
        p["noise"] = round(float(rng.uniform(0, 0.4)), 3)
        body.append("noise: " + num(p["noise"]))
    else:
        p["noise"] = default
    k = 2
    if source == "circles":
        p["factor"] = 0.5
        if rng.random() < 0.5:
            p["factor"] = round(float(rng.uniform(0.1, 0.9)), 3)
            body.append("factor: " + num(p["factor"]))
    if source == "spiral":
        p["classes"] = 2
        if rng.random() < 0.6:
            p["classes"] = int(rng.integers(2, 6))
            body.append("classes: %d" % p["classes"])
        k = p["classes"]
    return source, p, body, 2, k


def class_size(source, p, c):
    if source == "gaussian":
        return p["classes"][c]["n"]
    if source == "xor":
        return sum(s for s, lab in zip(counts(p["n"], 4), [0, 1, 0, 1]) if lab == c)
    if source == "spiral":
        return counts(p["n"], p["classes"])[c]
    return p["n"] // 2 if c == 0 else p["n"] - p["n"] // 2


def data_case(rng, i):
    """A generator, one data block per class, moments read back by training."""
    name = "c%d" % i
    source, p, body, d, k = random_source(rng)
    text = ""
    # the models: w₀ = 0, b₀ = 0, and w₀ = e_j, b₀ = 1 for each feature j
    starts = [(np.zeros(d), 0.0)] + [(np.eye(d)[j], 1.0) for j in range(d)]
    for m, (w, b) in enumerate(starts):
        text += fence("model", "%s-m%d" % (name, m), [
            "layers:", "  - dense: {in: %d, out: 1, weights: [%s], bias: [%s]}" % (d, row(w), num(b)),
            "loss: mse"])
    blocks = []
    for c in range(k):
        # (not at noise 0, where a feature may be constant and keep its scale)
        standardize = rng.random() < 0.25 and (source == "gaussian" or p["noise"] > 0)
        data = "%s-d%d" % (name, c)
        extra = ["standardize: true"] if standardize else []
        text += fence("data", data, body + ["classes-keep: [%d]" % c, "relabel: {%d: 1}" % c] + extra)
        trains = []
        for m in range(len(starts)):
            t = "%s-t%d-%d" % (name, c, m)
            text += fence("train", t, ["model: %s-m%d" % (name, m), "data: " + data, "optimizer: sgd",
                                       "learning-rate: 0.5", "epochs: 1", "batch: full"])
            trains.append(t)
        blocks.append((c, data, trains, standardize))
    expected = {}
    reference = {}
    for c, data, trains, standardize in blocks:
        expected[data] = {"train.n": class_size(source, p, c), "test.n": 0, "features": d}
        expected[trains[0]] = {"final.b1": 1.0}
        if not standardize:
            mean, second = moments(reference_class(source, p, c, rng, R))
            reference[c] = (mean, second)

    def post(results):
        problems = []
        more = {}
        for c, data, trains, standardize in blocks:
            mean = np.array(results[trains[0]]["final.W1"], dtype=float).reshape(-1)
            second = np.zeros((d, d))
            for j in range(d):
                r = results[trains[j + 1]]
                second[j] = np.eye(d)[j] - np.array(r["final.W1"], dtype=float).reshape(-1)
                # 1 − mean(x_j): the same mean another way
                more.setdefault(trains[j + 1], {})["final.b1"] = 1.0 - mean[j]
            if standardize:
                problems += exact_standardized(c, mean, second)
                continue
            ref_mean, ref_second = reference[c]
            for label, got, reps in [("mean(x)", mean, ref_mean), ("mean(x xᵀ)", second, ref_second)]:
                centre = reps.mean(axis=0)
                spread = reps.std(axis=0, ddof=1) * math.sqrt(1 + 1.0 / R)
                bad = np.abs(got - centre) > SIGMAS * spread + 1e-9 * (1 + np.abs(centre))
                if np.any(bad):
                    at = tuple(int(v) for v in np.argwhere(bad)[0])
                    problems.append("%s class %d: %s%s is %.6g, the contract's formula gives %.6g ± %.3g" % (
                        source, c, label, list(at), got[at], centre[at], spread[at]))
        return more, problems

    return {"kind": "data", "text": text, "files": {}, "expected": expected, "post": post}


def exact_standardized(c, mean, second):
    """Standardized with its own mean and population standard deviation:
    mean 0 and mean(x_j²) = 1 up to rounding."""
    problems = []
    for j in range(len(mean)):
        if abs(mean[j]) > 1e-9:
            problems.append("standardized class %d: mean(x%d) is %r, not 0" % (c, j + 1, mean[j]))
        if abs(second[j, j] - 1) > 1e-9:
            problems.append("standardized class %d: mean(x%d²) is %r, not 1" % (c, j + 1, second[j, j]))
    return problems
