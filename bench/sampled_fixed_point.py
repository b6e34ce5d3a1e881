#!/usr/bin/env python3
"""Where does sampled softmax converge, for one context with label distribution P?

Solves for the logits at which the expected sampled-softmax gradient vanishes (gradient descent on
the mean gradient over a fixed set of R draws of m classes, and the exact mean over labels y ~ P),
then reports KL(P || softmax(logits)) and the total-variation distance. The full softmax's fixed
point is P itself (KL 0). Estimators (draws with replacement from Q, draws of the label removed):
  ours_wr: the label's logit uncorrected, each drawn logit minus log(m Q)
  tf_wr:   every candidate minus log(m Q), the label's too (TensorFlow's subtract_log_q)
  none:    no correction
Used for bench/RESULTS-issue7d.md (item 1).    python3 bench/sampled_fixed_point.py   (~1 min)
"""
import numpy as np

rng = np.random.default_rng(1)


def study(K, m, sharpness, sampler, R=600, steps=1500):
    P = np.exp(sharpness * rng.normal(size=K))
    P /= P.sum()
    if sampler == "uniform":
        Q = np.ones(K) / K
    else:  # unigram^0.5 of the class frequency
        Q = np.sqrt(P * 1000 + 1)
        Q /= Q.sum()
    draws = rng.choice(K, size=(R, m), p=Q)
    result = {}
    for scheme in ["ours_wr", "tf_wr", "none"]:
        o = np.zeros(K)
        for _ in range(steps):
            g = np.zeros(K)
            for y in range(K):
                corr = np.zeros(draws.shape) if scheme == "none" else np.log(m * Q[draws])
                zy = o[y] - (np.log(m * Q[y]) if scheme == "tf_wr" else 0)
                zs = np.where(draws != y, o[draws] - corr, -np.inf)
                z = np.concatenate([np.full((R, 1), zy), zs], axis=1)
                e = np.exp(z - z.max(1, keepdims=True))
                p = e / e.sum(1, keepdims=True)
                gy = np.zeros(K)
                gy[y] += p[:, 0].mean() - 1
                np.add.at(gy, draws.ravel(), p[:, 1:].ravel() / R)
                g += P[y] * gy
            o -= 2.0 * g
        s = np.exp(o - o.max())
        s /= s.sum()
        result[scheme] = "KL %.4f TV %.3f" % (np.sum(P * np.log(P / s)), 0.5 * np.abs(P - s).sum())
    return result


for K, m, sharpness, sampler in [
    (12, 6, 1.0, "uniform"),
    (40, 4, 1.0, "uniform"),
    (40, 4, 2.5, "uniform"),
    (40, 4, 1.0, "unigram"),
]:
    print(K, m, sharpness, sampler, study(K, m, sharpness, sampler), flush=True)
