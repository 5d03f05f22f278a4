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
    "input", "include", "subfile", "usepackage", NULL
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
