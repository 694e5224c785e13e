"""
How far can a linear bag-of-n-gram model go on UCI Sentiment Labelled Sentences (issue 16, point 5:
accuracy mark 0.909)? Trained on UCI's train split only (CC BY 4.0; ../shared/eval/public), 5-fold
stratified CV on it over 90 settings; each setting's test-split accuracy is printed too, as an upper
bound (never used to choose anything shipped). Then the learning curve of the best setting by CV.
Evidence for docs/analysis.md (round four), outside the TypeScript build:
  pip install scikit-learn && python3 bench/uci-linear-ceiling.py      (run from the repository root)
"""
import warnings; warnings.filterwarnings('ignore')
import csv, json, os, re, subprocess, itertools
import numpy as np
from scipy.sparse import hstack, csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer, CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC
from sklearn.model_selection import StratifiedKFold

EVAL = os.environ.get('OTKLIK_EVAL_DIR', os.path.join('..', 'shared', 'eval'))
rows = list(csv.DictReader(open(os.path.join(EVAL, 'public', 'en_uci_amazon_yelp.csv'), encoding='utf-8')))
tr = [r for r in rows if r['split'] == 'train']; te = [r for r in rows if r['split'] == 'test']
Xtr = [r['text'] for r in tr]; ytr = np.array([r['label'] == 'positive' for r in tr], int)
Xte = [r['text'] for r in te]; yte = np.array([r['label'] == 'positive' for r in te], int)
# AFINN-165 as wink-sentiment ships it (the lexicon src/analysis/lexicon/sentiment-lexicon.ts falls back to)
afinn = json.loads(subprocess.check_output(['node', '-e', "process.stdout.write(JSON.stringify(require('wink-sentiment/src/afinn-en-165.js')))"]))
NEG = {"not", "no", "never", "nothing", "nor", "neither", "without", "hardly"}
def tok(s): return re.findall(r"[a-z']+|[!?]", s.lower())
def mark_neg(s):
    out, left = [], 0
    for w in tok(s):
        if w in '!?': left = 0; out.append(w); continue
        out.append(w + '_NEG' if left else w)
        if w in NEG or w.endswith("n't"): left = 3
        elif left: left -= 1
    return ' '.join(out)
def lex(texts):
    f = []
    for s in texts:
        pos = neg = 0.0; left = 0
        for w in tok(s):
            v = afinn.get(w, 0)
            if left and v: v = -v * 0.5; left = 0
            if w in NEG or w.endswith("n't"): left = 3
            elif left: left -= 1
            if v > 0: pos += v
            else: neg -= v
        f.append([np.tanh((pos - neg) / 3), min(pos, 9) / 3, min(neg, 9) / 3, pos > 0, neg > 0])
    return csr_matrix(np.array(f, float))

def nbsvm_ratio(X, y, a=1.0):
    p = a + X[y == 1].sum(0); q = a + X[y == 0].sum(0)
    return np.asarray(np.log((p / p.sum()) / (q / q.sum()))).ravel()

def features(cfg, Xa, ya, Xb):
    pa = [mark_neg(s) if cfg['neg'] else s for s in Xa]; pb = [mark_neg(s) if cfg['neg'] else s for s in Xb]
    mats_a, mats_b = [], []
    binary = cfg['binary']
    wv = (CountVectorizer(ngram_range=cfg['word'], binary=True, token_pattern=r"[a-z_']+|[!?]") if binary
          else TfidfVectorizer(ngram_range=cfg['word'], sublinear_tf=True, token_pattern=r"[a-z_']+|[!?]"))
    mats_a.append(wv.fit_transform(pa)); mats_b.append(wv.transform(pb))
    if cfg['char']:
        cv = (CountVectorizer(analyzer='char_wb', ngram_range=cfg['char'], binary=True) if binary
              else TfidfVectorizer(analyzer='char_wb', ngram_range=cfg['char'], sublinear_tf=True))
        mats_a.append(cv.fit_transform(Xa)); mats_b.append(cv.transform(Xb))
    A = hstack(mats_a).tocsr(); B = hstack(mats_b).tocsr()
    if binary:
        r = nbsvm_ratio(A, ya); A = A.multiply(r).tocsr(); B = B.multiply(r).tocsr()
    if cfg['lex']:
        A = hstack([A, lex(Xa)]).tocsr(); B = hstack([B, lex(Xb)]).tocsr()
    return A, B

CLFS = [('lr', C) for C in (3, 10, 30)] + [('svm', C) for C in (0.1, 0.3)]
def classify(kind, C, A, ya, B):
    m = LogisticRegression(C=C, solver='liblinear', max_iter=1000) if kind == 'lr' else LinearSVC(C=C, max_iter=2000)
    m.fit(A, ya); return m.predict(B)

skf = StratifiedKFold(5, shuffle=True, random_state=7)
folds = list(skf.split(Xtr, ytr))
res = []
for neg, word, char, use_lex, binary in [(True,)+c for c in itertools.product([(1, 2), (1, 3)], [None, (2, 5)], [True, False], [True, False])] + [(False, (1, 2), None, False, False), (False, (1, 3), (2, 5), False, True)]:
    base = dict(neg=neg, word=word, char=char, lex=use_lex, binary=binary)
    fold_feats = [features(base, [Xtr[i] for i in a], ytr[a], [Xtr[i] for i in b]) for a, b in folds]
    A, B = features(base, Xtr, ytr, Xte)
    for kind, C in CLFS:
        pred = np.zeros(len(ytr), int)
        for (a, b), (Fa, Fb) in zip(folds, fold_feats): pred[b] = classify(kind, C, Fa, ytr[a], Fb)
        cv = (pred == ytr).mean(); test = (classify(kind, C, A, ytr, B) == yte).mean()
        res.append((cv, test, dict(base, clf=kind, C=C)))
    for r in res[-len(CLFS):]: print('cv %.4f test %.4f %s' % (r[0], r[1], r[2]), flush=True)
res.sort(key=lambda r: -r[0])
print('settings', len(res), 'train', len(ytr), 'test', len(yte))
for cv, test, cfg in res[:10]: print(f'cv {cv:.4f} test {test:.4f}', cfg)
print('best by CV: cv %.4f test %.4f' % res[0][:2])
print('max CV over all settings %.4f; max test over all settings %.4f' % (max(r[0] for r in res), max(r[1] for r in res)))
print('share of settings with test >= 0.909: %d' % sum(r[1] >= 0.909 for r in res))

cfg = res[0][2]
print('learning curve of the best setting by CV:', cfg)
for frac in (0.25, 0.5, 0.75, 1.0):
    accs = []
    for seed in (1, 2, 3):
        rng = np.random.default_rng(seed); pred = np.zeros(len(ytr), int)
        for a, b in folds:
            a = rng.permutation(a)[: int(len(a) * frac)]
            A, B = features(cfg, [Xtr[i] for i in a], ytr[a], [Xtr[i] for i in b])
            m = LogisticRegression(C=cfg['C'], solver='liblinear') if cfg['clf'] == 'lr' else LinearSVC(C=cfg['C'], max_iter=2000)
            m.fit(A, ytr[a]); pred[b] = m.predict(B)
        accs.append((pred == ytr).mean())
    print('train rows %4d (%.0f%% of each fold)  held-out accuracy %.4f' % (int(len(ytr) * 0.8 * frac), frac * 100, np.mean(accs)), flush=True)
