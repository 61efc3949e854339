"""Random models for scripts/difftest, and their PyTorch (float64) evaluation.

A model is a dict:
  layers: list of ("dense", n_in, n_out, W or None, bias) or ("act", name, param)
          bias is False, True (zeros / init) or a list of values
  loss:   (kind, scale, reduction)
  reg:    None, ("l2", lam) or ("l1", lam)
  init:   None (every dense layer has explicit weights) or an init name
The same dict is written as a gradbook model (YAML) and evaluated in torch.
"""

import math

import numpy as np
import torch
import torch.nn.functional as F

ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky-relu", "prelu", "elu", "gelu", "softplus", "identity", "softmax"]
LOSSES = ["mse", "sse", "bce", "bce-logits", "hinge", "squared-hinge", "cross-entropy"]
INITS = ["zeros", "constant", "normal", "uniform", "xavier", "xavier-normal", "he", "he-uniform", "lecun"]


def num(x):
    """A float as YAML reads it back exactly (shortest repr, always with a dot)."""
    x = float(x)
    if math.isnan(x) or math.isinf(x):
        raise ValueError("non-finite value in a generated case")
    s = repr(x)
    if "e" in s and "." not in s.split("e")[0]:
        a, b = s.split("e")
        s = a + ".0e" + b
    return s


def row(v):
    return "[" + ", ".join(num(x) for x in v) + "]"


def rows(m):
    return "[" + ", ".join(row(r) for r in m) + "]"


def random_model(rng, n_in, wide=False):
    """A random MLP over every activation, loss, regularizer and init."""
    loss_kind = rng.choice(LOSSES)
    n_dense = int(rng.integers(1, 4))
    widths = [n_in]
    for i in range(n_dense):
        last = i == n_dense - 1
        if last:
            if loss_kind == "cross-entropy":
                w = int(rng.integers(2, 6))
            else:
                w = int(rng.integers(1, 4))
        elif wide and rng.random() < 0.5:
            w = int(rng.integers(100, 131))
        else:
            w = int(rng.integers(1, 9))
        widths.append(w)
    use_init = rng.random() < 0.4
    init = None
    if use_init:
        name = rng.choice(INITS)
        if name == "constant":
            init = "constant(%s)" % num(round(rng.uniform(-0.5, 0.5), 3))
        elif name == "normal":
            init = "normal(%s)" % num(round(rng.uniform(0.05, 0.5), 3))
        elif name == "uniform":
            init = "uniform(%s)" % num(round(rng.uniform(0.05, 0.5), 3))
        else:
            init = name
    layers = []
    if rng.random() < 0.05:
        layers.append(("act", "tanh", None))  # an activation before any dense layer
    for i in range(n_dense):
        a, b = widths[i], widths[i + 1]
        W = None if use_init else rng.uniform(-1, 1, size=(b, a)) * (1.5 / math.sqrt(a))
        r = rng.random()
        bias = False if r < 0.15 else (True if (use_init or r < 0.3) else list(rng.uniform(-0.5, 0.5, size=b)))
        # Sometimes leave out `in` on the first dense layer (taken from the data).
        layers.append(("dense", None if (i == 0 and rng.random() < 0.2) else a, b, W, bias))
        last = i == n_dense - 1
        if not last or rng.random() < 0.6:
            name = rng.choice(ACTIVATIONS[:-1] if not last else ACTIVATIONS)
            if name == "softmax" and (b < 2 or not last):
                name = "tanh"
            param = None
            if name == "leaky-relu":
                param = round(rng.uniform(0.01, 0.3), 3)
            elif name == "prelu":
                param = round(rng.uniform(0.05, 0.5), 3)
            elif name == "elu":
                param = round(rng.uniform(0.3, 1.5), 3)
            layers.append(("act", name, param))
    if loss_kind == "bce":
        if not (layers[-1][0] == "act" and layers[-1][1] in ("sigmoid", "softmax")):
            layers.append(("act", "sigmoid", None))
    scale = 1.0 if rng.random() < 0.7 else round(rng.uniform(0.2, 3), 3)
    reduction = "sum" if loss_kind == "sse" else ("sum" if rng.random() < 0.3 else "mean")
    reg = None
    r = rng.random()
    if r < 0.2:
        reg = ("l2", round(rng.uniform(0.001, 0.2), 4))
    elif r < 0.35:
        reg = ("l1", round(rng.uniform(0.001, 0.2), 4))
    return {"layers": layers, "loss": (loss_kind, scale, reduction), "reg": reg, "init": init,
            "n_in": n_in, "n_out": widths[-1]}


def model_yaml(model, indent):
    """The model as YAML lines (layers as one-key mappings), indented."""
    pad = " " * indent
    out = [pad + "layers:"]
    for L in model["layers"]:
        if L[0] == "dense":
            _, a, b, W, bias = L
            parts = []
            if a is not None:
                parts.append("in: %d" % a)
            parts.append("out: %d" % b)
            if W is not None:
                parts.append("weights: " + rows(W))
            if bias is False:
                parts.append("bias: false")
            elif isinstance(bias, list):
                parts.append("bias: " + row(bias))
            out.append(pad + "  - dense: {" + ", ".join(parts) + "}")
        else:
            _, name, param = L
            out.append(pad + "  - " + (name if param is None else "%s(%s)" % (name, num(param))))
    kind, scale, reduction = model["loss"]
    options = []
    if scale != 1.0:
        options.append("scale: " + num(scale))
    if reduction == "sum" and kind != "sse":
        options.append("reduction: sum")
    out.append(pad + "loss: " + (kind if not options else "{%s: {%s}}" % (kind, ", ".join(options))))
    if model["reg"]:
        out.append(pad + "regularizer: {%s: %s}" % (model["reg"][0], num(model["reg"][1])))
    if model["init"]:
        out.append(pad + "init: " + model["init"])
    return out


def random_targets(rng, model, n):
    kind = model["loss"][0]
    k = model["n_out"]
    if kind in ("mse", "sse"):
        return rng.normal(0, 1, size=(n, k))
    if kind in ("bce", "bce-logits"):
        if rng.random() < 0.5:
            return rng.integers(0, 2, size=(n, k)).astype(float)
        return rng.uniform(0, 1, size=(n, k))
    if kind in ("hinge", "squared-hinge"):
        if rng.random() < 0.3:
            return rng.integers(0, 2, size=(n, k)).astype(float)
        return rng.choice([-1.0, 1.0], size=(n, k))
    # cross-entropy: class indices (n×1), one-hot rows or probability rows
    r = rng.random()
    if r < 0.6:
        return rng.integers(0, k, size=(n, 1)).astype(float)
    if r < 0.8:
        return np.eye(k)[rng.integers(0, k, size=n)]
    p = rng.uniform(0, 1, size=(n, k))
    return p / p.sum(axis=1, keepdims=True)


def targets_yaml(model, T):
    if model["loss"][0] == "cross-entropy" and T.shape[1] == 1:
        if T.shape[0] == 1:
            return "%d" % int(T[0, 0])
        return "[" + ", ".join("%d" % int(t) for t in T[:, 0]) + "]"
    return rows(T)


def activation(name, param, h, alpha=None):
    if name == "sigmoid":
        return torch.sigmoid(h)
    if name == "tanh":
        return torch.tanh(h)
    if name == "relu":
        return F.relu(h)
    if name == "leaky-relu":
        return F.leaky_relu(h, param)
    if name == "prelu":
        return F.prelu(h, alpha)
    if name == "elu":
        return F.elu(h, param)
    if name == "gelu":
        return F.gelu(h)
    if name == "softplus":
        return F.softplus(h)
    if name == "identity":
        return h * 1.0
    if name == "softmax":
        return torch.softmax(h, dim=1)
    raise ValueError(name)


KINK_ACTIVATIONS = ("relu", "leaky-relu", "prelu")


def forward_backward(model, X, T, weights=None):
    """The step block's result paths computed by torch autograd in float64.

    `weights` overrides the model's weights (name -> array), e.g. weights read
    back from gradbook for a random init. Returns (results dict, params dict).
    """
    kind, scale, reduction = model["loss"]
    x = torch.tensor(X, dtype=torch.float64, requires_grad=True)
    h = x
    stages = []
    params = []
    k = 0
    j = 0
    kinks = 0
    layers = model["layers"]
    fused = kind == "cross-entropy" and layers[-1][0] == "act" and layers[-1][1] == "softmax"
    logits = None
    for i, L in enumerate(layers):
        if L[0] == "dense":
            k += 1
            _, a, b, W, bias = L
            Wv = weights["W%d" % k] if weights is not None else W
            Wt = torch.tensor(np.array(Wv, dtype=float), dtype=torch.float64, requires_grad=True)
            params.append(("W%d" % k, Wt))
            z = h @ Wt.T
            if bias is not False:
                if weights is not None:
                    bv = weights["b%d" % k]
                elif isinstance(bias, list):
                    bv = bias
                else:
                    bv = [0.0] * b
                bt = torch.tensor(np.array(bv, dtype=float).reshape(1, -1), dtype=torch.float64, requires_grad=True)
                params.append(("b%d" % k, bt))
                z = z + bt
            z.retain_grad()
            stages.append({"k": k, "z": z, "a": None})
            h = z
        else:
            _, name, param = L
            if not stages:
                stages.append({"k": 0, "z": x, "a": None})
            alpha = None
            if name == "prelu":
                j += 1
                av = weights["alpha%d" % j] if weights is not None else param
                alpha = torch.tensor([float(av)], dtype=torch.float64, requires_grad=True)
                params.append(("alpha%d" % j, alpha))
            if name in KINK_ACTIVATIONS or (name == "elu" and param != 1):
                kinks += int((h == 0).sum())
            if fused and i == len(layers) - 1:
                logits = h
            a = activation(name, param, h, alpha)
            a.retain_grad()
            stages[-1]["a"] = a
            h = a
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
            margin = label * y
            kinks += int((margin == 1).sum())
            gap = torch.clamp(1 - margin, min=0)
            total = gap.sum() if kind == "hinge" else (gap * gap).sum()
        data = total * scale / d
    reg = torch.zeros((), dtype=torch.float64)
    if model["reg"]:
        rk, lam = model["reg"]
        for name, p in params:
            if name.startswith("W"):
                if rk == "l2":
                    reg = reg + lam / 2 * (p * p).sum()
                else:
                    reg = reg + lam * p.abs().sum()
                    kinks += int((p == 0).sum())
    loss = data + reg
    loss.backward()
    res = {"loss": loss.item(), "output": y.detach().numpy()}
    for s in stages:
        res["forward.z%d" % s["k"]] = s["z"].detach().numpy()
        if s["a"] is not None:
            res["forward.a%d" % s["k"]] = s["a"].detach().numpy()
    for s in stages:
        if s["k"] == 0:
            res["backward.dz0"] = x.grad.numpy()
        else:
            res["backward.dz%d" % s["k"]] = s["z"].grad.numpy()
        if s["a"] is not None:
            g = s["a"].grad
            if g is None:  # the fused softmax: ∂L/∂p of −(scale/D)·Σ t·ln p
                p = s["a"].detach().clone().requires_grad_(True)
                t = Tt if Tt.shape[1] > 1 else F.one_hot(Tt[:, 0].long(), p.shape[1]).double()
                factor = scale / (n if reduction == "mean" else 1)
                lp = torch.where(t != 0, torch.log(p), torch.zeros_like(p))
                (-(t * lp).sum() * factor).backward()
                g = p.grad
            res["backward.da%d" % s["k"]] = g.numpy()
    for name, p in params:
        res["grad." + name] = p.grad.numpy()
    res["grad.x"] = x.grad.numpy()
    res["kinks"] = float(kinks)
    values = {name: p.detach().numpy() for name, p in params}
    grads = {name: p.grad.numpy() for name, p in params}
    return res, values, grads
