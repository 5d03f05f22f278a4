#!/usr/bin/env python3
"""gen.py: how the truth files were started.  For each book, the heading
lines were found by reading the book (where its chapters start, how they
are written) and are picked out here by that pattern; paragraph counts come
from count.py, verse blocks and notes from extra.py, over the range read.  The output was then checked by eye
against the book and corrected (see README.md)."""
import json, re, subprocess, sys
import os
G=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'corpus', 'gutenberg') + '/'
def lines(f):
    raw=open(G+f,'rb').read()
    try: t=raw.decode('utf-8-sig')
    except UnicodeDecodeError: t=raw.decode('cp1252')
    return t.replace('\r\n','\n').replace('\r','\n').split('\n')
def nextnb(L,i):
    j=i+1
    while j<len(L) and not L[j].strip(): j+=1
    return j
def ws(s): return ' '.join(s.split())
def count(f,first,end):
    return int(subprocess.check_output(['python3',os.path.join(os.path.dirname(os.path.abspath(__file__)), 'count.py'),G+f,str(first),str(end)]).decode())
def find(L,pat,start=0):
    for i in range(start,len(L)):
        if re.match(pat,L[i]): return i
    raise SystemExit('not found '+pat)
def endline(L):
    for i in range(len(L)-1,0,-1):
        if re.match(r'(\*\*\* ?END OF|End of (the )?Project Gutenberg|End of The Project)',L[i].strip(),re.I):
            e=i
    return e
books={}
def extra(f,first,end):
    out=subprocess.check_output(['python3',os.path.join(os.path.dirname(os.path.abspath(__file__)), 'extra.py'),G+f,str(first),str(end)]).decode().split()
    return int(out[1]),int(out[3])
def book(name,f,title,author,lang,heads,first,end,note=''):
    verse,notes=extra(f,first+1,end)
    books[name]=dict(file=f,title=title,author=author,lang=lang,headings=heads,
                     paragraphs=count(f,first+1,end),verse=verse,notes=notes,note=note)
# Alice
L=lines('11-0.txt'); s=find(L,r'CHAPTER I\.'); e=endline(L)
book('alice','11-0.txt','Alice’s Adventures in Wonderland','Lewis Carroll','en',
     [[1,ws(L[i])] for i in range(s,e) if re.match(r'CHAPTER [IVXL]+\. ',L[i])],s,e)
# extra.py counts only stanzas of short lines; read in the book, the songs also
# have stanzas and couplets of long lines ("Will you walk a little faster?"
# said a whiting to a snail., 'You are old,' said the youth, 'and your jaws
# are too weak): 36 verse blocks from chapter I to the end.
books['alice']['verse']=36
books['alice']['note']='verse: 36 blocks counted by reading (the Lobster Quadrille and Father William have long-lined stanzas and couplets that extra.py misses)'
# Treasure Island
L=lines('120-0.txt'); s=find(L,r'PART ONE--'); e=endline(L); h=[]
for i in range(s,e):
    if re.match(r'PART \w+--',L[i]): h.append([1,ws(L[i])])
    elif re.match(r'\d+$',L[i].strip()): h.append([2,L[i].strip()+' '+ws(L[nextnb(L,i)])])
book('treasure-island','120-0.txt','Treasure Island','Robert Louis Stevenson','en',h,s,e)
# extra.py counts every block of lines short of the text width; read in the
# book, only the songs are verse ("Fifteen men on the dead man's chest", "But
# one man of her crew alive"): Squire Trelawney's letter and the notes on the
# map are prose wrapped at a narrower measure.
books['treasure-island']['verse']=6
books['treasure-island']['note']='verse: 6 blocks counted by reading (the songs); the letter and the map\'s notes, wrapped narrower, are prose'
# Time Machine
L=lines('35-0.txt'); s=find(L,r'\s*I\s*$',60); e=endline(L); h=[]
for i in range(s,e):
    if re.match(r'\s*[IVX]+\s*$',L[i]): h.append([1,L[i].strip()+' '+ws(L[nextnb(L,i)])])
    elif L[i].strip()=='Epilogue': h.append([1,'Epilogue'])
book('time-machine','35-0.txt','The Time Machine','H. G. Wells','en',h,s,e)
# read in the book: one note, set in brackets inside its paragraph in
# chapter X (sloped at all. [Footnote: It may be, of course, that the floor
# did not slope ...—ED.]), which extra.py does not know
books['time-machine']['notes']=1
books['time-machine']['note']='notes: one [Footnote: ...] set inside its paragraph (chapter X, the editor\'s)'
# Christmas Carol
L=lines('46-0.txt'); s=find(L,r'PREFACE'); e=endline(L)
h=[[1,'PREFACE']]+[[1,ws(L[i])] for i in range(s,e) if re.match(r'STAVE [IV]+:',L[i])]
book('christmas-carol','46-0.txt','A Christmas Carol','Charles Dickens','en',h,find(L,r'STAVE I:',60),e,
     'PREFACE is a section of its own (a short preface signed C. D.)')
# Read in the book, its one verse block is the carol ("God bless you, merry
# gentleman! / May nothing you dismay!"); the other blocks extra.py counts are
# lines of dialogue whose breaks fall short of the text width.
books['christmas-carol']['verse']=1
books['christmas-carol']['note']+='; verse: 1 block counted by reading (the carol); the other short-lined blocks are dialogue in prose'
# Moby Dick
L=lines('2701-0.txt'); s=find(L,r'  ETYMOLOGY\.',300); e=endline(L)
h=[[1,'ETYMOLOGY.'],[1,'EXTRACTS. (Supplied by a Sub-Sub-Librarian).'],[1,'EXTRACTS.']]+[[1,ws(L[i]+(' '+L[i+1] if L[i+1].strip() else ''))] for i in range(s,e) if re.match(r'CHAPTER \d+\. ',L[i])]+[[1,'Epilogue']]
book('moby-dick','2701-0.txt','Moby Dick; or The Whale','Herman Melville','en',h,find(L,r'CHAPTER 1\. Loomings',300),e)
# Jane Eyre
L=lines('pg1260.txt'); s=find(L,r'PREFACE'); e=endline(L)
h=[[1,'PREFACE'],[1,'NOTE TO THE THIRD EDITION']]+[[1,ws(L[i])] for i in range(s,e) if re.match(r'CHAPTER [IVXL]+($|--)',L[i].strip())]
book('jane-eyre','pg1260.txt','Jane Eyre','Charlotte Bronte','en',h,find(L,r'CHAPTER I$'),e)
# Heart of Darkness
L=lines('219-0.txt'); s=find(L,r'I$',30); e=endline(L)
book('heart-of-darkness','219-0.txt','Heart of Darkness','Joseph Conrad','en',[[1,'I'],[1,'II'],[1,'III']],s,e)
# Gatsby
L=lines('pg64317.txt'); s=find(L,r'\s+I\s*$',50); e=endline(L)
h=[[1,L[i].strip()] for i in range(s,e) if re.match(r'\s+[IVX]+\s*$',L[i])]
book('great-gatsby','pg64317.txt','The Great Gatsby','F. Scott Fitzgerald','en',h,s,e)
# Hound
L=lines('2852-0.txt'); s=find(L,r'Chapter 1\.$'); e=endline(L)
h=[[1,L[i].strip()+' '+ws(L[nextnb(L,i)])] for i in range(s,e) if re.match(r'Chapter \d+\.$',L[i].strip())]
book('hound-of-the-baskervilles','2852-0.txt','The Hound of the Baskervilles','Arthur Conan Doyle','en',h,s,e)
# Jekyll
L=lines('43-0.txt'); s=find(L,r'STORY OF THE DOOR',50); e=endline(L)
names=['STORY OF THE DOOR','SEARCH FOR MR. HYDE','DR. JEKYLL WAS QUITE AT EASE','THE CAREW MURDER CASE','INCIDENT OF THE LETTER','INCIDENT OF DR. LANYON','INCIDENT AT THE WINDOW','THE LAST NIGHT','DR. LANYON’S NARRATIVE','HENRY JEKYLL’S FULL STATEMENT OF THE CASE']
book('jekyll-and-hyde','43-0.txt','The Strange Case Of Dr. Jekyll And Mr. Hyde','Robert Louis Stevenson','en',[[1,n] for n in names],s,e)
# Candide
L=lines('fr_Candide.txt'); s=find(L,r'CHAPITRE I\.$'); e=endline(L); h=[]
for i in range(s,e):
    if re.match(r'CHAPITRE [IVX]+',L[i]):
        j=nextnb(L,i); t=[]
        while j<e and L[j].strip(): t.append(L[j].strip()); j+=1
        h.append([1,ws(L[i])+' '+' '.join(t)])
book('candide','fr_Candide.txt','Candide','Voltaire','fr',h,s,e,
     'each chapter heading is CHAPITRE N. plus its summary line(s) (Comment Candide ...); the summaries are not paragraphs')
books['candide']['paragraphs'] -= len(h)
# the six alexandrines of La Grange Chancel quoted in note 3 are a verse block
books['candide']['verse']=1
books['candide']['note']+='; verse: the six lines quoted in note 3 (Que ton exactitude à dépeindre les moeurs) are one verse block'
# Buddenbrooks
L=lines('34811-0.txt'); s=find(L,r'Erster Teil'); e=endline(L); h=[]
for i in range(s,e):
    x=L[i].strip()
    if re.match(r'\w+ter Teil$',x) and len(x)<20: h.append([1,x])
    elif re.match(r'\w+es Kapitel$',x): h.append([2,x])
book('buddenbrooks','34811-0.txt','Buddenbrooks','Thomas Mann','de',h,s,e)
# Taras Bulba
L=lines('ru_gogol_taras_bulba.txt'); s=find(L,r'I$'); e=len(L)
h=[[1,L[i].strip()] for i in range(s,e) if re.match(r'[IVX]+$',L[i].strip())]
book('taras-bulba','ru_gogol_taras_bulba.txt','ТАРАС БУЛЬБА','Николай Гоголь','ru',h,s,e)
# Hong Lou Meng
L=lines('24264-0.txt'); e=len(L)
h=[[1,ws((L[i]+(' '+L[nextnb(L,i+1)] if re.match(r'-{5,}$',L[i+1].strip()) and L[i].strip().endswith('回') else '')).replace('\u3000',' '))] for i in range(0,e) if re.match(r'第[一二三四五六七八九十百零〇]+回([\s\u3000]|$)',L[i])]
book('hong-lou-meng','24264-0.txt',None,None,'zh',h,0,e,
     'the text names neither title nor author (the catalogue does: 紅樓夢, 曹雪芹)')
# Three Men in a Boat: CHAPTER N. alone on its line, a synopsis paragraph
# under it (prose, counted as a paragraph), [Picture: ...] captions, and two
# footnotes marked {page} collected under "Footnotes." at the end
L=lines('308-0.txt'); s=find(L,r'CHAPTER I\.$'); e=endline(L)
fn=find(L,r'Footnotes\.$',s)
h=[[1,'PREFACE.']]+[[1,L[i].strip()] for i in range(s,e) if re.match(r'CHAPTER [IVXL]+\.$',L[i])]
book('three-men-in-a-boat','308-0.txt','Three Men in a Boat','Jerome K. Jerome','en',h,s,fn,
     'each CHAPTER N. is followed by a synopsis (Three invalids.—Sufferings of George and Harris...), a paragraph of its own')
books['three-men-in-a-boat']['notes']=2
# read in the book: four verse blocks (Long foretold, long last; the two
# couplets of the comic song; Two lovely black eyes); the prescription
# (1 lb. beefsteak) and the procession (Montmorency, carrying a stick) that
# extra.py also counts are lists kept line by line
books['three-men-in-a-boat']['verse']=4
books['three-men-in-a-boat']['note']+='; verse: 4 blocks counted by reading (the prescription and the procession are lists, not verse)'
books['three-men-in-a-boat']['note']+='; notes: the two {287} and {311} footnotes under "Footnotes." at the end (their markers are page numbers in braces, which extra.py does not know)'
# Peter Pan: a contents list naming the chapters, then "Chapter N TITLE" lines
L=lines('16-0.txt'); c=find(L,r'Chapter 17 '); s=find(L,r'Chapter 1 ',c); e=endline(L)
h=[[1,ws(L[i])] for i in range(s,e) if re.match(r'Chapter \d+ ',L[i])]
book('peter-pan','16-0.txt','Peter Pan','James M. Barrie','en',h,s,e,
     'the contents list (Chapter 1 PETER BREAKS THROUGH ...) names the chapters; it is not a heading itself; author as the header\'s Author: line names him (the title page: By J. M. Barrie [James Matthew Barrie])')
# The Importance of Being Earnest: a play; front matter with its own
# sections, then FIRST/SECOND/THIRD ACT, each opening with SCENE over the
# stage setting; every speech (Algernon.  Did you hear ...) is a paragraph
L=lines('pg844.txt'); s=find(L,r'FIRST ACT$'); e=endline(L); h=[]
for i in range(0,e):
    x=L[i].strip()
    if x in ('THE PERSONS IN THE PLAY','THE SCENES OF THE PLAY',"LONDON: ST. JAMES'S THEATRE") or re.match(r'(FIRST|SECOND|THIRD) ACT$',x): h.append([1,x])
    elif i>s and x=='SCENE': h.append([2,x])
book('importance-of-being-earnest','pg844.txt','The Importance of Being Earnest','Oscar Wilde','en',h,s,e,
     'front matter sections (persons, scenes, first cast) are headings; SCENE under each act heads the stage setting; ACT DROP and TABLEAU are stage directions, not headings')
# count.py skips a single short line that does not end like a sentence (a
# heading, a caption); read in the play, the one-line speeches and stage
# directions ending in "]" (Lane.  Yes, sir.  [Hands them on a salver.],
# [Enter Lane.]) are paragraphs, and so are the two ACT DROP lines
def one_line_blocks(L,a,b,pat):
    return sum(1 for i in range(a,b) if L[i].strip() and not L[i-1].strip() and not L[i+1].strip() and re.search(pat,L[i].rstrip()))
books['importance-of-being-earnest']['paragraphs'] += one_line_blocks(L,s+1,e,r'^.{0,59}\]$') + 2
books['importance-of-being-earnest']['note']+='; paragraphs: count.py\'s count plus the one-line speeches and stage directions ending in ] and the two ACT DROP lines, which its heading-or-caption rule skips'
# The Prince: an introduction in four titled parts, a dedication, the 26
# chapters (CHAPTER I -- TITLE, wrapped over two lines) under THE PRINCE, and
# two more works; footnotes are indented blocks (*) (+) after the paragraph
L=lines('pg1232.txt'); s=find(L,r'INTRODUCTION$'); e=endline(L); h=[]
i=s
while i<e:
    x=L[i].strip()
    if x in ('INTRODUCTION','DEDICATION','THE PRINCE','THE LIFE OF CASTRUCCIO CASTRACANI OF LUCCA') or x.startswith('DESCRIPTION OF THE METHODS'):
        t=[x]
        while L[i+1].strip(): i+=1; t.append(L[i].strip())
        h.append([1,' '.join(t)])
    elif re.match(r'(YOUTH|OFFICE|LITERATURE AND DEATH) -- Aet',x) or x in ('THE MAN AND HIS WORKS','CASTRUCCIO CASTRACANI 1284-1328'):
        h.append([2,x])
    elif re.match(r'CHAPTER [IVX]+',x):
        t=[x]
        while L[i+1].strip(): i+=1; t.append(L[i].strip())
        # the (*) after XVIII is a note marker, which a heading's text omits
        h.append([2,' '.join(t).replace('(*)','')])
    i+=1
book('the-prince','pg1232.txt','The Prince','Nicolo Machiavelli','en',h,s,e,
     'levels: INTRODUCTION, DEDICATION, THE PRINCE and the two added works above their parts and chapters; CASTRUCCIO CASTRACANI 1284-1328 opens the Life; notes: the 45 indented (*) (+) ... note blocks')
books['the-prince']['notes']=45
# read in the book: five verse quotations (Knowledge doth come; Res dura;
# Alexander never did; Virtu contro al Furore and its translation); the
# couplets of Virgil's translation sit inside a note and count as the note
books['the-prince']['verse']=5
# count.py takes the 14 chapter headings wrapped over two lines and the
# three-line title of the Description for paragraphs, and the dedication,
# set in throughout, for a quotation: read in the book, its six paragraphs
# (To the Magnificent Lorenzo ... Take then, your Magnificence) are text
books['the-prince']['paragraphs'] += -15 + 6
books['the-prince']['note']+='; paragraphs: count.py\'s count less the 15 wrapped headings it counted, plus the 6 paragraphs of the dedication (set in, not a quotation)'
books['the-prince']['note']+='; verse: 5 blocks counted by reading (the translation of Res dura is inside a note)'
# A Study in Scarlet: PART I. and PART II. over seven chapters each,
# CHAPTER I. TITLE. on one line; under PART I. a parenthesis (Being a
# reprint from the reminiscences of JOHN H. WATSON), a paragraph of its
# own; the transcriber's notes [1] ... [29] collected at the end under
# ORIGINAL TRANSCRIBER'S NOTES: as [Footnote N: ...]
L=lines('244-0.txt'); s=find(L,r'PART I\.$'); e=endline(L)
fn=find(L,r'ORIGINAL TRANSCRIBER',s)
h=[]
for i in range(s,fn):
    if re.match(r'PART [IV]+\.',L[i]): h.append([1,ws(L[i])])
    elif re.match(r'CHAPTER [IVX]+\. ',L[i]): h.append([2,ws(L[i])])
book('study-in-scarlet','244-0.txt','A Study in Scarlet','Arthur Conan Doyle','en',h,s,fn,
     'levels: the two PARTs over their chapters; the parenthesis under PART I. is a paragraph, not part of the heading; author as the header\'s Author: line names him (the title page: By A. Conan Doyle)')
# count.py skips two one-line paragraphs that do not end like a sentence
# (This is the letter which I read to him----, “MY DEAR MR. SHERLOCK
# HOLMES,--); read in the book, they are text
books['study-in-scarlet']['paragraphs'] += 2
# read in the book: one verse block (the Latin couplet Populus me sibilat at
# the end); the epitaph (JOHN FERRIER, / FORMERLY OF SALT LAKE CITY) that
# extra.py also counts is an inscription set line by line, not verse
books['study-in-scarlet']['verse']=1
# the notes are [Footnote N: ...] blocks, which extra.py does not know: 25 of
# them, each with its marker [N] in the text; [1] marks the frontispiece on
# the title page, before the range counted (as the title page's paragraphs
# are not counted), so 24
books['study-in-scarlet']['notes']=len([x for x in L[fn:e] if x.startswith('[Footnote ')]) - 1
books['study-in-scarlet']['note']+='; paragraphs: count.py\'s count plus two one-line paragraphs ending in a dash; verse: 1 block by reading (the epitaph is an inscription, RACHE. a word set alone); notes: 24 of the 25 [Footnote N: ...] texts at the end, the 25th ([1]) marking the title page\'s frontispiece, outside the range counted'
# Second Treatise of Government: a PREFACE, then Book II over nineteen
# chapters, CHAPTER. N. with the title on the next line (two lines in I and
# XII); sections are run-in (Sect. 1. It having been shewn ...);
# quotations are indented between /# and #/ lines; FINIS. ends the book
L=lines('pg7370.txt'); s=find(L,r'PREFACE$'); fin=find(L,r'FINIS\.$',s); h=[]
i=s
while i<fin:
    x=L[i].strip()
    if x in ('PREFACE','Book II'): h.append([1,x])
    elif re.match(r'CHAPTER\. [IVX]+\.$',x):
        j=nextnb(L,i); t=[]
        while L[j].strip(): t.append(L[j].strip()); j+=1
        h.append([2,x+' '+' '.join(t)])
    i+=1
book('second-treatise','pg7370.txt','Second Treatise of Government','John Locke','en',h,s,fin,
     'levels: the PREFACE (to both treatises) and Book II above the chapters; each chapter heading is CHAPTER. N. plus its title line(s) (chapter I\'s title is the essay\'s: AN ESSAY CONCERNING THE TRUE ORIGINAL ...); Sect. N. opens a paragraph, it is not a heading; the /# and #/ lines around the quotations and FINIS. are not text')
# count.py's heading pattern wants no full stop after CHAPTER: it counts the
# 19 CHAPTER. N. lines and their 19 title blocks as paragraphs; and it
# counts each /# line with the indented quotation under it as two
# paragraph starts, where read in the book there is none (a quotation)
nch=sum(1 for x in L[s:fin] if re.match(r'CHAPTER\. [IVX]+\.$',x.strip()))
nq=sum(1 for x in L[s:fin] if x.strip()=='/#')
books['second-treatise']['paragraphs'] -= 2*nch + 2*nq
books['second-treatise']['note']+='; paragraphs: count.py\'s count less the chapter lines and titles and the /# quotation blocks it counted; verse: the Latin lines of Juvenal (Libertas pauperis haec est) between /*[4] and */'
# read in the book: ten notes, marked * after a word (** for the second in
# one paragraph), their texts in parentheses in a block of their own after
# the paragraph ((*It is no improbable opinion ... sect. 10.)), which
# extra.py does not know and count.py counts as paragraphs
nn=sum(1 for x in L[s:fin] if x.startswith('(*'))
books['second-treatise']['notes']=nn
books['second-treatise']['paragraphs'] -= nn
books['second-treatise']['note']+='; notes: the ten (*Text ...) blocks after the paragraphs marked * or **, not paragraphs'
# A Tale of Two Cities: a contents list, then Book the First--Recalled to
# Life (and Second, Third) over chapters I. The Period on one line
L=lines('98-0.txt'); c=find(L,r'\s+Chapter XV\s'); s=find(L,r'Book the First',c); e=endline(L); h=[]
for i in range(s,e):
    if re.match(r'Book the ',L[i]): h.append([1,ws(L[i])])
    elif re.match(r'[IVXL]+\. [A-Z]',L[i]): h.append([2,ws(L[i])])
book('tale-of-two-cities','98-0.txt','A Tale of Two Cities','Charles Dickens','en',h,s,e,
     'levels: the three Books over their chapters; the contents list names them all and is not a heading; the opening (It was the best of times, / it was the worst of times, ...) is set a clause to a line but is one prose paragraph, not verse')
# count.py skips the opening, set a clause to a line, as verse, and a
# one-line paragraph ending in a dash (“That has a bad look,” said
# Darnay--); read in the book both are paragraphs.  The two notes from
# prison (“Charles is safe ..., “DEAREST,--Take courage ...) are set in:
# quotations, like the letters count.py skips
books['tale-of-two-cities']['paragraphs'] += 2
books['tale-of-two-cities']['verse']=0
books['tale-of-two-cities']['note']+='; paragraphs: count.py\'s count plus the opening and one line ending in a dash; verse: none (the DEAREST note extra.py counts is a letter set in)'
# Madame Bovary: a contents list, two dedications (À Marie-Antoine-Jules
# Senard, with a letter; À Louis Bouilhet), then PREMIÈRE (DEUXIÈME,
# TROISIÈME) PARTIE over chapters numbered I, II ... alone on their lines
L=lines('fr_Madame_Bovary_GustaveFlaubert.txt'); s=find(L,r'PREMIÈRE PARTIE$',100); e=endline(L); h=[]
for i in range(s,e):
    x=L[i].strip()
    if re.match(r'\w+ PARTIE$',x): h.append([1,x])
    elif re.match(r'[IVXL]+$',x): h.append([2,x])
book('madame-bovary','fr_Madame_Bovary_GustaveFlaubert.txt','Madame Bovary','Gustave Flaubert','fr',h,s,e,
     'levels: the three PARTIEs over their chapters, numbered I, II ... alone on their lines; the contents list (Table des matières) and the two dedications before PREMIÈRE PARTIE are front matter, not headings; verse: the blind man\'s song (Souvent la chaleur d\'un beau jour), four blocks')
# count.py skips eight one-line paragraphs without a final stop that lead
# into speech (Puis Léon dit en soupirant, Et il reprit, Elle l'appelait
# enfant ...); read in the book, they are text
books['madame-bovary']['paragraphs'] += 8
books['madame-bovary']['note']+='; paragraphs: count.py\'s count plus eight one-line paragraphs that lead into speech without a final stop'
# Four more, of shapes the reader had not been tuned on, written the same
# way before its output on them was looked at.
# The Dunwich Horror: a title page (_The_ Dunwich Horror / by H. P.
# LOVECRAFT), a set-in epigraph from Charles Lamb (front matter), then ten
# parts numbered 1 ... 10 alone on their lines; three set-in quotations
# (the letter of 1747, the Necronomicon, Wilbur's diary) are not paragraphs;
# one [Illustration: ...] caption
L=lines('The-Dunwich-Horror.txt'); s=find(L,r'1$'); e=endline(L)
h=[[1,L[i].strip()] for i in range(s,e) if re.match(r'\d+$',L[i].strip())]
book('dunwich-horror','The-Dunwich-Horror.txt','The Dunwich Horror','H. P. Lovecraft','en',h,s,e,
     'the ten parts, numbered 1 ... 10 alone on their lines, are its headings; the Lamb epigraph under the title is front matter; the three set-in quotations (a letter, the Necronomicon, the diary) are quotations, not paragraphs; the [Illustration] caption is no paragraph')
# Voyage au centre de la Terre: a title page (Jules Verne / VOYAGE AU
# CENTRE DE LA TERRE), then 45 chapters numbered I ... XLV alone on their
# lines; 14 footnotes set in under their paragraphs, 13 marked [1] and the
# 14th (chapter XXXVIII, l'angle facial[1]) written 1. ...; the runes, the
# cryptogram, the Latin of Saknussemm and its translation, and the log of
# 1er juillet are set in, not paragraphs
L=lines('fr_Voyage-au-Centre-de-la-Terre-.txt'); s=find(L,r'I$',60); e=endline(L)
h=[[1,L[i].strip()] for i in range(s,e) if re.match(r'[IVXL]+$',L[i].strip())]
book('voyage-centre-terre','fr_Voyage-au-Centre-de-la-Terre-.txt','Voyage au Centre de la Terre','Jules Verne','fr',h,s,e,
     'the 45 chapters I ... XLV alone on their lines; notes: 14 set in under their paragraphs ([1] ..., and 1. L\'angle facial ...)')
# count.py skips six one-line paragraphs of dialogue without a final stop
# (--Précisément, --Oui, Mon oncle secoua doucement la tête, «_Dove noi
# siamo?_ ...) and takes Où allons-nous?  où allons-nous? over a row of
# dots for verse; read in the book, all seven are text
books['voyage-centre-terre']['paragraphs'] += 7
# read in the book: no verse block; the Latin lines (Et quacunque viam,
# Immanis pecoris custos) are verse lines quoted alone, the cipher grid, the
# cryptogram and the log of 1er juillet that extra.py counts are not verse;
# extra.py does not know notes set in as [1] and 1.: 14 of them
books['voyage-centre-terre']['verse']=0
books['voyage-centre-terre']['notes']=sum(1 for x in L[s:e] if re.match(r'  (\[1\]|1\.) ',x))
books['voyage-centre-terre']['note']+='; paragraphs: count.py\'s count plus six one-line speeches without a final stop and one paragraph over a row of dots; verse: none (two Latin lines quoted alone; the cipher grids and the log are not verse)'
# Beyond Good and Evil: a contents list, a PREFACE, nine CHAPTER N. TITLE
# lines over the aphorisms 1. ... 296., each opening its first paragraph
# (numbered paragraphs, not headings), then the poem FROM THE HEIGHTS in 15
# stanzas numbered 1. ... 15.; seven notes set inline as [Footnote: ...]
L=lines('pg4363.txt'); s=find(L,r'PREFACE$',70); e=endline(L)
h=[[1,'PREFACE']]+[[1,ws(L[i])] for i in range(s,e) if re.match(r'CHAPTER [IVX]+\. ',L[i])]+[[1,'FROM THE HEIGHTS']]
book('beyond-good-and-evil','pg4363.txt','Beyond Good and Evil','Friedrich Nietzsche','en',h,s,e,
     'levels: the PREFACE, the nine chapters and the closing poem FROM THE HEIGHTS on one level (the contents list names a BEYOND GOOD AND EVIL over the chapters that the text does not repeat); the numbers 1. ... 296. open the aphorisms, run in; 237. alone on its line opens the SEVEN APOPHTHEGMS FOR WOMEN, a title inside the aphorism, not a section; the poem\'s stanza numbers 1. ... 15. number its stanzas, not sections; its byline (By F W Nietzsche / Translated by L. A. Magnus) is no paragraph')
# count.py counts 237. alone on its line, the number of the aphorism over
# the seven couplets, as a paragraph; it is not text.  The seven couplets
# (How the longest ennui flees, When a man comes to our knees!) are set one
# to a line, as prose lines: paragraphs, as count.py counts them
books['beyond-good-and-evil']['paragraphs'] -= 1
# read in the book: 18 verse blocks as extra.py counts them (the 15 stanzas
# of the poem, the Latin couplet Quia est in eo virtus dormitiva, the two
# stanzas of Hail, ye worthies, barrow-wheeling, whose third, SANS GENIE ET
# SANS ESPRIT!, is one line); notes: the seven [Footnote: ...] inline, after
# the words they explain, which extra.py does not know
books['beyond-good-and-evil']['notes']=sum(x.lower().count('[footnote') for x in L[s:e])
books['beyond-good-and-evil']['note']+='; paragraphs: count.py\'s count less 237. alone on its line (the seven couplets under it, one to a line, are paragraphs); notes: the seven [Footnote: ...] set inline'
# Повести Белкина: one paragraph per line, blank lines only between the
# stories; the book's title, an epigraph (a scene of Недоросль), От
# издателя (with a letter), then five stories, each with a title and an
# epigraph whose attribution runs into the next line (БаратынскийЯ
# поклялся ..., ЖуковскийВ конце 1811 года ...); Выстрел in two parts I and
# II; Конец повестям Белкина closes the book; the notes [1] ... [20], their
# numbers alone on lines under Примечания, each over its text
L=lines('ru_pushkin_povesti_belkina.txt'); s=find(L,r'От издателя$'); fin=find(L,r'Конец повестям',s)
heads={'От издателя':1,'Выстрел':1,'I':2,'II':2,'Метель':1,'Гробовщик':1,'Станционный смотритель':1,'Барышня-крестьянка':1}
h=[[heads[L[i].strip()],L[i].strip()] for i in range(s,fin) if L[i].strip() in heads]
# not paragraphs: the headings; the epigraphs with their attributions
# (Стрелялись мы. / Баратынский + Я поклялся ... / Вечер на бивуаке; the
# verse of Жуковский, Державин, Вяземский, Богданович); three verse lines
# quoted alone in the text (И в воздух чепчики бросали., Se amor non è, che
# dunque?..[6], Но на чужой манер хлеб русский не родится,)
epi=set()
for first,last in ((r'Стрелялись мы\.$',r'Вечер на бивуаке$'),(r'Кони мчатся',r'Воздымая гривы'),
                   (r'Не зрим ли',r'Седин дряхлеющей'),(r'Коллежский регистратор,',r'Почтовой станции'),
                   (r'Во всех ты, Душенька',r'Богданович')):
    a=find(L,first,s); b=find(L,last,a); epi.update(range(a,b+1))
quoted=[find(L,p,s) for p in (r'И в воздух чепчики',r'Se amor non',r'Но на чужой манер')]
paras=[i for i in range(s,fin) if L[i].strip() and L[i].strip() not in heads and i not in epi and i not in quoted]
books['povesti-belkina']=dict(file='ru_pushkin_povesti_belkina.txt',title='Повести покойного Ивана Петровича Белкина',
    author=None,lang='ru',headings=h,paragraphs=len(paras),verse=3,notes=20,
    note='levels: От издателя and the five stories on one level, Выстрел\'s parts I and II under it; the title\'s epigraph (Г-жа Простакова. ... Недоросль) and each story\'s are epigraphs, not headings or paragraphs; the attributions run into the next line in this file (БаратынскийЯ поклялся ...: the second epigraph; ЖуковскийВ конце 1811 года ...: the first paragraph); Конец повестям Белкина closes the book, no paragraph; Примечания is the notes\' heading, not a section; author: the text names none (the preface is signed А. П.); verse: the epigraphs of Метель (one quotation, an omission marked by a row of dots), Гробовщик and Станционный смотритель; Стрелялись мы., Во всех ты, Душенька, нарядах хороша. and three lines in the text are verse lines quoted alone; notes: the 20 texts under Примечания, each under its number alone on a line')
# Father Goriot: a title page (FATHER GORIOT, By, Translated by Ellen
# Marriage), a dedication signed DE BALZAC, then the novel under its title
# repeated, with no chapters; after it an ADDENDUM listing the personages
# who appear in other stories, an indented index of names over titles
L=lines('1237-0.txt'); s=find(L,r'FATHER GORIOT$',40); e=endline(L)
ad=find(L,r'ADDENDUM$',s)
book('father-goriot','1237-0.txt','Father Goriot','Honore de Balzac','en',
     [[1,'FATHER GORIOT'],[1,'ADDENDUM']],s,e,
     'the title page (By Honore De Balzac, Translated by Ellen Marriage) and the dedication (To the great and illustrious Geoffroy Saint-Hilaire ... DE BALZAC.) are front matter; the novel opens under its title repeated (FATHER GORIOT), a heading, and has no chapters; ADDENDUM heads the index of personages (Ajuda-Pinto, Marquis Miguel d\' / Scenes from a Courtesan\'s Life ...), a list indented under one paragraph, neither verse nor paragraphs')
# count.py skips two one-line paragraphs ending in a dash (Oh! I have just
# seen something so funny----, Eugene broke the seal and read:--); read in
# the book they are text.  The letters, set in by one or two spaces, are
# quotations, as in the other books
books['father-goriot']['paragraphs'] += 2
# read in the book: twelve verse blocks, the couplet on Voltaire's statue
# (Whoe'er thou art, thy master see) and the songs Vautrin and the others
# sing (The same old story everywhere, A charming girl is my Fanchette, Oh!
# Richard, oh my king! in two stanzas, Partant pour la Syrie ...); the line
# .... led by chance." set alone is the end of a song broken off by speech,
# one line, not a stanza; the note quoted in the middle of a sentence (When,
# instead of dining with the English Ambassador," / she wrote) is prose
books['father-goriot']['verse']=12
books['father-goriot']['note']+='; paragraphs: count.py\'s count plus two one-line paragraphs ending in a dash; verse: 12 blocks by reading (the couplet on the statue and the songs; .... led by chance." is one line of a song broken off)'
# Huckleberry Finn: a contents list naming each chapter with its synopsis
# (CHAPTER I. Civilizing Huck.--Miss Watson ...), a list of illustrations,
# EXPLANATORY (a note on the dialects signed THE AUTHOR.), then the story
# under its half-title HUCKLEBERRY FINN (Scene: / Time: under it) and the
# chapters, CHAPTER I. alone on its line, up to CHAPTER THE LAST
L=lines('76-0.txt'); s=find(L,r'EXPLANATORY$',300); c1=find(L,r'CHAPTER I\.$',s); e=endline(L)
h=[[1,'EXPLANATORY'],[1,'HUCKLEBERRY FINN']]+[[2,L[i].strip()] for i in range(c1,e) if re.match(r'CHAPTER ([IVXL]+\.|THE LAST)',L[i])]
book('huckleberry-finn','76-0.txt','Adventures of Huckleberry Finn','Mark Twain','en',h,c1,e,
     'levels: EXPLANATORY and the story\'s half-title HUCKLEBERRY FINN above the chapters (CHAPTER I. alone on its line; the synopses are only in the contents list, which is not a heading); author as the title page names him (By Mark Twain; the header: Mark Twain (Samuel Clemens)); ODE TO STEPHEN DOWLING BOTS, DEC\'D titles a poem quoted in chapter XVII, not a section')
# this edition runs the Ode's stanzas and the duke's soliloquy on as prose
# (And did young Stephen sicken,    And did young Stephen die? And did the),
# so read in this text they are paragraphs, not verse kept line by line:
# count.py counts them so and extra.py finds no verse.  count.py skips two
# lines of the show bill (and, (by special request,)) and the letter's
# signature _Huck Finn._ that stands as its own paragraph
books['huckleberry-finn']['paragraphs'] += 3
books['huckleberry-finn']['note']+='; verse: none kept line by line (the Ode\'s six stanzas and the soliloquy are run on as prose in this edition); paragraphs: count.py\'s count plus two lines of the show bill and the signature _Huck Finn._'
# Pride and Prejudice: Chapter 1 ... Chapter 61 alone on their lines; a
# few scene breaks (* * * * *); letters not set in
L=lines('Pride_and_Prejudice_JaneAusten.txt'); s=find(L,r'Chapter 1$'); e=endline(L)
book('pride-and-prejudice','Pride_and_Prejudice_JaneAusten.txt','Pride and Prejudice','Jane Austen','en',
     [[1,L[i].strip()] for i in range(s,e) if re.match(r'Chapter \d+$',L[i].strip())],s,e,
     'Chapter N alone on its line; the * * * * * lines are scene breaks')
# count.py skips three letters' openings on lines of their own ending in a
# dash (MY DEAR FRIEND,--, MY DEAREST LIZZY,--, Dear Sir,--): text
books['pride-and-prejudice']['paragraphs'] += 3
books['pride-and-prejudice']['note']+='; paragraphs: count.py\'s count plus three letters\' openings ending in a dash'
# The Art of War: a title page and dedication, a Preface to the Project
# Gutenberg Etext, INTRODUCTION with six titled parts underlined with
# hyphens and 74 footnotes under Footnotes at its end (1.  SHI CHI, ch.
# 65.), then the thirteen chapters (I.  LAYING PLANS), each ending with its
# own notes [1] ....  Paragraphs start with an indent of five spaces and
# run on without blank lines (numbered sayings, the commentary in
# brackets); the quotations are set in by two with a deeper first line
L=lines('The-Art-of-War.txt'); s=find(L,r'Preface to the Project Gutenberg'); e=find(L,r'\*\*\*END OF',s)
fn=find(L,r'Footnotes$',s); c1=find(L,r'I\.  LAYING PLANS',fn)
h=[[1,L[s].strip()],[1,'INTRODUCTION']]+[[2,L[i].strip()] for i in range(s+2,fn) if re.fullmatch(r'-{3,}',L[i+1].strip()) and L[i].strip()]+[[1,' '.join(L[i].split())] for i in range(c1,e) if re.match(r'\s*[IVX]+\.  [A-Z ]+$',L[i])]
books['art-of-war']=dict(file='The-Art-of-War.txt',title='The Art of War',author='Sun Tzu',lang='en',headings=h)
# count.py takes this book's paragraphs, each opening a block indented by
# five, for quotations when they stand alone on one line, so they are
# counted here by their starts: a line indented by five, or a line after a
# blank one, outside headings, rules, notes, the chronological table (B.C.
# |), the quotations (first line indented by seven, the rest by two), the
# signature of the preface and the lists of books in the bibliography
def ind(x): return len(x)-len(x.lstrip())
def aow_paras(a,b):
    n=0; bl=[]
    for i in range(a,b+1):
        if i<b and L[i].strip(): bl.append(L[i]); continue
        if not bl: continue
        t,bl=bl,[]
        if len(t)>=2 and re.fullmatch(r'-{3,}',t[1].strip()) or t[0].strip()=='INTRODUCTION': continue
        if re.fullmatch(r'-{10,}',t[0].strip()): t=t[1:]
        if not t or re.match(r'\s*[IVX]+\.  [A-Z ]+$',t[0]) or re.match(r'\[\d+\] ',t[0]) or '|' in t[0]: continue
        if ind(t[0])>=7 or len(t)>1 and ind(t[0])>=2 and min(ind(x) for x in t[1:])>=2: continue
        n+=sum(1 for j,x in enumerate(t) if j==0 or ind(x)==5)
    return n
books['art-of-war']['paragraphs']=aow_paras(s,fn)+aow_paras(c1,e)
# read in the book: one verse quotation, in a bracketed comment of chapter
# IV (the world's coarse thumb / And finger fail to plumb.); the notes are
# the 74 of the introduction (their markers [1] ... [74] in its text) and
# the chapters' own, [1] ... under each
books['art-of-war']['verse']=1
books['art-of-war']['notes']=sum(1 for x in L[fn:c1] if re.match(r'\d+\.  ',x))+sum(1 for x in L[c1:e] if re.match(r'\[\d+\] ',x))
books['art-of-war']['note']=('levels: the Preface to the Project Gutenberg Etext, INTRODUCTION and the thirteen chapters on one level, the introduction\'s six parts under it; '
    'the title page (SUN TZU ON THE ART OF WAR ... BY LIONEL GILES, M.A.) and the dedication are front matter; Footnotes heads the introduction\'s notes, not a section; '
    'paragraphs: counted by their starts (indented five, run on without blank lines) from the Preface to the end, less the quotations, the table, the lists and the notes; '
    'verse: the two lines the world\'s coarse thumb / And finger fail to plumb in chapter IV; notes: the introduction\'s 74 and the chapters\' 16')
# Five more, read the same way before the reader's output on them was looked at.
# The Prophet: a title page, a quotation of Claude Bragdon, a list of Gibran's
# books and a contents list of 28 discourses (On Love ... The Farewell) that
# the text never heads: it runs on under THE PROPHET, the title set again
# over the text, its discourses parted by ***** and ***** *****.  The prose is
# wrapped at a measure of forty, one sentence to a paragraph; count.py takes
# two short paragraphs for verse (But I say unto you, they are / inseparable.),
# and extra.py a doubled break for a stanza: no verse.  {15} page numbers
# are inline
L=lines('58585-0.txt'); s=find(L,r'THE PROPHET$',100); e=endline(L)
book('the-prophet','58585-0.txt','The Prophet','Kahlil Gibran','en',[[1,'THE PROPHET']],s,e,
     'no headings but the title set again over the text (THE PROPHET): the 28 discourses the contents list names are not headed in the text, only parted by ***** and ***** *****; the Bragdon quotation, the list of books and the contents are front matter; the prose is wrapped at forty, one sentence to a paragraph, none of it verse')
books['the-prophet']['paragraphs'] += 2
books['the-prophet']['verse'] = 0
books['the-prophet']['note'] += '; paragraphs: count.py\'s count plus two short ones it takes for verse; verse: none (extra.py\'s one block is two ***** lines)'
# Крейцерова соната: the author and title, two epigraphs from Matthew with
# their references, then chapters I to XXVIII alone on their lines, one
# paragraph per line indented by three
L=lines('ru_tolstoy_kreitserova_sonata.txt'); s=find(L,r'I$'); e=len(L)
book('kreutzer-sonata','ru_tolstoy_kreitserova_sonata.txt','Крейцерова соната','Л. Н. Толстой','ru',
     [[1,L[i].strip()] for i in range(s,e) if re.match(r'[IVXL]+$',L[i].strip())],s,e,
     'chapters I ... XXVIII alone on their lines; the two epigraphs (А я говорю вам ... (Матфея V, 28), Говорят ему ученики его ... (Матфея XIX, 10, 11, 12)) are front matter; one paragraph per line')
# The Log School-House on the Columbia: a title page, a PREFACE signed H.B.
# with an address, a contents list, a list of illustrations, then CHAPTER I.
# ... CHAPTER XVIII. each over its title on the next line, four tales told
# inside chapters under titles of their own (_THE CONJURED MELONS._), and
# HISTORICAL NOTES in six parts, I. over VANCOUVER. ...; part V. has no title
# and quotes WHITMAN'S RIDE FOR OREGON., a poem in nine stanzas numbered I.
# to IX.  Songs and hymns set in by four; four notes [A] ... [D] under
# FOOTNOTES: at the ends of chapters VII, IX and XVI
L=lines('14881.txt'); p=find(L,r'PREFACE\.$'); c=find(L,r'CONTENTS\.$',p); s=find(L,r'CHAPTER I\.$',c)
hn=find(L,r'HISTORICAL NOTES\.$',s); e=endline(L); h=[[1,'PREFACE.']]
for i in range(s,hn):
    if re.match(r'CHAPTER [IVXL]+\.?$',L[i].strip()): h.append([1,L[i].strip()+' '+ws(L[nextnb(L,i)])])
    elif re.fullmatch(r'_THE [A-Z ]+\._',L[i].strip()): h.append([2,L[i].strip()])
h.append([1,'HISTORICAL NOTES.'])
for i in range(hn,e):
    if re.fullmatch(r'[IVX]+\.',L[i].strip()) and not L[i-1].strip() and not L[i-2].strip() and not L[i-3].strip():
        t=ws(L[nextnb(L,i)]); h.append([2,L[i].strip()+(' '+t if re.fullmatch(r"[A-Z' ]+\.",t) else '')])
book('log-school-house','14881.txt','The Log School-House on the Columbia','Hezekiah Butterworth','en',h,s,e,
     'levels: the PREFACE, the eighteen chapters (CHAPTER I. over GRETCHEN\'S VIOLIN.) and HISTORICAL NOTES on one level; the tales told in chapters VII, VIII, IX and XI under titles of their own (_THE CONJURED MELONS._) and the six historical notes (I. over VANCOUVER.; V. untitled) under them; WHITMAN\'S RIDE FOR OREGON. titles a poem quoted in note V, and I. ... IX. over its stanzas are stanza numbers; FOOTNOTES: heads the notes [A] ... [D], not a section; the contents and the list of illustrations are front matter')
# count.py counts the chapters' titles, the historical notes' numbers and
# titles, the poem's title and stanza numbers and the three FOOTNOTES: labels
# (44 lines ending in a full stop), the [Music: Tranmerei. caption and two
# captions wrapped over two lines; it skips two one-line paragraphs leading
# into a quotation with a dash (had reached the line--, went out,
# singing--); the PREFACE has four paragraphs
books['log-school-house']['paragraphs'] += -44 - 1 - 2 + 2 + 4
# extra.py misses five stanzas of the Whitman poem (III to VII) set deeper
# than the text, which count.py takes for quotations; it does not know
# lettered notes [Footnote A: See Historical Notes.]
books['log-school-house']['verse'] += 5
books['log-school-house']['notes'] = 4
books['log-school-house']['note'] += '; paragraphs: count.py\'s count less 44 title, number and label lines and three captions, plus two lines leading into a quotation and the preface\'s four; verse: extra.py\'s 38 and five stanzas of the Whitman poem it misses; notes: the four lettered footnotes'
# The Correspondence of Thomas Carlyle and Ralph Waldo Emerson, Vol. I: a
# title page, two epigraphs, an EDITORIAL NOTE signed by Charles Eliot Norton
# and dated, a NOTE TO REVISED EDITION listing letters, a contents list
# summing up each letter, an introduction under CORRESPONDENCE OF CARLYLE AND
# EMERSON, then 75 letters headed I.  Emerson to Carlyle (LX. Carlyle to Mrs.
# Emerson), each with a dateline, a salutation run into its first paragraph
# and a closing; 76 notes * text (** text) set between rules of hyphens
# after the paragraph that marks them
L=lines('pg13583.txt'); ed=find(L,r'EDITORIAL NOTE$'); s=find(L,r'CORRESPONDENCE OF CARLYLE AND EMERSON$',200)
e=find(L,r'End of Vol\. I\.',s)
h=[[1,'EDITORIAL NOTE'],[1,'NOTE TO REVISED EDITION'],[1,'CORRESPONDENCE OF CARLYLE AND EMERSON']]+[
    [1,ws(L[i].replace('*',''))] for i in range(s,e) if re.match(r'[IVXL]+\.\s+\S.* to ',L[i])]
books['carlyle-emerson']=dict(file='pg13583.txt',title='The Correspondence of Thomas Carlyle and Ralph Waldo Emerson, 1834-1872, Vol. I',
    author='Thomas Carlyle and Ralph Waldo Emerson',lang='en',headings=h)
# count.py skips the letters' datelines, closings and signatures, which
# read in the book are paragraphs of the letters (each block one: 5 Cheyne
# Row, Chelsea, London / 13 May, 1835; Yours ever, / T. Carlyle; --T.
# Carlyle set far in) and counts the notes; so the blocks were sorted by
# hand-written rules and checked by eye: of the introduction's and the
# letters' 696 blocks, 75 headings, 76 notes, 5 set in by four (four verse,
# one a printer's estimate, a table), 36 signatures set in alone and 543
# others, less the LX heading and two couplets quoted flush (Why? and
# WHEREFORE? ..., If her heart at high floods ...): 576; the two notes
# before the contents have 7 paragraphs, a dateline, a signature --C.E.N.
# and a date (their lists of letters are tables)
books['carlyle-emerson']['paragraphs']=543-1-2+36+7+3
books['carlyle-emerson']['verse']=6
books['carlyle-emerson']['notes']=76
books['carlyle-emerson']['note']=('levels: the two editor\'s notes, the introduction (CORRESPONDENCE OF CARLYLE AND EMERSON) and the 75 letters (I.  Emerson to Carlyle; the * after three is a note marker) on one level; '
    'the title page, the epigraphs and the contents list (one summary per letter) are front matter; paragraphs: each letter\'s dateline, closing and signature count as paragraphs, the notes * text between rules of hyphens do not; '
    'verse: two stanzas There is no record left on earth, the hexameters As journeys this Earth, Wi\' sic as he, and the couplets Why? and WHEREFORE? and If her heart at high floods; notes: 76 * texts')
# Four more, read the same way before the reader's output on them was looked at.
# Persuasion (Mme Letorsay's French): a transcriber's note Au lecteur set in, the
# title page set in (MISS AUSTEN / PERSUASION / ROMAN TRADUIT DE L'ANGLAIS ...
# 1882), then the half-title PERSUASION over CHAPITRE PREMIER, CHAPITRE II ...
# XXIV alone on their lines; the Elliot entry of the baronetage and three
# letters set in by three are quotations; after the text a contents TABLE, the
# printer's line and the transcriber's list of corrections
L=lines('fr_Persuasion.txt'); s=find(L,r'CHAPITRE PREMIER$'); e=find(L,r'TABLE$',s)
book('persuasion-fr','fr_Persuasion.txt','Persuasion','Jane Austen','fr',
     [[1,'PERSUASION']]+[[2,L[i].strip()] for i in range(s,e) if re.match(r'CHAPITRE ([IVXL]+|PREMIER)$',L[i].strip())],s,e,
     'levels: the half-title PERSUASION over the 24 chapters (CHAPITRE PREMIER, CHAPITRE II ... alone on their lines), as Huckleberry Finn\'s; Au lecteur (the transcriber\'s note), the title page set in, the TABLE after the text, the printer\'s line and the Liste des modifications are not the book; the Elliot entry of the baronetage (_Famille Elliot, de Kellynch-Hall_: ...) and the letters of Marie, of William Elliot and of Wentworth, set in by three, are quotations, not paragraphs or verse')
# Шинель (RusLit, not from Project Gutenberg): the author and the title, then
# the story one paragraph per line with no chapters; one note, papa[1], whose
# text stands under Примечания, its number alone on a line
L=lines('ru_gogol_shinel.txt'); s=find(L,r'Шинель$'); e=find(L,r'Примечания$',s)
book('shinel','ru_gogol_shinel.txt','Шинель','Николай Васильевич Гоголь','ru',[],s,e,
     'no headings: the author and the title are the title page, the story runs on without chapters, one paragraph per line; Примечания is the notes\' heading, not a section; notes: one (bonjour, papa[1], its text Добрый день папа! under its number 1)')
books['shinel']['notes'] = 1
# Zarlah the Martian: a frontispiece caption, the title page (Zarlah The
# Martian / By / R. Norman Grisewood / 1909), a half-title, a contents list,
# the half-title ZARLAH, THE MARTIAN. again over CHAPTER I. with its title on
# the next line but one; three quotations of verse set in by four, one with an
# omission marked by a row of asterisks; the closing note PARIS, February 17,
# 19--. ... ALMOS. after a break, then THE END.
L=lines('Zarlah_the_Martian_RNormanGrisewood.txt'); s=find(L,r'CHAPTER I\.$'); e=endline(L)
book('zarlah-the-martian','Zarlah_the_Martian_RNormanGrisewood.txt','Zarlah the Martian','R. Norman Grisewood','en',
     [[1,'ZARLAH, THE MARTIAN.']]+[[2,L[i].strip()+' '+ws(L[nextnb(L,i)])] for i in range(s,e) if re.match(r'CHAPTER [IVXL]+\.$',L[i].strip())],s,e,
     'levels: the half-title ZARLAH, THE MARTIAN. over the 14 chapters (CHAPTER I. over THE STRANGE SHADOW.); the frontispiece caption, the title page, the half-title _Zarlah, The Martian_ and the contents are front matter; the closing note after the last break (PARIS, February 17, 19--. ... ALMOS.) is three paragraphs of chapter XIV; THE END. closes the book')
# count.py counts 13 chapter titles ending in a full stop and THE END.; it
# skips one paragraph ending in a dash (A moment's consciousness--a
# flickering light--)
books['zarlah-the-martian']['paragraphs'] += -13 - 1 + 1
books['zarlah-the-martian']['note'] += '; paragraphs: count.py\'s count less 13 chapter titles and THE END., plus one line ending in a dash; verse: the quotations of Scollard and FitzGerald and Addison\'s ode in two blocks, its omission between them'
# Narrative of the Captivity and Restoration of Mrs. Mary Rowlandson: the
# title and By line, the 1682 title page run on as one paragraph (The
# sovereignty and goodness of GOD ... deliver out of my hand.), an opening
# without a heading, then THE FIRST REMOVE ... THE TWENTIETH REMOVE (THE
# SIXTEENTH REMOVAL) alone on their lines; five remarks numbered 1. to 5. in
# the last; Finis.  Scripture references wrap onto the next line (Psalm /
# 38.5-6 "My wounds ...)
L=lines('pg851.txt'); s=find(L,r'On the tenth of February'); e=find(L,r'Finis\.$',s)
book('captivity-and-restoration','pg851.txt','Narrative of the Captivity and Restoration of Mrs. Mary Rowlandson','Mrs. Mary Rowlandson','en',
     [[1,L[i].strip()] for i in range(s,e) if re.match(r'THE \w+ REMOV(E|AL)$',L[i].strip())],s,e,
     'the title with its By line and the 1682 title page run on as one paragraph (The sovereignty and goodness of GOD ...) are front matter; the opening has no heading; the twenty removes (THE FIRST REMOVE ... THE SIXTEENTH REMOVAL ...) on one level; the five remarks numbered 1. to 5. in the twentieth are paragraphs, not a list; lines opening with a reference wrapped from the line before (38.5-6 "My wounds ..., 119.22-24).) are no list items; Finis. closes the book; no verse, no notes ([sic], [his] are the editor\'s)')
# Narrative of the Life of Frederick Douglass: a title page, a contents list,
# Garrison's PREFACE signed WM. LLOYD GARRISON BOSTON, ..., LETTER FROM
# WENDELL PHILLIPS, ESQ. (a dateline, My Dear Friend:, a closing), the
# transcriber's FREDERICK DOUGLASS. (a short life), CHAPTER I ... CHAPTER XI
# alone on their lines, an APPENDIX and A PARODY (set in as <b>A PARODY</b>),
# which the contents sets level with it.  Songs and poems set in by five:
# the Great House Farm song, Whittier's Gone, gone, sold and gone (twelve
# lines, which extra.py takes for prose wrapped narrower), Hamlet's two lines,
# Just God! in four stanzas and the parody in thirteen; the protection and
# WILLIAM HAMILTON, set in likewise, are a document, not verse.  Four notes
# set in under their paragraphs: *This is the same man, *She was free.,
# **I had changed my name and * I am told (extra.py knows only the first two)
L=lines('pg23.txt'); p=find(L,r'PREFACE$',80); e=find(L,r'THE END$',p)
h=[[1,'PREFACE'],[1,'LETTER FROM WENDELL PHILLIPS, ESQ.'],[1,'FREDERICK DOUGLASS.']]+[
    [1,L[i].strip()] for i in range(p,e) if re.match(r'CHAPTER [IVXL]+$',L[i].strip())]+[[1,'APPENDIX'],[1,'A PARODY']]
book('douglass','pg23.txt','The Narrative of the Life of Frederick Douglass','Frederick Douglass','en',h,p,e,
     'levels: PREFACE, LETTER FROM WENDELL PHILLIPS, ESQ., the transcriber\'s FREDERICK DOUGLASS. (a short life), the eleven chapters (CHAPTER I alone on its line), APPENDIX and A PARODY (set as <b>A PARODY</b>; the contents sets it level with APPENDIX) on one level; '
     'the note from the original file, the title page and the contents are front matter; title: the header\'s main title, its subtitle (An American Slave) a subtitle, as the other books\' are (the title page prints NARRATIVE OF THE LIFE OF FREDERICK DOUGLASS / AN AMERICAN SLAVE. WRITTEN BY HIMSELF.)')
# count.py counts the two headings that end in a full stop and skips the
# closing _Till then, and ever,_ Yours truly, WENDELL PHILLIPS
books['douglass']['paragraphs'] += -2 + 1
books['douglass']['verse'] = 20
books['douglass']['notes'] = 4
books['douglass']['note'] += ('; paragraphs: count.py\'s count less the two headings ending in a full stop, plus the closing Yours truly, WENDELL PHILLIPS; the protection (This is to certify ..., WILLIAM HAMILTON,) is set in, a quotation; '
    'verse: the Great House Farm song, Gone, gone, sold and gone (twelve lines), rather bear those ills we had, Just God! (four stanzas) and the parody (thirteen); notes: four, * and ** set in under their paragraphs')
# Белые ночи: the title, the subtitle in two lines, an epigraph from Turgenev
# (three lines of verse and Ив. Тургенев), then Ночь первая ... Ночь
# четвертая and Утро alone on their lines, one paragraph per line; the one
# note [1] (ei suoi amanti) under Примечания, its number alone on a line.
# The digits after stressed vowels (что2, ка2к) are accents, not notes
L=lines('ru_dostoevsky_belye_nochi.txt'); s=find(L,r'Ночь первая$'); e=find(L,r'Примечания$',s)
h=[[1,L[i].strip()] for i in range(s,e) if re.match(r'(Ночь \w+|Утро)$',L[i].strip())]
books['belye-nochi']=dict(file='ru_dostoevsky_belye_nochi.txt',title='Белые ночи',author=None,lang='ru',headings=h,
    paragraphs=sum(1 for i in range(s+1,e) if L[i].strip() and not re.match(r'(Ночь \w+|Утро)$',L[i].strip())),
    verse=1,notes=1,
    note='the four nights (Ночь первая ... Ночь четвертая) and Утро alone on their lines, on one level; the subtitle (Сентиментальный роман / Из воспоминаний мечтателя) is the title page\'s; '
         'author: the text names none (Ив. Тургенев signs the epigraph); one paragraph per line, Настенька\'s letters too (Простите нас, помните и любите вашу / Настеньку».Я долго ... runs the signature into the next paragraph); '
         'verse: the epigraph (…Иль был он создан для того, three lines, Ив. Тургенев); notes: [1] ei suoi amanti, its text under Примечания; the digits in что2, ка2к are stress marks')
# From Newton to Einstein: a title page set in, PREFACE and PREFACE TO SECOND
# EDITION signed B. H. set in, a TABLE OF CONTENTS, two pages of mottoes under
# NEWTON and EINSTEIN (facing the portraits), chapters I over NEWTON, II, III
# each with REFERENCES at its end, an APPENDIX of nine notes Note 1 (page 21)
# and three articles TIME, SPACE, AND GRAVITATION [14] (By Prof. Albert
# Einstein), EINSTEIN'S LAW OF GRAVITATION [15] and THE DEFLECTION OF LIGHT ...
# wrapped over two lines, the report of a meeting whose three speakers head
# their parts (Sir Frank Dyson / the Astronomer Royal); 16 notes [1] under
# NOTES at the end, three of the articles' titles marked
L=lines('From_Newton_to_Einstein_BenjaminHarrow.txt'); p=find(L,r'PREFACE$'); a=find(L,r'APPENDIX$',p); e=find(L,r'NOTES$',a)
h=[[1,'PREFACE'],[1,'PREFACE TO SECOND EDITION']]
for i in range(p,a):
    if re.fullmatch(r'[IVX]+',L[i].strip()): h.append([1,L[i].strip()+' '+ws(L[nextnb(L,i)])])
    elif L[i].strip()=='REFERENCES': h.append([2,'REFERENCES'])
h.append([1,'APPENDIX'])
for i in range(a,e):
    t=L[i].strip()
    if re.fullmatch(r'Note \d \(page \d+\)',t): h.append([2,t])
    elif re.fullmatch(r"[A-Z][A-Z ,']+\[1[45]\]",t): h.append([2,t])
    elif t.startswith('THE DEFLECTION OF LIGHT'): h.append([2,t+' '+L[i+1].strip()])
    elif re.fullmatch(r'(Sir|Professor) [A-Z][\w. ]+',t) and len(t)<30 and not L[i-1].strip() and L[i+1].strip(): h.append([3,t+' '+L[i+1].strip()])
book('newton-to-einstein','From_Newton_to_Einstein_BenjaminHarrow.txt','From Newton to Einstein','Benjamin Harrow','en',h,p,e,
     'levels: the two prefaces, the three chapters (I over NEWTON) and APPENDIX on one level; each chapter\'s REFERENCES, the appendix\'s nine notes (Note 1 (page 21)) and three articles under them; the report\'s three speakers (Sir Frank Dyson / the Astronomer Royal) under the third article; '
     'the title page, the contents and the mottoes under NEWTON and EINSTEIN facing the portraits are front matter; NOTES heads the notes, not a section')
# count.py counts the mottoes (4), the list of three predictions (1. The
# distortion ...) and the third article's title wrapped over two lines, and
# skips the signatures B. H. set in, (Dr. Walker) and the two By lines;
# the equations set in ($$x' = ...$$) are neither
books['newton-to-einstein']['paragraphs'] += -4 - 3 - 1 + 2 + 1 + 2
books['newton-to-einstein']['verse'] = 0
books['newton-to-einstein']['notes'] = 16
books['newton-to-einstein']['note'] += ('; paragraphs: count.py\'s count less the four mottoes, the three predictions (a list) and a wrapped title, plus the signatures B. H., (Dr. Walker) and the By lines; the equations set in are no paragraphs; '
    'verse: none (extra.py\'s four are the By line and the speakers\' names); notes: the 16 texts [1] ... [16] under NOTES (the 13th runs on for two paragraphs)')
# Caper-Sauce: a title page, a list of the author's books, a PREFACE. of one
# paragraph signed FANNY FERN. and dated, a contents list of 69 pieces, the
# title set again over the text (CAPER-SAUCE.), then the 69 pieces, each
# under its title in capitals between underscores (_EDITORS._), parted
# within by rows of *; hymns and rhymes quoted set in by five, letters and
# court reports set in likewise (prose); no notes
L=[x.rstrip('\r') for x in lines('pg39944.txt')]; p=find(L,r'PREFACE\.$'); s=find(L,r'CAPER-SAUCE\.$',p); e=find(L,r'THE END\.$',s)
h=[[1,'PREFACE.'],[1,'CAPER-SAUCE.']]+[[2,L[i].strip().replace('_','')] for i in range(s,e) if re.fullmatch(r'"?_[^a-z]+_"?',L[i].strip())]
book('caper-sauce','pg39944.txt','Caper-Sauce','Fanny Fern','en',h,s,e,
     'levels: PREFACE. and the title set again over the text (CAPER-SAUCE.) on one level, the 69 pieces (_EDITORS._, "_EVERY FAMILY SHOULD HAVE IT._") under it, as the contents names them; '
     'the title page, the list of NEW BOOKS and the contents are front matter; the rows of * part a piece within, no headings')
# count.py counts the one title ending in a quotation mark and CAPER-SAUCE.; the PREFACE.
# has three paragraphs (the text, FANNY FERN., NEW YORK, 1872.)
books['caper-sauce']['paragraphs'] += -2 + 3
books['caper-sauce']['notes'] = 0
books['caper-sauce']['note'] += ('; paragraphs: count.py\'s count less CAPER-SAUCE. and the one title ending in a quotation mark, plus the preface\'s three; the court reports and letters set in are quotations; '
    'verse: extra.py\'s six, checked by reading (Pass me not, O gentle Saviour; If I ask Him; Zaccheus he; Truth is sure; Come one--come all; All work and no play)')
for n,b in books.items():
    json.dump(b,open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '%s.json' % n), 'w'),ensure_ascii=False,indent=1)
    print(n,len(b['headings']),b['paragraphs'],b['verse'],b['notes'])
