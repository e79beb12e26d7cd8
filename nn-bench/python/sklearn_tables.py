#!/usr/bin/env python3
"""The scikit-learn side of ffnn's real-table comparison.

For each public data set under DIR (default: nn-examples/src/test/resources/io/ffnn/examples/tables),
a fixed held-out split lies in NAME/train.csv and NAME/test.csv, as published, strings and
missing values ("NA") included. This script fits scikit-learn's recommended pipeline on train.csv
and scores it on test.csv:

    numeric columns:     SimpleImputer(strategy="median")        -> StandardScaler()
    string columns:      SimpleImputer(strategy="most_frequent") -> OneHotEncoder(handle_unknown="ignore")
    then                 MLPClassifier / MLPRegressor(hidden_layer_sizes=(64, 64)), defaults otherwise

over the seeds 0..4 (random_state), and prints each data set's accuracy (classification) or R²
(regression): every seed's and the median, which ffnn's test compares with (sklearn.json).

    python3 nn-bench/python/sklearn_tables.py                 # scores, as JSON, on stdout
    python3 nn-bench/python/sklearn_tables.py --write         # ... also into DIR/sklearn.json
    python3 nn-bench/python/sklearn_tables.py --make          # remake the splits from the sources

--make needs R with the packages palmerpenguins and mlbench (Rscript) for the two R data sets,
and writes the splits with train_test_split(test_size=0.25, random_state=0), stratified for
classification. The sources and their licences are in DIR/README.md.

Needs: apt-get install -y python3-sklearn python3-pandas (or python3 -m pip install scikit-learn
pandas); --make also r-cran-palmerpenguins r-cran-mlbench.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import warnings

import pandas as pd

# name -> (label column, task); what ffnn's test runs with --label-column / --target-columns
TABLES = {
    "penguins": ("species", "classification"),
    "house-votes-84": ("Class", "classification"),
    "wine": ("cultivar", "classification"),
    "breast-cancer": ("diagnosis", "classification"),
    "diabetes": ("progression", "regression"),
}

SEEDS = range(5)

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, "..", "..", "nn-examples", "src", "test", "resources", "io",
                           "ffnn", "examples", "tables")


def read(path):
    # keep_default_na=False + na_values: the missing-value spellings ffnn reads by default, and
    # no others (pandas would also take "None", "n/a", "#N/A", ...)
    return pd.read_csv(path, keep_default_na=False,
                       na_values=["", "NA", "N/A", "NaN", "nan", "NULL", "null", "?"])


def pipeline(frame, label, task, seed):
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.neural_network import MLPClassifier, MLPRegressor
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    features = frame.drop(columns=[label])
    numeric = [c for c in features.columns if pd.api.types.is_numeric_dtype(features[c])]
    strings = [c for c in features.columns if c not in numeric]
    parts = []
    if numeric:
        parts.append(("num", Pipeline([("impute", SimpleImputer(strategy="median")),
                                       ("scale", StandardScaler())]), numeric))
    if strings:
        parts.append(("cat", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                                       ("onehot", OneHotEncoder(handle_unknown="ignore"))]),
                      strings))
    model = (MLPClassifier if task == "classification" else MLPRegressor)(
        hidden_layer_sizes=(64, 64), random_state=seed)
    return Pipeline([("columns", ColumnTransformer(parts)), ("mlp", model)])


def scores(directory):
    from sklearn.metrics import accuracy_score, r2_score

    out = {}
    for name, (label, task) in TABLES.items():
        train = read(os.path.join(directory, name, "train.csv"))
        test = read(os.path.join(directory, name, "test.csv"))
        each = []
        for seed in SEEDS:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # ConvergenceWarning at max_iter=200
                p = pipeline(train, label, task, seed).fit(train.drop(columns=[label]),
                                                           train[label])
            predicted = p.predict(test.drop(columns=[label]))
            score = (accuracy_score if task == "classification" else r2_score)(test[label],
                                                                               predicted)
            each.append(round(float(score), 4))
        metric = "accuracy" if task == "classification" else "r2"
        out[name] = {"label": label, "metric": metric, "median": statistics.median(each),
                     "seeds": each, "train_rows": len(train), "test_rows": len(test)}
    return out


def rscript(expression, path):
    subprocess.run(["Rscript", "-e", expression.replace("OUT", path)], check=True)


def make(directory):
    from sklearn.datasets import load_breast_cancer, load_diabetes, load_wine
    from sklearn.model_selection import train_test_split

    os.makedirs(directory, exist_ok=True)
    raw = os.path.join(directory, "raw.csv")
    frames = {}
    rscript('library(palmerpenguins); write.csv(penguins, "OUT", row.names = FALSE)', raw)
    frames["penguins"] = read(raw)
    rscript('library(mlbench); data(HouseVotes84); '
            'write.csv(HouseVotes84, "OUT", row.names = FALSE)', raw)
    frames["house-votes-84"] = read(raw)
    os.remove(raw)
    wine = load_wine(as_frame=True)
    frames["wine"] = wine.data.assign(
        cultivar=[wine.target_names[t] for t in wine.target])
    cancer = load_breast_cancer(as_frame=True)
    frames["breast-cancer"] = cancer.data.assign(
        diagnosis=[cancer.target_names[t] for t in cancer.target])
    diabetes = load_diabetes(as_frame=True, scaled=False)
    frames["diabetes"] = diabetes.data.assign(progression=diabetes.target)
    for name, (label, task) in TABLES.items():
        frame = frames[name]
        train, test = train_test_split(
            frame, test_size=0.25, random_state=0,
            stratify=frame[label] if task == "classification" else None)
        os.makedirs(os.path.join(directory, name), exist_ok=True)
        for part, rows in (("train", train), ("test", test)):
            rows.to_csv(os.path.join(directory, name, part + ".csv"), index=False, na_rep="NA",
                        float_format="%.6g")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", default=DEFAULT_DIR, help="where the tables lie")
    parser.add_argument("--make", action="store_true", help="remake the splits from the sources")
    parser.add_argument("--write", action="store_true", help="also write DIR/sklearn.json")
    args = parser.parse_args()
    if args.make:
        make(args.dir)
    result = scores(args.dir)
    text = json.dumps(result, indent=2)
    print(text)
    if args.write:
        with open(os.path.join(args.dir, "sklearn.json"), "w") as f:
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
