/*
** lescape.c
** Does a filter function keep the element it is given?  Bytecode escape analysis.
** See LICENSE.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "bridge/lbridge.h"

/* Why: pandoc hands every Str to a Str function as a new element, and
** a filter may keep it (store it, return it, pass it on).  Most Str
** functions only read el.text and return something new or nil; for them
** one element table can be refilled for every word, which saves a table
** and its garbage per word (the larger part of the cost of a Str filter
** on a book).  That is safe only when the function cannot let the element
** out, which its bytecode tells: the parameter lives in register 0, and if
** register 0 is only ever indexed (el.text, el.t, el[k]), tested for truth
** or against a constant, or returned (to the walk, which keeps nothing),
** and never copied, stored, passed, captured or overwritten, then no
** reference to the element outlives the call.  Anything else, any opcode not known here, a C function, a
** callable table or another Lua version: the function escapes, and gets
** fresh elements as before.  (Only the debug library, by reading the
** caller's locals, could still reach the element; the Str metatable's
** __index, which indexing calls, keeps nothing.) */

/* Lua 5.4's opcodes (lopcodes.h, the same from 5.4.0 to 5.4.7). */
enum {
    OP_MOVE, OP_LOADI, OP_LOADF, OP_LOADK, OP_LOADKX, OP_LOADFALSE, OP_LFALSESKIP,
    OP_LOADTRUE, OP_LOADNIL, OP_GETUPVAL, OP_SETUPVAL, OP_GETTABUP, OP_GETTABLE,
    OP_GETI, OP_GETFIELD, OP_SETTABUP, OP_SETTABLE, OP_SETI, OP_SETFIELD,
    OP_NEWTABLE, OP_SELF, OP_ADDI, OP_ADDK, OP_SUBK, OP_MULK, OP_MODK, OP_POWK,
    OP_DIVK, OP_IDIVK, OP_BANDK, OP_BORK, OP_BXORK, OP_SHRI, OP_SHLI, OP_ADD,
    OP_SUB, OP_MUL, OP_MOD, OP_POW, OP_DIV, OP_IDIV, OP_BAND, OP_BOR, OP_BXOR,
    OP_SHL, OP_SHR, OP_MMBIN, OP_MMBINI, OP_MMBINK, OP_UNM, OP_BNOT, OP_NOT,
    OP_LEN, OP_CONCAT, OP_CLOSE, OP_TBC, OP_JMP, OP_EQ, OP_LT, OP_LE, OP_EQK,
    OP_EQI, OP_LTI, OP_LEI, OP_GTI, OP_GEI, OP_TEST, OP_TESTSET, OP_CALL,
    OP_TAILCALL, OP_RETURN, OP_RETURN0, OP_RETURN1, OP_FORLOOP, OP_FORPREP,
    OP_TFORPREP, OP_TFORCALL, OP_TFORLOOP, OP_SETLIST, OP_CLOSURE, OP_VARARG,
    OP_VARARGPREP, OP_EXTRAARG, NUM_OPCODES
};

/* Which operands of an opcode name registers.  A range (CALL's arguments,
** RETURN's values, ...) starts at A, so A being register 0 covers it. */
enum { RA = 1, RB = 2, RC = 4, RKC = 8 /* C is a register when k is 0 */, BAIL = 16 };

static unsigned char
operands(int op)
{
    if (op >= OP_ADDK && op <= OP_BXORK)
        return RA | RB;
    if (op >= OP_ADD && op <= OP_SHR)
        return RA | RB | RC;
    switch (op) {
    case OP_MOVE: case OP_GETI: case OP_GETFIELD: case OP_ADDI: case OP_SHRI:
    case OP_SHLI: case OP_MMBIN: case OP_UNM: case OP_BNOT: case OP_NOT:
    case OP_LEN: case OP_EQ: case OP_LT: case OP_LE: case OP_TESTSET:
        return RA | RB;
    case OP_LOADI: case OP_LOADF: case OP_LOADK: case OP_LOADKX: case OP_LOADFALSE:
    case OP_LFALSESKIP: case OP_LOADTRUE: case OP_LOADNIL: case OP_GETUPVAL:
    case OP_SETUPVAL: case OP_GETTABUP: case OP_NEWTABLE: case OP_MMBINI:
    case OP_MMBINK: case OP_CONCAT: case OP_CLOSE: case OP_TBC: case OP_EQK:
    case OP_EQI: case OP_LTI: case OP_LEI: case OP_GTI: case OP_GEI: case OP_TEST:
    case OP_CALL: case OP_TAILCALL: case OP_RETURN: case OP_RETURN1:
    case OP_FORLOOP: case OP_FORPREP: case OP_TFORPREP: case OP_TFORCALL:
    case OP_TFORLOOP: case OP_SETLIST: case OP_VARARG:
        return RA;
    case OP_GETTABLE:
        return RA | RB | RC;
    case OP_SETTABUP:              /* A is an upvalue, B a constant */
        return RKC;
    case OP_SETTABLE: case OP_SELF:
        return RA | RB | RKC;
    case OP_SETI: case OP_SETFIELD:
        return RA | RKC;
    case OP_JMP: case OP_RETURN0: case OP_VARARGPREP: case OP_EXTRAARG:
        return 0;
    default:                       /* CLOSURE (it may capture el), unknown */
        return BAIL;
    }
}

/* A reader of lua_dump's output (ldump.c of 5.4). */
struct rd {
    const unsigned char *p, *end;
    int bad;
};

static unsigned
byte(struct rd *r)
{
    if (r->p >= r->end) {
        r->bad = 1;
        return 0;
    }
    return *r->p++;
}

static size_t
varint(struct rd *r)
{
    size_t x = 0;
    unsigned b;
    do {
        b = byte(r);
        if (x > (SIZE_MAX >> 8))
            r->bad = 1;
        x = (x << 7) | (b & 0x7f);
    } while (!(b & 0x80) && !r->bad);
    return x;
}

static void
skip(struct rd *r, size_t n)
{
    if ((size_t)(r->end - r->p) < n) {
        r->bad = 1;
        r->p = r->end;
    } else {
        r->p += n;
    }
}

/* A dumped string: its bytes and length (NULL when absent). */
static const char *
dstring(struct rd *r, size_t *len)
{
    size_t n = varint(r);
    *len = 0;
    if (n == 0 || r->bad)
        return NULL;
    const char *s = (const char *)r->p;
    skip(r, n - 1);
    *len = n - 1;
    return r->bad ? NULL : s;
}

struct dumpbuf {
    unsigned char *data;
    size_t len, cap;
};

static int
collect(lua_State *L, const void *p, size_t n, void *ud)
{
    (void)L;
    struct dumpbuf *b = ud;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n)
            cap *= 2;
        unsigned char *d = realloc(b->data, cap);
        if (!d)
            return 1;
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    return 0;
}

/* The analysis of one dumped function; see sz_lua_str_use. */
static int
analyse(const unsigned char *d, size_t n)
{
    static const unsigned char head[] = "\x1bLua\x54\x00\x19\x93\r\n\x1a\n\x04\x08\x08";
    struct rd r = { d, d + n, 0 };
    if (n < sizeof head - 1 + 16 || memcmp(d, head, sizeof head - 1))
        return SZ_STR_ESCAPES;
    skip(&r, sizeof head - 1 + 16);          /* LUAC_INT, LUAC_NUM */
    byte(&r);                                /* the number of upvalues */
    size_t len;
    dstring(&r, &len);                       /* source (stripped) */
    varint(&r);
    varint(&r);                              /* first and last line */
    unsigned nparams = byte(&r), vararg = byte(&r);
    byte(&r);                                /* stack size */
    size_t ncode = varint(&r);
    if (r.bad || ncode > (size_t)(r.end - r.p) / 4)
        return SZ_STR_ESCAPES;
    const unsigned char *code = r.p;
    skip(&r, ncode * 4);
    /* The constants, to tell el.text from other fields. */
    size_t nk = varint(&r);
    if (r.bad || nk > (size_t)(r.end - r.p))
        return SZ_STR_ESCAPES;
    int *is_text = calloc(nk ? nk : 1, sizeof *is_text);
    if (!is_text)
        return SZ_STR_ESCAPES;
    for (size_t i = 0; i < nk && !r.bad; i++) {
        unsigned tt = byte(&r);
        if (tt == 3 || tt == 19) {           /* integer, float */
            skip(&r, 8);
        } else if (tt == 4 || tt == 20) {    /* short, long string */
            const char *s = dstring(&r, &len);
            is_text[i] = s && len == 4 && !memcmp(s, "text", 4);
        } else if (tt != 0 && tt != 1 && tt != 17) {   /* nil, false, true */
            r.bad = 1;
        }
    }
    int result = SZ_STR_UNREAD;
    if (r.bad)
        result = SZ_STR_ESCAPES;
    for (size_t pc = 0; pc < ncode && result != SZ_STR_ESCAPES; pc++) {
        const unsigned char *q = code + pc * 4;
        uint32_t i = (uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 |
                     (uint32_t)q[3] << 24;
        int op = (int)(i & 0x7f);
        unsigned a = (i >> 7) & 0xff, k = (i >> 15) & 1, b = (i >> 16) & 0xff,
                 c = (i >> 24) & 0xff;
        if (op >= NUM_OPCODES) {
            result = SZ_STR_ESCAPES;
            break;
        }
        unsigned char use = operands(op);
        if (use & BAIL) {
            result = SZ_STR_ESCAPES;
            break;
        }
        /* With no named parameter, `...` is where the element is. */
        if (op == OP_VARARG && nparams == 0 && vararg) {
            result = SZ_STR_ESCAPES;
            break;
        }
        if (nparams == 0)
            continue;                        /* the element is dropped */
        /* The uses of register 0 that let nothing out. */
        if ((op == OP_GETFIELD || op == OP_GETI) && b == 0 && a != 0) {
            if (op == OP_GETFIELD && c < nk && is_text[c])
                result = SZ_STR_READ;
            continue;
        }
        if (op == OP_GETTABLE && b == 0 && a != 0 && c != 0) {
            result = SZ_STR_READ;            /* el[k]: k may be 'text' */
            continue;
        }
        if ((op == OP_TEST || op == OP_EQK || op == OP_EQI) && a == 0)
            continue;
        /* Returned, it goes to the walk, which keeps nothing (and knows
        ** its own element, unchanged, when it comes back). */
        if ((op == OP_RETURN || op == OP_RETURN1) && a == 0)
            continue;
        if (((use & RA) && a == 0) || ((use & RB) && b == 0) || ((use & RC) && c == 0) ||
            ((use & RKC) && !k && c == 0))
            result = SZ_STR_ESCAPES;
    }
    free(is_text);
    return result;
}

int
sz_lua_str_use(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TFUNCTION || lua_iscfunction(L, idx))
        return SZ_STR_ESCAPES;
    idx = lua_absindex(L, idx);
    struct dumpbuf b = { NULL, 0, 0 };
    lua_pushvalue(L, idx);
    int err = lua_dump(L, collect, &b, 1);
    lua_pop(L, 1);
    int r = err ? SZ_STR_ESCAPES : analyse(b.data, b.len);
    free(b.data);
    return r;
}
