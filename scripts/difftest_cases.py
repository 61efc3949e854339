"""Random cases for scripts/difftest: each case is a notebook fragment plus
the result paths PyTorch (float64) expects, per block name.

A case is a dict: kind, text (the blocks), files ({name: text} written beside
the notebook), expected ({block: {path: value}}), and optionally post (a
function of gradbook's results that completes `expected`, for random inits
whose weights are read back from gradbook).
"""

import math

import numpy as np
import torch
import torch.nn.functional as F

from difftest_model import (forward_backward, model_yaml, num, random_model, random_targets, row, rows,
                            targets_yaml)

LR_READBACK = 2.0 ** -20  # tiny step: W = new.W + lr·grad.W to within an ulp


def fence(kind, name, body):
    return "```{%s %s}\n%s\n```\n\n" % (kind, name, "\n".join(body))


def input_yaml(rng, X, n_in, declared):
    """The input written the ways a user may: rows, a flat list, a number. A
    flat list of several one-feature samples needs a model that declares
    its input size (else a flat list is one sample)."""
    n = X.shape[0]
    r = rng.random()
    if n == 1 and n_in == 1 and r < 0.3:
        return num(X[0, 0]), "scalar"
    if n == 1 and r < 0.6:
        return row(X[0]), "flat"
    if n_in == 1 and n > 1 and declared and r < 0.6:
        return row(X[:, 0]), "flat"
    return rows(X), "rows"


def shaped_input_gradient(g, how):
    if how == "scalar":
        return float(g[0, 0])
    if how == "flat":
        return g.reshape(-1)
    return g


def init_check(model, weights):
    """Initial weights drawn by a named init against torch.nn.init's formula:
    uniform inits stay within the bound; normal ones (≥ 2000 weights) have
    the right standard deviation within 10%; constant ones are exact."""
    init = model["init"]
    problems = []
    k = 0
    for L in model["layers"]:
        if L[0] != "dense":
            continue
        k += 1
        W = np.array(weights["W%d" % k])
        fo, fi = W.shape
        t = torch.empty(fo, fi, dtype=torch.float64)
        name = init.split("(")[0]
        arg = float(init.split("(")[1][:-1]) if "(" in init else None
        if name in ("zeros", "constant"):
            c = 0.0 if name == "zeros" else arg
            if not np.all(W == c):
                problems.append("W%d is not constant %r" % (k, c))
            continue
        bound = {"uniform": arg, "xavier": math.sqrt(6 / (fi + fo)), "he-uniform": math.sqrt(6 / fi)}.get(name)
        if bound is not None:
            # torch.nn.init.xavier_uniform_ / kaiming_uniform_ (fan_in, relu gain) bounds
            if name == "xavier":
                torch.nn.init.xavier_uniform_(t)
            elif name == "he-uniform":
                torch.nn.init.kaiming_uniform_(t, nonlinearity="relu")
            else:
                torch.nn.init.uniform_(t, -arg, arg)
            tb = float(t.abs().max())
            if np.abs(W).max() > bound * (1 + 1e-12) or tb > bound * (1 + 1e-12):
                problems.append("W%d exceeds the %s bound %g" % (k, name, bound))
            continue
        std = {"normal": arg, "xavier-normal": math.sqrt(2 / (fi + fo)), "he": math.sqrt(2 / fi),
               "lecun": math.sqrt(1 / fi)}[name]
        if W.size >= 2000 and abs(W.std() - std) > 0.1 * std:
            problems.append("W%d has std %g, %s gives %g" % (k, W.std(), name, std))
    return problems


def step_case(rng, i, wide):
    n_in = int(rng.integers(100, 121)) if wide and rng.random() < 0.3 else int(rng.integers(1, 7))
    model = random_model(rng, n_in, wide)
    n = int(rng.integers(1, 6))
    X = rng.normal(0, 1.5, size=(n, n_in))
    T = random_targets(rng, model, n)
    name = "c%d" % i
    text = ""
    body = []
    extra = []
    Xs = X
    if rng.random() < 0.3:
        # standardize with the training split's mean and population std (torch)
        extra.append("standardize: true")
        xt = torch.tensor(X, dtype=torch.float64)
        std = xt.std(dim=0, unbiased=False)
        std = torch.where(std > 0, std, torch.ones_like(std))
        Xs = ((xt - xt.mean(dim=0)) / std).numpy()
    # one-hot rows are as wide as the largest label + 1: only when that is the model's width
    if model["loss"][0] == "cross-entropy" and T[:, 0].max() == model["n_out"] - 1 and rng.random() < 0.3:
        extra.append("one-hot: true")
    if rng.random() < 0.5:
        text += fence("model", name + "-m", model_yaml(model, 0))
        body.append("model: %s-m" % name)
    else:
        body.append("model:")
        body += model_yaml(model, 2)
    first = next(L for L in model["layers"] if L[0] == "dense")
    declared = first[1] is not None or first[3] is not None
    x_text, how = input_yaml(rng, X, n_in, declared)
    body.append("input: " + x_text)
    body.append("target: " + targets_yaml(model, T))
    readback = model["init"] is not None
    lr = LR_READBACK if readback else (0.1 if rng.random() < 0.5 else None)
    if lr is not None:
        body.append("learning-rate: " + num(lr))
    text += fence("step", name, body)

    def expected_for(weights):
        res, values, grads = forward_backward(model, X, T, weights)
        res["grad.x"] = shaped_input_gradient(res["grad.x"], how)
        if lr is not None:
            for p in values:
                res["new." + p] = values[p] - lr * grads[p]
        return res

    case = {"kind": "step", "text": text, "files": {}}
    if not readback:
        case["expected"] = {name: expected_for(None)}
        return case

    def post(results):
        r = results[name]
        weights = {}
        for path, v in r.items():
            if path.startswith("new."):
                p = path[4:]
                weights[p] = np.array(v, dtype=float) + lr * np.array(r["grad." + p], dtype=float)
                if p.startswith("b"):
                    weights[p] = weights[p].reshape(-1)
                elif p.startswith("W"):
                    weights[p] = weights[p].reshape(-1, len(np.atleast_2d(np.array(v))[0]))
        problems = init_check(model, weights)
        exp = expected_for(weights)
        return {name: exp}, problems

    case["expected"] = {}
    case["post"] = post
    return case


def torch_train(model, X, T, optimizer, lr, epochs, testX=None, testT=None):
    """Full-batch training in torch with PyTorch's optimizers; per epoch the
    loss of the whole training set after the epoch's update (epoch 0: before)."""
    layers = model["layers"]
    params = {}
    k = 0
    j = 0
    for L in layers:
        if L[0] == "dense":
            k += 1
            _, a, b, W, bias = L
            params["W%d" % k] = torch.tensor(np.array(W), dtype=torch.float64, requires_grad=True)
            if bias is not False:
                bv = bias if isinstance(bias, list) else [0.0] * b
                params["b%d" % k] = torch.tensor(np.array(bv).reshape(1, -1), dtype=torch.float64,
                                                 requires_grad=True)
        elif L[1] == "prelu":
            j += 1
            params["alpha%d" % j] = torch.tensor([float(L[2])], dtype=torch.float64, requires_grad=True)
    plist = list(params.values())
    if optimizer == "sgd":
        opt = torch.optim.SGD(plist, lr=lr)
    elif optimizer.startswith("momentum"):
        opt = torch.optim.SGD(plist, lr=lr, momentum=float(optimizer[9:-1]))
    else:
        opt = torch.optim.Adam(plist, lr=lr)

    def loss_of(Xs, Ts):
        weights = {n: p for n, p in params.items()}
        return torch_loss(model, Xs, Ts, weights)

    curve = [float(loss_of(X, T).detach())]
    test_curve = [float(loss_of(testX, testT).detach())] if testX is not None else None
    for _ in range(epochs):
        opt.zero_grad()
        loss = loss_of(X, T)
        loss.backward()
        opt.step()
        curve.append(float(loss_of(X, T).detach()))
        if testX is not None:
            test_curve.append(float(loss_of(testX, testT).detach()))
    final = {n: p.detach().numpy().copy() for n, p in params.items()}
    return curve, test_curve, final


def torch_loss(model, X, T, weights):
    """The model's loss as a differentiable function of torch parameters."""
    kind, scale, reduction = model["loss"]
    h = torch.tensor(X, dtype=torch.float64)
    k = 0
    j = 0
    layers = model["layers"]
    fused = kind == "cross-entropy" and layers[-1][0] == "act" and layers[-1][1] == "softmax"
    logits = None
    from difftest_model import activation
    for i, L in enumerate(layers):
        if L[0] == "dense":
            k += 1
            h = h @ weights["W%d" % k].T
            if ("b%d" % k) in weights:
                h = h + weights["b%d" % k]
        else:
            alpha = None
            if L[1] == "prelu":
                j += 1
                alpha = weights["alpha%d" % j]
            if fused and i == len(layers) - 1:
                logits = h
            h = activation(L[1], L[2], h, alpha)
    y = h
    n, out = y.shape
    Tt = torch.tensor(T, dtype=torch.float64)
    if kind == "cross-entropy":
        z = logits if fused else y
        target = Tt[:, 0].long() if Tt.shape[1] == 1 else Tt
        data = F.cross_entropy(z, target, reduction="sum") * scale / (n if reduction == "mean" else 1)
    else:
        d = n * out if reduction == "mean" else 1
        if kind in ("mse", "sse"):
            total = F.mse_loss(y, Tt, reduction="sum")
        elif kind == "bce":
            total = F.binary_cross_entropy(y, Tt, reduction="sum")
        elif kind == "bce-logits":
            total = F.binary_cross_entropy_with_logits(y, Tt, reduction="sum")
        else:
            label = torch.where(Tt > 0, 1.0, -1.0).double()
            gap = torch.clamp(1 - label * y, min=0)
            total = gap.sum() if kind == "hinge" else (gap * gap).sum()
        data = total * scale / d
    if model["reg"]:
        rk, lam = model["reg"]
        for name, p in weights.items():
            if name.startswith("W"):
                data = data + (lam / 2 * (p * p).sum() if rk == "l2" else lam * p.abs().sum())
    return data


def explicit_model(rng, n_in, one_target=False):
    """A random model whose every dense layer has explicit weights (train,
    compare and gradcheck need the same starting point in both tools);
    `one_target`: one output, or cross-entropy (one class label per sample),
    as a data block's `y` holds one value per sample."""
    while True:
        m = random_model(rng, n_in, wide=False)
        if m["init"] is not None:
            continue
        if one_target and m["n_out"] != 1 and m["loss"][0] != "cross-entropy":
            continue
        return m


def idx_bytes(magic, dims, values):
    """An IDX file: the magic number (0x08 = unsigned bytes, then the number
    of dimensions), each dimension as a big-endian int32, the bytes."""
    import struct
    head = struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in dims)
    return head + bytes(int(v) for v in values)


def idx_shape(n_in):
    """An image shape (rows, cols) with n_in pixels."""
    return (2, n_in // 2) if n_in % 2 == 0 and n_in > 2 else (1, n_in)


def data_block(rng, name, X, T, model, files):
    """The data as an inline table, a CSV the harness writes (with a header;
    the target column is `y`) or, when every target is a byte, IDX files
    (images and labels, sometimes gzipped; the features are then replaced by
    random bytes / 255, the contract's scaling to [0, 1]); sometimes with
    `limit: N` (the first N rows), `standardize: true` and, for
    cross-entropy, `one-hot: true`. Returns the block and the features and
    targets as the model sees them (limited and standardized in torch)."""
    body = []
    extra = []
    labels = T[:, 0]
    bytes_ok = bool(np.all(labels == np.round(labels)) and labels.min() >= 0 and labels.max() <= 255)
    r = rng.random()
    if bytes_ok and r < 0.35:
        X = rng.integers(0, 256, size=X.shape).astype(float) / 255.0
        h, w = idx_shape(X.shape[1])
        gz = rng.random() < 0.5
        images = idx_bytes(0x00000803, [X.shape[0], h, w], np.round(X * 255).reshape(-1))
        labels_file = idx_bytes(0x00000801, [X.shape[0]], labels)
        suffix = ""
        if gz:
            import gzip
            images = gzip.compress(images, mtime=0)
            labels_file = gzip.compress(labels_file, mtime=0)
            suffix = ".gz"
        files[name + "-images.idx" + suffix] = images
        files[name + "-labels.idx" + suffix] = labels_file
        body += ["source: idx", "images: %s-images.idx%s" % (name, suffix),
                 "labels: %s-labels.idx%s" % (name, suffix)]
    elif r < 0.65:
        body += ["source: table", "x: " + rows(X), "y: " + row(T[:, 0])]
    else:
        fname = name + ".csv"
        cols = ["f%d" % c for c in range(X.shape[1])] + ["y"]
        lines = [",".join(cols)] + [",".join(num(v) for v in list(X[r]) + [T[r, 0]]) for r in range(X.shape[0])]
        files[fname] = "\n".join(lines) + "\n"
        body += ["source: csv", "path: " + fname, "target: y"]
    if X.shape[0] > 2 and rng.random() < 0.2:
        # the first N rows (no split, no filter: exactly the first N)
        k = int(rng.integers(2, X.shape[0]))
        extra.append("limit: %d" % k)
        X = X[:k]
        T = T[:k]
    Xs = X
    if rng.random() < 0.3:
        # standardize with the training split's mean and population std (torch)
        extra.append("standardize: true")
        xt = torch.tensor(X, dtype=torch.float64)
        std = xt.std(dim=0, unbiased=False)
        std = torch.where(std > 0, std, torch.ones_like(std))
        Xs = ((xt - xt.mean(dim=0)) / std).numpy()
    # one-hot rows are as wide as the largest label + 1: only when that is the model's width
    if model["loss"][0] == "cross-entropy" and T[:, 0].max() == model["n_out"] - 1 and rng.random() < 0.3:
        extra.append("one-hot: true")
    return fence("data", name, body + extra), Xs, T


def train_case(rng, i):
    n_in = int(rng.integers(1, 5))
    model = explicit_model(rng, n_in, one_target=True)
    n = int(rng.integers(2, 9))
    X = rng.normal(0, 1.5, size=(n, n_in))
    T = random_targets(rng, model, n)
    if model["loss"][0] == "cross-entropy" and T.shape[1] > 1:
        T = T.argmax(axis=1).reshape(-1, 1).astype(float)
    optimizer = rng.choice(["sgd", "momentum(0.9)", "momentum(0.5)", "adam"])
    lr = float(rng.choice([0.001, 0.01, 0.05]))
    epochs = int(rng.integers(1, 6))
    name = "c%d" % i
    files = {}
    text, X, T = data_block(rng, name + "-d", X, T, model, files)
    text += fence("model", name + "-m", model_yaml(model, 0))
    text += fence("train", name, ["model: %s-m" % name, "data: %s-d" % name, "optimizer: " + optimizer,
                                 "learning-rate: " + num(lr), "epochs: %d" % epochs, "batch: full"])
    curve, _, final = torch_train(model, X, T, optimizer, lr, epochs)
    if not all(math.isfinite(c) for c in curve) or max(curve) > 10 * curve[0]:
        return None  # would diverge: not a comparison of values
    exp = {"train.loss": curve[-1], "curve.train.loss": np.array(curve)}
    for p, v in final.items():
        exp["final." + p] = v
    return {"kind": "train", "text": text, "files": files, "expected": {name: exp}}


def compare_case(rng, i):
    """A compare over learning rates (or optimizers) with explicit weights,
    full batch and one seed: each variant is a deterministic training run."""
    n_in = int(rng.integers(1, 4))
    model = explicit_model(rng, n_in, one_target=True)
    n = int(rng.integers(2, 7))
    X = rng.normal(0, 1.5, size=(n, n_in))
    T = random_targets(rng, model, n)
    if model["loss"][0] == "cross-entropy" and T.shape[1] > 1:
        T = T.argmax(axis=1).reshape(-1, 1).astype(float)
    name = "c%d" % i
    files = {}
    text, X, T = data_block(rng, name + "-d", X, T, model, files)
    text += fence("model", name + "-m", model_yaml(model, 0))
    epochs = int(rng.integers(1, 4))
    text += fence("train", name + "-t", ["model: %s-m" % name, "data: %s-d" % name, "learning-rate: 0.01",
                                         "epochs: %d" % epochs, "batch: full"])
    if rng.random() < 0.5:
        key, values = "learning-rate", [0.001, 0.02]
        runs = [("learning-rate=" + num(v), "sgd", v) for v in values]
        vary = "  learning-rate: [%s]" % ", ".join(num(v) for v in values)
    else:
        key, values = "optimizer", ["sgd", "adam"]
        runs = [("optimizer=" + v, v, 0.01) for v in values]
        vary = "  optimizer: [sgd, adam]"
    text += fence("compare", name, ["train: %s-t" % name, "vary:", vary, "seeds: 1"])
    exp = {}
    for label, opt, lr in runs:
        curve, _, _ = torch_train(model, X, T, opt, lr, epochs)
        if not all(math.isfinite(c) for c in curve) or max(curve) > 10 * curve[0]:
            return None
        exp[label + ".train.loss"] = curve[-1]
    return {"kind": "compare", "text": text, "files": files, "expected": {name: exp}}


def gradcheck_case(rng, i):
    """gradcheck on explicit input/target: gradbook's verdict and relative
    errors against torch.autograd.gradcheck on the same loss."""
    n_in = int(rng.integers(1, 4))
    model = explicit_model(rng, n_in)
    n = int(rng.integers(1, 4))
    X = rng.normal(0, 1.5, size=(n, n_in))
    T = random_targets(rng, model, n)
    name = "c%d" % i
    body = ["model:"] + model_yaml(model, 2) + ["input: " + rows(X), "target: " + targets_yaml(model, T)]
    text = fence("gradcheck", name, body)
    res, values, grads = forward_backward(model, X, T)
    if any(np.linalg.norm(g) < 1e-6 for g in grads.values()):
        # a (near-)zero gradient: the contract's relative error
        # ‖a − n‖/max(‖a‖ + ‖n‖, 1e-8) is then finite-difference noise over
        # 1e-8 and may exceed 1e-6 although both tools are right (seed 2)
        return None
    names = list(values)
    tensors = [torch.tensor(values[p], dtype=torch.float64, requires_grad=True) for p in names]

    def f(*ps):
        return torch_loss(model, X, T, dict(zip(names, ps)))

    ok = torch.autograd.gradcheck(f, tensors, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=False)
    if not ok:
        return None  # near a kink or badly scaled: torch's own check is not conclusive
    return {"kind": "gradcheck", "text": text, "files": {}, "expected": {name: {"passed": True}}}


def random_case(rng, i, kind):
    if kind == "step":
        return step_case(rng, i, wide=rng.random() < 0.08)
    if kind == "train":
        return train_case(rng, i)
    if kind == "compare":
        return compare_case(rng, i)
    if kind == "gradcheck":
        return gradcheck_case(rng, i)
    if kind == "data":
        from difftest_data import data_case
        return data_case(rng, i)
    if kind == "graph":
        from difftest_graph import graph_case
        return graph_case(rng, i)
    raise ValueError(kind)
