/*
** markdown_tex.c
** Raw TeX blocks of pandoc's Markdown (raw_tex): an environment
** (\begin{x} ... \end{x}) or a command that is not one of running text
** (\newpage, \titleformat{..}[..]{..}), with its arguments, alone on its
** line; lines of them without a blank line between make one block.  A
** command of running text (\emph{x}) starts a paragraph, as in pandoc.
** See LICENSE.
*/
#include <string.h>

#include "readers/markdown_tex.h"

/* Commands pandoc reads as inline LaTeX: a paragraph may start with them. */
static const char *const inline_cmds[] = {
    "emph", "textbf", "textit", "texttt", "textsc", "textsl", "textup", "textmd", "textrm",
    "textsf", "textnormal", "underline", "uline", "sout", "st", "cite", "citep", "citet",
    "citeauthor", "citeyear", "autocite", "parencite", "textcite", "footcite", "ref",
    "eqref", "pageref", "label", "url", "href", "hyperref", "nameref", "footnote", "mbox",
    "hbox", "verb", "LaTeX", "TeX", "today", "ldots", "dots", "textsuperscript",
    "textsubscript", "em", "bf", "it", "tt", "sc", "rm", "sf", "sl", "textcolor",
    "colorbox", "fbox", "includegraphics", "lettrine", "enquote", "foreignlanguage",
    "textquote", "nocite", "noindent", "S", "P", "i", "j", "l", "o", "ss", "ae", "oe",
    "aa", "AA", "AE", "OE", "L", "O", "copyright", "dag", "ddag", "pounds", "euro",
    "ifstrequal", NULL
};

static int
is_letter(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@';
}

/* Past a balanced group opening at s[i] ({ or [), or 0 when unclosed. */
static size_t
group(const char *s, size_t n, size_t i)
{
    char open = s[i], close = open == '{' ? '}' : ']';
    int depth = 0, braces = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '\\' && i + 1 < n) {
            i++;
            continue;
        }
        if (c == '%') {               /* a comment runs to the line end */
            while (i < n && s[i] != '\n')
                i++;
            continue;
        }
        if (open == '[' && c == '{')
            braces++;
        else if (open == '[' && c == '}' && braces)
            braces--;
        else if (c == open && !braces)
            depth++;
        else if (c == close && !braces && --depth == 0)
            return i + 1;
        if (c == '\n' && i + 1 < n && (s[i + 1] == '\n' || (s[i + 1] == '\r')))
            return 0;                 /* a blank line ends the block anyway */
    }
    return 0;
}

/* Past the control word at s[i] ('\\'), or 0. */
static size_t
name_end(const char *s, size_t n, size_t i)
{
    size_t k = i + 1;
    while (k < n && is_letter((unsigned char)s[k]))
        k++;
    return k > i + 1 ? k : 0;
}

/* Past one TeX unit at s[i] and the spaces after it when the line ends
** there, or 0. */
static size_t
unit(const char *s, size_t n, size_t i)
{
    size_t k = name_end(s, n, i);
    if (!k)
        return 0;
    size_t nl = k - i - 1;
    if (nl == 5 && memcmp(s + i + 1, "begin", 5) == 0 && k < n && s[k] == '{') {
        size_t g = group(s, n, k);
        if (!g)
            return 0;
        char env[64];
        size_t el = g - k - 2;
        if (el == 0 || el >= sizeof env - 8)
            return 0;
        memcpy(env, s + k + 1, el);
        /* the matching \end{env}, counting \begin{env} inside */
        int depth = 1;
        size_t p = g;
        while (p < n && depth) {
            const char *b = memchr(s + p, '\\', n - p);
            if (!b)
                return 0;
            p = (size_t)(b - s);
            if (p + 6 + el <= n && memcmp(s + p + 1, "end{", 4) == 0 &&
                memcmp(s + p + 5, env, el) == 0 && s[p + 5 + el] == '}')
                depth--, p += 6 + el;
            else if (p + 8 + el <= n && memcmp(s + p + 1, "begin{", 6) == 0 &&
                     memcmp(s + p + 7, env, el) == 0 && s[p + 7 + el] == '}')
                depth++, p += 8 + el;
            else
                p += 2;
        }
        if (depth)
            return 0;
        k = p;
    } else {
        if (nl == 3 && memcmp(s + i + 1, "end", 3) == 0)
            return 0;
        for (const char *const *c = inline_cmds; *c; c++)
            if (strlen(*c) == nl && memcmp(*c, s + i + 1, nl) == 0)
                return 0;
        if (k < n && s[k] == '*')
            k++;
        /* a number (\write18, \vspace 2pt is not taken) */
        while (k < n && s[k] >= '0' && s[k] <= '9')
            k++;
        while (k < n && (s[k] == '{' || s[k] == '[')) {
            size_t g = group(s, n, k);
            if (!g)
                return 0;
            k = g;
        }
    }
    /* A macro parameter (#1) outside a definition is an error to TeX, and
    ** pandoc reads the line as text. */
    static const char *const defs[] = { "newcommand", "renewcommand", "providecommand",
                                        "def", "newenvironment", "renewenvironment", NULL };
    int is_def = 0;
    for (const char *const *d = defs; *d; d++)
        if (strlen(*d) == nl && memcmp(*d, s + i + 1, nl) == 0)
            is_def = 1;
    if (!is_def && memchr(s + i, '#', k - i))
        return 0;
    while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
        k++;
    return k == n || s[k] == '\n' ? k : 0;
}

size_t
sz_md_tex_block(const char *s, size_t n)
{
    size_t i = 0, end = 0;
    while (i < n && s[i] == '\\') {
        size_t k = unit(s, n, i);
        if (!k)
            break;
        end = k;
        i = k < n ? k + 1 : n;
    }
    while (end && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r'))
        end--;
    return end;
}

/* {=================================================================
** Raw TeX inside a paragraph
** ================================================================== */

static int
alnum(int c)
{
    return is_letter(c) && c != '@' ? 1 : c >= '0' && c <= '9';
}

static size_t
blanks(const char *s, size_t n, size_t k)
{
    while (k < n && (s[k] == ' ' || s[k] == '\t'))
        k++;
    return k;
}

/* pandoc's dimenarg after an unknown command: [=][-]digits[.digits]unit. */
static size_t
dimen(const char *s, size_t n, size_t k)
{
    size_t p = k;
    if (p < n && s[p] == '=')
        p++;
    if (p < n && s[p] == '-')
        p++;
    size_t num = p;
    while (p < n && ((s[p] >= '0' && s[p] <= '9') || s[p] == '.'))
        p++;
    if (p == num)
        return k;
    size_t u = p;
    while (p < n && alnum((unsigned char)s[p]))
        p++;
    static const char *const units[] = { "pt", "pc", "in", "bp", "cm", "mm", "dd", "cc",
                                         "sp", "ex", "em", "mu", "px", NULL };
    if (p == u)
        return p;
    for (const char *const *un = units; *un; un++)
        if (p - u == 2 && memcmp(s + u, *un, 2) == 0)
            return p;
    return k;
}

/* A definition's parts: \newcommand{\x}[1][d]{body}, \def\x#1{body}. */
static size_t
definition(const char *s, size_t n, size_t k, int def, int env)
{
    if (def) {
        size_t e = k < n && s[k] == '\\' ? name_end(s, n, k) : 0;
        if (!e)
            return 0;
        while (e < n && s[e] != '{' && s[e] != '\n')
            e++;
        return e < n && s[e] == '{' ? group(s, n, e) : 0;
    }
    if (k < n && s[k] == '*')
        k++;
    k = blanks(s, n, k);
    if (k < n && s[k] == '{')
        k = group(s, n, k);
    else if (!env && k < n && s[k] == '\\')
        k = name_end(s, n, k);
    else
        return 0;
    for (int opt = 0; k && opt < 2; opt++) {
        k = blanks(s, n, k);
        if (k < n && s[k] == '[')
            k = group(s, n, k);
    }
    for (int body = 0; k && body < 1 + env; body++) {
        k = blanks(s, n, k);
        k = k < n && s[k] == '{' ? group(s, n, k) : 0;
    }
    return k;
}

size_t
sz_md_tex_inline(const char *s, size_t n)
{
    if (n > SZ_MD_TEX_INLINE_MAX)
        n = SZ_MD_TEX_INLINE_MAX;
    size_t k = name_end(s, n, 0);
    if (!k)
        return 0;
    const char *name = s + 1;
    size_t nl = k - 1;
#define IS(w) (nl == sizeof w - 1 && memcmp(name, w, nl) == 0)
    if (IS("begin") || IS("end") || IS("item"))
        return 0;
    if (IS("verb") || IS("Verb")) {
        if (k < n && s[k] == '*')
            k++;
        if (k >= n || s[k] == ' ' || s[k] == '\n' || alnum((unsigned char)s[k]))
            return 0;
        const char *e = memchr(s + k + 1, s[k], n - k - 1);
        const char *nlp = memchr(s + k + 1, '\n', n - k - 1);
        return e && (!nlp || e < nlp) ? (size_t)(e - s) + 1 : 0;
    }
    int def = IS("def") || IS("gdef") || IS("edef") || IS("xdef");
    int env = IS("newenvironment") || IS("renewenvironment");
    if (def || env || IS("newcommand") || IS("renewcommand") || IS("providecommand") ||
        IS("DeclareRobustCommand") || IS("DeclareMathOperator"))
        return definition(s, n, blanks(s, n, k), def, env);
    int accent = nl == 1 && strchr("HbcGhdfrtUvuk", name[0]);
#undef IS
    size_t e = blanks(s, n, k);     /* a control word's token has its spaces */
    if (accent) {
        if (e < n && s[e] == '{')
            e = group(s, n, e);
        else if (e < n && alnum((unsigned char)s[e]))
            e++;
        else if (e < n && (unsigned char)s[e] >= 0xc0) {
            e++;
            while (e < n && ((unsigned char)s[e] & 0xc0) == 0x80)
                e++;
        }
    } else {
        for (;;) {                  /* options: [..] with the spaces around */
            size_t o = blanks(s, n, e);
            if (o >= n || s[o] != '[')
                break;
            size_t g = group(s, n, o);
            if (!g)
                break;
            e = blanks(s, n, g);
        }
        e = dimen(s, n, e);
        while (e && e < n && s[e] == '{')
            e = group(s, n, e);
    }
    /* A macro parameter (#1) outside a definition is an error to TeX: text. */
    if (!e || memchr(s, '#', e))
        return 0;
    return e;
}

/* {=================================================================
** latex_macros: definitions without parameters, \ifstrequal
** ================================================================== */

size_t
sz_md_tex_macro(const char *s, size_t n, const char **name, size_t *nlen, const char **body,
                size_t *blen)
{
    size_t k = name_end(s, n, 0);
    if (!k)
        return 0;
#define IS(w) (k - 1 == sizeof w - 1 && memcmp(s + 1, w, k - 1) == 0)
    int def = IS("def");
    if (!def && !IS("newcommand") && !IS("renewcommand") && !IS("providecommand"))
        return 0;
#undef IS
    if (!def && k < n && s[k] == '*')
        k++;
    k = blanks(s, n, k);
    size_t a, e;
    if (!def && k < n && s[k] == '{') {
        a = k + 1;
        e = a < n && s[a] == '\\' ? name_end(s, n, a) : 0;
        if (!e || e >= n || s[e] != '}')
            return 0;
        k = e + 1;
    } else if (k < n && s[k] == '\\') {
        a = k;
        e = k = name_end(s, n, k);
        if (!e)
            return 0;
    } else {
        return 0;
    }
    k = blanks(s, n, k);
    if (k >= n || s[k] != '{')       /* [1]: parameters, not taken */
        return 0;
    size_t g = group(s, n, k);
    if (!g)
        return 0;
    *name = s + a + 1;
    *nlen = e - a - 1;
    *body = s + k + 1;
    *blen = g - k - 2;
    return g;
}

size_t
sz_md_tex_ifstrequal(const char *s, size_t n, const char **out, size_t *outn)
{
    static const char cmd[] = "\\ifstrequal";
    size_t k = sizeof cmd - 1, g[5];
    if (n <= k || memcmp(s, cmd, k) != 0 || is_letter((unsigned char)s[k]))
        return 0;
    g[0] = blanks(s, n, k);
    for (int i = 0; i < 4; i++) {
        if (g[i] >= n || s[g[i]] != '{' || !(g[i + 1] = group(s, n, g[i])))
            return 0;
    }
    int same = g[1] - g[0] == g[2] - g[1] && memcmp(s + g[0], s + g[1], g[1] - g[0]) == 0;
    size_t a = same ? g[2] : g[3], b = same ? g[3] : g[4];
    *out = s + a + 1;
    *outn = b - a - 2;
    return g[4];
}
