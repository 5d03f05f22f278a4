/*
** html_mathml.c
** MathML (<math>) into TeX for a Math node, written the way pandoc's
** texmath writes it (x = 2, a_{i}, \frac{a}{b}, \sum\limits_{i = 1}^{n}),
** so -f html gives the same Math as pandoc on the common cases.  The
** reader hands the elements over as SAX gives them; a small tree is kept
** until </math>, then written out and freed.
** See LICENSE.
*/
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readers/html.h"

struct mnode {
    char name[16];             /* lower case, without a namespace prefix */
    char variant[24];          /* mathvariant */
    char extra[24];            /* width (mspace), open (mfenced), display */
    char close[8], seps[8];    /* mfenced */
    struct sz_buf text;
    struct mnode *first, *last, *next, *parent;
};

struct sz_mml {
    struct mnode root;
    struct mnode *cur;
    size_t depth;
};

struct sz_mml *
sz_mml_new(void)
{
    struct sz_mml *m = sz_xmalloc(sizeof *m);
    memset(m, 0, sizeof *m);
    m->cur = &m->root;
    return m;
}

static void
free_kids(struct mnode *n)
{
    struct mnode *c = n->first;
    while (c) {
        struct mnode *nx = c->next;
        free_kids(c);
        sz_buf_free(&c->text);
        free(c);
        c = nx;
    }
}

void
sz_mml_free(struct sz_mml *m)
{
    if (!m)
        return;
    free_kids(&m->root);
    sz_buf_free(&m->root.text);
    free(m);
}

static void
copy_att(char *dst, size_t cap, const char **a, const char *name)
{
    for (size_t i = 0; a && a[i]; i += 2)
        if (!strcasecmp(a[i], name) && a[i + 1]) {
            size_t n = strlen(a[i + 1]);
            if (n >= cap)
                n = cap - 1;
            memcpy(dst, a[i + 1], n);
            dst[n] = '\0';
            return;
        }
}

int
sz_mml_open(struct sz_mml *m, const char *lname, const char **a)
{
    if (m->depth >= SZ_MAX_DEPTH)
        return -1;
    struct mnode *n = sz_xmalloc(sizeof *n);
    memset(n, 0, sizeof *n);
    size_t k = strlen(lname);
    if (k >= sizeof n->name)
        k = sizeof n->name - 1;
    memcpy(n->name, lname, k);
    copy_att(n->variant, sizeof n->variant, a, "mathvariant");
    copy_att(n->extra, sizeof n->extra, a, !strcmp(n->name, "mfenced") ? "open" : "width");
    if (!strcmp(n->name, "mfenced")) {
        strcpy(n->extra, "(");
        strcpy(n->close, ")");
        strcpy(n->seps, ",");
        copy_att(n->extra, sizeof n->extra, a, "open");
        copy_att(n->close, sizeof n->close, a, "close");
        copy_att(n->seps, sizeof n->seps, a, "separators");
    }
    n->parent = m->cur;
    if (m->cur->last)
        m->cur->last->next = n;
    else
        m->cur->first = n;
    m->cur->last = n;
    m->cur = n;
    m->depth++;
    return 0;
}

/* Returns 1 when the element closed was <math> itself. */
int
sz_mml_close(struct sz_mml *m)
{
    if (!m->depth)
        return 1;
    m->cur = m->cur->parent;
    m->depth--;
    return 0;
}

void
sz_mml_text(struct sz_mml *m, const char *s, size_t n)
{
    /* a formula's text is a few symbols; a hostile one must not grow */
    if (m->cur->text.len + n < SZ_HTML_MAX_META)
        sz_buf_put(&m->cur->text, s, n);
}

/* {=================================================================
** Writing TeX
** ================================================================== */

/* Unicode symbols and their TeX names. */
static const struct { const char *u, *tex; } symbols[] = {
    { "α", "\\alpha" },   { "β", "\\beta" },     { "γ", "\\gamma" },   { "δ", "\\delta" },
    { "ε", "\\varepsilon" }, { "ϵ", "\\epsilon" }, { "ζ", "\\zeta" },  { "η", "\\eta" },
    { "θ", "\\theta" },   { "ϑ", "\\vartheta" }, { "ι", "\\iota" },    { "κ", "\\kappa" },
    { "λ", "\\lambda" },  { "μ", "\\mu" },       { "ν", "\\nu" },      { "ξ", "\\xi" },
    { "π", "\\pi" },      { "ρ", "\\rho" },      { "σ", "\\sigma" },   { "ς", "\\varsigma" },
    { "τ", "\\tau" },     { "υ", "\\upsilon" },  { "φ", "\\varphi" },  { "ϕ", "\\phi" },
    { "χ", "\\chi" },     { "ψ", "\\psi" },      { "ω", "\\omega" },   { "Γ", "\\Gamma" },
    { "Δ", "\\Delta" },   { "Θ", "\\Theta" },    { "Λ", "\\Lambda" },  { "Ξ", "\\Xi" },
    { "Π", "\\Pi" },      { "Σ", "\\Sigma" },    { "Υ", "\\Upsilon" }, { "Φ", "\\Phi" },
    { "Ψ", "\\Psi" },     { "Ω", "\\Omega" },    { "∞", "\\infty" },   { "∑", "\\sum" },
    { "∏", "\\prod" },    { "∫", "\\int" },      { "∮", "\\oint" },    { "∂", "\\partial" },
    { "∇", "\\nabla" },   { "≤", "\\leq" },      { "≥", "\\geq" },     { "≠", "\\neq" },
    { "≈", "\\approx" },  { "≡", "\\equiv" },    { "∈", "\\in" },      { "∉", "\\notin" },
    { "⊂", "\\subset" },  { "⊆", "\\subseteq" }, { "⊃", "\\supset" },  { "⊇", "\\supseteq" },
    { "∪", "\\cup" },     { "∩", "\\cap" },      { "×", "\\times" },   { "·", "\\cdot" },
    { "⋅", "\\cdot" },    { "±", "\\pm" },       { "∓", "\\mp" },      { "÷", "\\div" },
    { "→", "\\rightarrow" }, { "←", "\\leftarrow" }, { "⇒", "\\Rightarrow" },
    { "⇐", "\\Leftarrow" }, { "↔", "\\leftrightarrow" }, { "⇔", "\\Leftrightarrow" },
    { "↦", "\\mapsto" },  { "∀", "\\forall" },   { "∃", "\\exists" },  { "¬", "\\neg" },
    { "∧", "\\land" },    { "∨", "\\lor" },      { "∅", "\\varnothing" }, { "…", "\\ldots" },
    { "⋯", "\\cdots" },   { "∘", "\\circ" },     { "∝", "\\propto" },  { "∼", "\\sim" },
    { "≪", "\\ll" },      { "≫", "\\gg" },       { "⊥", "\\bot" },     { "∥", "\\parallel" },
    { "ℓ", "\\ell" },     { "ℏ", "\\hbar" },     { "′", "'" },         { "−", "-" },
    { "ℝ", "{\\mathbb{R}}" }, { "ℕ", "{\\mathbb{N}}" }, { "ℤ", "{\\mathbb{Z}}" },
    { "ℚ", "{\\mathbb{Q}}" }, { "ℂ", "{\\mathbb{C}}" }, { "√", "\\surd" },
};

/* Operators written with a space on each side when they stand between two
** operands, as texmath writes relations and binary operators. */
static const char *const infix[] = { "=", "+", "-", "<", ">", "\\leq", "\\geq", "\\neq",
                                     "\\approx", "\\equiv", "\\in", "\\notin", "\\subset",
                                     "\\subseteq", "\\supset", "\\supseteq", "\\cup",
                                     "\\cap", "\\times", "\\cdot", "\\pm", "\\mp", "\\div",
                                     "\\land", "\\lor", "\\sim", "\\propto", "\\ll", "\\gg",
                                     "\\circ", NULL };

static const char *const functions[] = { "sin", "cos", "tan", "cot", "sec", "csc", "log",
                                         "ln", "exp", "lim", "max", "min", "sup", "inf",
                                         "det", "dim", "gcd", "arg", "deg", "ker", "sinh",
                                         "cosh", "tanh", "arcsin", "arccos", "arctan",
                                         "Pr", "hom", "liminf", "limsup", NULL };

static int
one_of(const char *s, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (!strcmp(s, list[i]))
            return 1;
    return 0;
}

/* A command followed by a letter needs a space between them. */
static void
put(struct sz_buf *o, const char *s)
{
    if (!*s)
        return;
    if (o->len && ((unsigned char)*s >= 0x80 || (*s >= 'a' && *s <= 'z') ||
                   (*s >= 'A' && *s <= 'Z'))) {
        /* is the end of o a command name (\alpha)? */
        size_t k = o->len;
        while (k && ((o->data[k - 1] >= 'a' && o->data[k - 1] <= 'z') ||
                     (o->data[k - 1] >= 'A' && o->data[k - 1] <= 'Z')))
            k--;
        if (k < o->len && k && o->data[k - 1] == '\\')
            sz_buf_putc(o, ' ');
    }
    sz_buf_puts(o, s);
}

/* Text of a token (mi, mn, mo, mtext) trimmed, its symbols as TeX. */
static void
tex_text(const struct sz_buf *t, struct sz_buf *o, int in_text)
{
    const char *s = t->data ? t->data : "";
    size_t n = t->len;
    while (n && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            char e[3] = { 0 };
            if (strchr("{}%#&_$", c)) {
                e[0] = '\\';
                e[1] = (char)c;
            } else if (c == '\\') {
                put(o, in_text ? "\\textbackslash{}" : "\\backslash");
                i++;
                continue;
            } else {
                e[0] = (char)c;
            }
            put(o, e);
            i++;
            continue;
        }
        size_t l = 1;
        while (i + l < n && ((unsigned char)s[i + l] & 0xC0) == 0x80)
            l++;
        const char *tex = NULL;
        for (size_t k = 0; !in_text && k < sizeof symbols / sizeof symbols[0]; k++)
            if (strlen(symbols[k].u) == l && !memcmp(symbols[k].u, s + i, l)) {
                tex = symbols[k].tex;
                break;
            }
        if (tex) {
            put(o, tex);
        } else {
            char u[8];
            memcpy(u, s + i, l < sizeof u ? l : sizeof u - 1);
            u[l < sizeof u ? l : sizeof u - 1] = '\0';
            put(o, u);
        }
        i += l;
    }
}

static void tex(const struct mnode *n, struct sz_buf *o, int depth);

/* The children of n one after the other; an operator between two operands
** gets its spaces. */
static void
row(const struct mnode *n, struct sz_buf *o, int depth)
{
    for (const struct mnode *c = n->first; c; c = c->next) {
        if (!strcmp(c->name, "mo")) {
            struct sz_buf t = SZ_BUF_INIT;
            tex_text(&c->text, &t, 0);
            const char *s = t.data ? t.data : "";
            if (one_of(s, infix) && c != n->first && c->next) {
                if (!o->len || o->data[o->len - 1] != ' ')
                    sz_buf_putc(o, ' ');
                sz_buf_puts(o, s);
                sz_buf_putc(o, ' ');
            } else {
                put(o, s);
            }
            sz_buf_free(&t);
            continue;
        }
        tex(c, o, depth + 1);
    }
}

/* An argument in braces: {x}. */
static void
group(const struct mnode *n, struct sz_buf *o, int depth)
{
    sz_buf_putc(o, '{');
    if (n)
        tex(n, o, depth + 1);
    sz_buf_putc(o, '}');
}

static const struct mnode *
nth(const struct mnode *n, int i)
{
    const struct mnode *c = n->first;
    while (c && i-- > 0)
        c = c->next;
    return c;
}

static const char *
variant_cmd(const char *v)
{
    static const struct { const char *v, *cmd; } t[] = {
        { "bold", "\\mathbf" },         { "italic", "\\mathit" },
        { "double-struck", "\\mathbb" }, { "script", "\\mathcal" },
        { "fraktur", "\\mathfrak" },    { "sans-serif", "\\mathsf" },
        { "monospace", "\\mathtt" },    { "normal", "\\mathrm" },
        { "bold-italic", "\\mathbf" },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (!strcmp(v, t[i].v))
            return t[i].cmd;
    return NULL;
}

static void
identifier(const struct mnode *n, struct sz_buf *o)
{
    struct sz_buf t = SZ_BUF_INIT;
    tex_text(&n->text, &t, 0);
    const char *s = t.data ? t.data : "";
    const char *cmd = *n->variant ? variant_cmd(n->variant) : NULL;
    size_t chars = 0;
    for (const char *p = s; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    if (one_of(s, functions)) {
        put(o, "\\");
        sz_buf_puts(o, s);
    } else if (cmd && !(n->variant[0] == 'n' && chars == 1 && !strcmp(n->name, "mn"))) {
        put(o, cmd);
        sz_buf_putc(o, '{');
        sz_buf_puts(o, s);
        sz_buf_putc(o, '}');
    } else if (chars > 1 && s[0] != '\\' && s[0] != '{' && strcmp(n->name, "mn")) {
        sz_buf_putc(o, '{');
        sz_buf_puts(o, s);
        sz_buf_putc(o, '}');
    } else {
        put(o, s);
    }
    sz_buf_free(&t);
}

/* Accents over a base: \hat{x}, \overline{x}. */
static const char *
accent(const struct mnode *mo)
{
    static const struct { const char *u, *cmd; } t[] = {
        { "^", "\\hat" },   { "\xcb\x86", "\\hat" },      { "\xc2\xaf", "\\overline" },
        { "\xe2\x80\xbe", "\\overline" },  { "_", "\\underline" },
        { "~", "\\tilde" }, { "\xcb\x9c", "\\tilde" },    { "\xe2\x86\x92", "\\vec" },
        { "\xe2\x83\x97", "\\vec" }, { "\xcb\x99", "\\dot" }, { "\xc2\xa8", "\\ddot" },
        { "\xcb\x87", "\\check" }, { "\xcb\x98", "\\breve" }, { "\xe2\x8f\x9e", "\\overbrace" },
        { "\xe2\x8f\x9f", "\\underbrace" },
    };
    if (!mo || strcmp(mo->name, "mo"))
        return NULL;
    const char *s = mo->text.data ? mo->text.data : "";
    while (*s == ' ')
        s++;
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (!strncmp(s, t[i].u, strlen(t[i].u)) && !s[strlen(t[i].u)])
            return t[i].cmd;
    return NULL;
}

/* Big operators take their limits under and over them. */
static int
big_operator(const struct mnode *b)
{
    if (!b || strcmp(b->name, "mo"))
        return 0;
    struct sz_buf t = SZ_BUF_INIT;
    tex_text(&b->text, &t, 0);
    static const char *const big[] = { "\\sum", "\\prod", "\\int", "\\oint", "\\cup", "\\cap",
                                       NULL };
    int r = t.data && one_of(t.data, big);
    sz_buf_free(&t);
    return r;
}

static void
scripts(const struct mnode *n, struct sz_buf *o, int depth, int under)
{
    const struct mnode *base = nth(n, 0), *a = nth(n, 1), *b = nth(n, 2);
    int lim = big_operator(base) || (base && !strcmp(base->name, "mi") && base->text.data &&
                                      one_of(base->text.data, functions));
    if (under && !lim) {
        /* munder / mover / munderover of anything else */
        const char *acc = !strcmp(n->name, "mover") ? accent(a)
                          : !strcmp(n->name, "munder") ? accent(a) : NULL;
        if (acc) {
            put(o, acc);
            group(base, o, depth);
            return;
        }
        if (!strcmp(n->name, "munderover")) {
            put(o, "\\overset");
            group(b, o, depth);
            sz_buf_putc(o, '{');
            put(o, "\\underset");
            group(a, o, depth);
            group(base, o, depth);
            sz_buf_putc(o, '}');
            return;
        }
        put(o, !strcmp(n->name, "mover") ? "\\overset" : "\\underset");
        group(a, o, depth);
        group(base, o, depth);
        return;
    }
    if (base)
        tex(base, o, depth + 1);
    if (under)
        sz_buf_puts(o, "\\limits");
    if (!strcmp(n->name, "msup") || !strcmp(n->name, "mover")) {
        sz_buf_putc(o, '^');
        group(a, o, depth);
        return;
    }
    sz_buf_putc(o, '_');
    group(a, o, depth);
    if (!strcmp(n->name, "msubsup") || !strcmp(n->name, "munderover")) {
        sz_buf_putc(o, '^');
        group(b, o, depth);
    }
}

static void
space(const struct mnode *n, struct sz_buf *o)
{
    double w = strtod(n->extra, NULL);
    if (strstr(n->extra, "em") == NULL)
        w = 0;
    const char *s = w >= 1.9 ? "\\qquad" : w >= 0.9 ? "\\quad" : w >= 0.27 ? "\\;" :
                    w >= 0.2 ? "\\:" : w > 0 ? "\\," : " ";
    put(o, s);
}

static void
tex(const struct mnode *n, struct sz_buf *o, int depth)
{
    if (depth > SZ_MAX_DEPTH)
        return;
    const char *e = n->name;
    if (!strcmp(e, "mi") || !strcmp(e, "mn") || !strcmp(e, "ms")) {
        identifier(n, o);
    } else if (!strcmp(e, "mo")) {
        struct sz_buf t = SZ_BUF_INIT;
        tex_text(&n->text, &t, 0);
        put(o, t.data ? t.data : "");
        sz_buf_free(&t);
    } else if (!strcmp(e, "mtext")) {
        put(o, "\\text{");
        tex_text(&n->text, o, 1);
        sz_buf_putc(o, '}');
    } else if (!strcmp(e, "mspace")) {
        space(n, o);
    } else if (!strcmp(e, "mfrac")) {
        put(o, "\\frac");
        group(nth(n, 0), o, depth);
        group(nth(n, 1), o, depth);
    } else if (!strcmp(e, "msqrt")) {
        put(o, "\\sqrt{");
        row(n, o, depth);
        sz_buf_putc(o, '}');
    } else if (!strcmp(e, "mroot")) {
        put(o, "\\sqrt[");
        if (nth(n, 1))
            tex(nth(n, 1), o, depth + 1);
        sz_buf_putc(o, ']');
        group(nth(n, 0), o, depth);
    } else if (!strcmp(e, "msup") || !strcmp(e, "msub") || !strcmp(e, "msubsup")) {
        scripts(n, o, depth, 0);
    } else if (!strcmp(e, "mover") || !strcmp(e, "munder") || !strcmp(e, "munderover")) {
        scripts(n, o, depth, 1);
    } else if (!strcmp(e, "mfenced")) {
        put(o, "\\left");
        sz_buf_puts(o, *n->extra ? n->extra : ".");
        sz_buf_puts(o, " {");
        for (const struct mnode *c = n->first; c; c = c->next) {
            tex(c, o, depth + 1);
            if (c->next && *n->seps)
                sz_buf_putc(o, n->seps[0]);
        }
        sz_buf_puts(o, "} \\right");
        sz_buf_puts(o, *n->close ? n->close : ".");
    } else if (!strcmp(e, "mtable")) {
        sz_buf_puts(o, "\\begin{matrix}\n");
        for (const struct mnode *r = n->first; r; r = r->next) {
            for (const struct mnode *c = r->first; c; c = c->next) {
                row(c, o, depth + 1);
                if (c->next)
                    sz_buf_puts(o, " & ");
            }
            sz_buf_puts(o, " \\\\\n");
        }
        sz_buf_puts(o, "\\end{matrix}");
    } else if (!strcmp(e, "semantics")) {
        if (n->first)
            tex(n->first, o, depth + 1);
    } else if (!strcmp(e, "annotation") || !strcmp(e, "annotation-xml") ||
               !strcmp(e, "none") || !strcmp(e, "mprescripts")) {
        /* other encodings of the same formula, and placeholders */
    } else if (!strcmp(e, "mphantom")) {
        put(o, "\\phantom{");
        row(n, o, depth);
        sz_buf_putc(o, '}');
    } else {
        /* mrow, mstyle, mpadded, menclose, merror and the unknown: their
        ** content */
        row(n, o, depth);
    }
}

void
sz_mml_tex(struct sz_mml *m, struct sz_buf *out)
{
    row(&m->root, out, 0);
}
