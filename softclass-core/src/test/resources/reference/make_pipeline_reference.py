#!/usr/bin/python3
"""Makes sklearn_pipeline.json: scikit-learn's output for Softclass's preprocessing pipeline.

Run with Debian's python3 (python3-sklearn), from anywhere:

    /usr/bin/python3 softclass-core/src/test/resources/reference/make_pipeline_reference.py

For a small table with numeric columns (with missing cells and an outlier), a string column (with a
missing cell) and a constant column, and for every imputation x scaling pair, it writes what
scikit-learn makes of the training table and of a test table (with an unknown category and missing
cells). Each raw column gets its own transformer in a ColumnTransformer, so the output columns come
in Softclass's order (raw column order; one-hot categories sorted; the missing indicator after its
column's values):

- numeric: scaler (statistics on the observed values, as Softclass), then SimpleImputer(strategy,
  add_indicator=True) on the scaled values. For 'constant' Softclass fills the raw value 0 before
  scaling, so the imputer's fill_value is that 0 scaled by the fitted scaler.
- string: SimpleImputer(most_frequent, or constant 'missing_value') + OneHotEncoder(
  handle_unknown='ignore'), and a MissingIndicator beside it.
- constant column: dropped (Softclass --drop-constant).
Deterministic.
"""
import csv
import io
import json
import os

import numpy as np
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.impute import MissingIndicator, SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import (FunctionTransformer, MaxAbsScaler, MinMaxScaler,
                                   OneHotEncoder, RobustScaler, StandardScaler)

TRAIN_CSV = """label,height,colour,weight,const
a,1.5,red,70,3
b,,blue,82.5,3
a,2.25,red,,3
b,1.75,green,64,3
a,3,,91,3
b,1.5,blue,300,3
a,2,red,77,3
b,,green,70,3
a,2.5,blue,68,3
b,1.25,red,85,3
"""

TEST_CSV = """label,height,colour,weight,const
a,2,purple,75,3
b,,red,,3
a,1,,100,4
"""

NUMERIC = ["height", "weight"]
STRING = ["colour"]
DROP = ["const"]
IMPUTES = ["mean", "median", "most_frequent", "constant"]
SCALES = ["standard", "minmax", "maxabs", "robust", "none"]
SCALERS = {
    "standard": StandardScaler,
    "minmax": MinMaxScaler,
    "maxabs": MaxAbsScaler,
    "robust": RobustScaler,
    "none": lambda: FunctionTransformer(),
}


def table(text):
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    cols = {}
    for j, name in enumerate(header):
        if name in NUMERIC or name in DROP:
            cols[name] = np.array([[float(r[j]) if r[j] else np.nan] for r in body])
        elif name in STRING:
            cols[name] = np.array([[r[j] if r[j] else np.nan] for r in body], dtype=object)
    return cols


def numeric_output(train_col, test_col, impute, scale):
    scaler = SCALERS[scale]().fit(train_col)
    tr, te = scaler.transform(train_col), scaler.transform(test_col)
    if impute == "constant":
        fill = float(scaler.transform(np.array([[0.0]]))[0, 0])
        imputer = SimpleImputer(strategy="constant", fill_value=fill, add_indicator=True)
    else:
        imputer = SimpleImputer(strategy=impute, add_indicator=True)
    imputer.fit(tr)
    return imputer.transform(tr), imputer.transform(te)


def string_output(train_col, test_col, impute):
    if impute == "constant":
        imputer = SimpleImputer(strategy="constant", fill_value="missing_value")
    else:
        imputer = SimpleImputer(strategy="most_frequent")
    encoder = Pipeline([("impute", imputer),
                        ("onehot", OneHotEncoder(handle_unknown="ignore", sparse_output=False))])
    indicator = MissingIndicator(features="missing-only")
    encoder.fit(train_col)
    indicator.fit(train_col)
    out = []
    for col in (train_col, test_col):
        out.append(np.hstack([encoder.transform(col), indicator.transform(col).astype(float)]))
    return out


def main():
    train, test = table(TRAIN_CSV), table(TEST_CSV)
    order = ["height", "colour", "weight", "const"]
    cases = []
    for impute in IMPUTES:
        for scale in SCALES:
            tr_parts, te_parts = [], []
            for name in order:
                if name in NUMERIC:
                    a, b = numeric_output(train[name], test[name], impute, scale)
                elif name in STRING:
                    a, b = string_output(train[name], test[name], impute)
                else:
                    continue
                tr_parts.append(a)
                te_parts.append(b)
            cases.append({
                "impute": impute,
                "scale": scale,
                "train": np.round(np.hstack(tr_parts), 10).tolist(),
                "test": np.round(np.hstack(te_parts), 10).tolist(),
            })
    out = {
        "made_by": "softclass-core/src/test/resources/reference/make_pipeline_reference.py",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "train_csv": TRAIN_CSV,
        "test_csv": TEST_CSV,
        "settings": {"missing_indicator": True, "drop_constant": True, "fill_value": 0,
                     "fill_category": "missing_value"},
        "cases": cases,
    }
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "sklearn_pipeline.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
