#!/usr/bin/env python3
# roundtrip.py
# ORIGINAL.json against READBACK.json (the same document written as EPUB by
# samizdat and read back with -f epub): the blocks must be the same, modulo
# the title page, heading ids, and what EPUB's XHTML spells as characters
# (Quoted as curly quotes, Cite as its text), and what the writer repairs
# (heading levels closed up, as close_levels does; an ordered list's
# delimiter, which HTML cannot say; an empty paragraph); the metadata's text the same
# for the keys EPUB carries (title, subtitle, author, lang; the date as ISO).
# Usage: roundtrip.py ORIGINAL.json READBACK.json  -> exit 0 when the same.
# See LICENSE.
import json
import os
import sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "json"))
from jsoncmp import diff  # noqa: E402
Q={'DoubleQuote':('\u201c','\u201d'),'SingleQuote':('\u2018','\u2019')}
def canon(x):
    if isinstance(x,list):
        out=[]
        for e in x:
            if isinstance(e,dict) and e.get('t')=='Div' and 'titlepage' in e['c'][0][1]: continue
            # an empty paragraph is no paragraph to an HTML reader (nor to pandoc's)
            if isinstance(e,dict) and e.get('t')=='Para' and not e['c']: continue
            if isinstance(e,dict) and e.get('t')=='Quoted':
                o,c=Q[e['c'][0]['t']]
                seq=[{'t':'Str','c':o}]+canon(e['c'][1])+[{'t':'Str','c':c}]
            elif isinstance(e,dict) and e.get('t')=='Cite':
                seq=[{'t':'Span','c':[['',['citation'],[]],canon(e['c'][1])]}]
            elif isinstance(e,dict) and e.get('t')=='Span' and 'citation' in e['c'][0][1]:
                seq=[{'t':'Span','c':[['',['citation'],[]],canon(e['c'][1])]}]
            else:
                seq=[canon(e)]
            for y in seq:
                if isinstance(y,dict) and y.get('t')=='Str' and out and isinstance(out[-1],dict) and out[-1].get('t')=='Str':
                    out[-1]={'t':'Str','c':out[-1]['c']+y['c']}
                else:
                    out.append(y)
        return out
    if isinstance(x,dict):
        t=x.get('t'); c=x.get('c')
        if t=='ColWidth':   # the writer gives a width in whole percent
            return {'t':t,'c':round(c,2)}
        if t=='Header':
            return {'t':t,'c':[c[0],['',c[1][1],c[1][2]],canon(c[2])]}
        return {k:canon(v) for k,v in x.items()}
    return x
def text(x):
    if isinstance(x,list): return ' '.join(filter(None,(text(i) for i in x)))
    if isinstance(x,dict):
        if x.get('t') in ('Str','MetaString'): return x['c']
        return text(x.get('c'))
    return ''
def close_levels(x, st):
    # The EPUB writer's repair, applied to the original: levels above 6 are
    # h6, and a heading never skips a level (h2 then h4 is written h2, h3).
    if isinstance(x, list):
        for e in x: close_levels(e, st)
    elif isinstance(x, dict):
        if x.get('t') == 'Header' and text(x['c'][2]).strip():
            lv = min(max(x['c'][0], 1), 6)
            if st[0] > 0 and lv > st[0] + 1: lv = st[0] + 1
            x['c'][0] = st[0] = lv
        elif x.get('t') == 'OrderedList':
            # HTML has no list delimiter, and decimal is its default
            # numbering: Decimal with Period or DefaultDelim is <ol>.
            at = x['c'][0]
            if at[1]['t'] in ('Decimal', 'DefaultStyle'): at[1] = {'t': 'DefaultStyle'}
            at[2] = {'t': 'DefaultDelim'}
            close_levels(x['c'][1], st)
        else:
            close_levels(x.get('c'), st)
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
close_levels(a['blocks'], [0]); close_levels(b['blocks'], [0])
d=diff(canon(a['blocks']),canon(b['blocks']),'$blocks',('original','read back'))
bad = 0
if d:
    print('blocks differ:', d)
    bad = 1
for k in ('title', 'subtitle', 'author', 'lang'):
    if k in a['meta'] and ' '.join(text(a['meta'][k]).split()) != ' '.join(text(b['meta'].get(k)).split()):
        print('meta differs:', k, text(a['meta'][k])[:80], '|', text(b['meta'].get(k))[:80])
        bad = 1
# the date comes back as the ISO date the writer put in the OPF
M={m:i+1 for i,m in enumerate('January February March April May June July August September October November December'.split())}
def iso(d):
    w=d.replace(',',' ').split()
    if len(w)==3 and w[0] in M and w[1].isdigit(): return '%s-%02d-%02d'%(w[2],M[w[0]],int(w[1]))
    if len(w)==2 and w[0] in M: return '%s-%02d'%(w[1],M[w[0]])
    return d
if 'date' in a['meta'] and iso(text(a['meta']['date']).strip()) != text(b['meta'].get('date')).strip():
    print('meta differs: date', text(a['meta']['date']), '|', text(b['meta'].get('date')))
    bad = 1
ab=canon(a['blocks']); bb=canon(b['blocks'])
same=sum(1 for x,y in zip(ab,bb) if not diff(x,y,'$'))
print('top-level blocks: %d of %d same (read back %d)' % (same, len(ab), len(bb)))
sys.exit(bad)
