/*
** lazy_xml.h
** libxml2, loaded the first time one of its functions is called.
** See LICENSE.
**
** Include this after (instead of) libxml2's own headers: every name below then
** calls through a pointer filled by dlopen/dlsym on first use, so a conversion
** that needs no libxml2 does not pay for loading it (and what it pulls in) at
** start-up.  A libxml2 function not listed here fails to link: add it.
*/
#ifndef SZ_LAZY_XML_H
#define SZ_LAZY_XML_H

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlwriter.h>
#include <libxml/entities.h>
#include <libxml/encoding.h>

#define SZ_XML_SYMS(X) \
    X(__xmlGenericError) \
    X(__xmlGenericErrorContext) \
    X(htmlNewParserCtxt) \
    X(inputPush) \
    X(xmlBufferDetach) \
    X(xmlFreeParserInputBuffer) \
    X(xmlNewIOInputStream) \
    X(xmlNewParserCtxt) \
    X(xmlParserInputBufferCreateIO) \
    X(xmlSetGenericErrorFunc) \
    X(xmlTextWriterWriteRawLen) \
    X(htmlCreateMemoryParserCtxt) \
    X(htmlCtxtUseOptions) \
    X(htmlEntityLookup) \
    X(htmlFreeParserCtxt) \
    X(htmlParseDocument) \
    X(xmlBufferContent) \
    X(xmlBufferCreate) \
    X(xmlBufferFree) \
    X(xmlBufferLength) \
    X(xmlCreateMemoryParserCtxt) \
    X(xmlCtxtUseOptions) \
    X(xmlDocGetRootElement) \
    X(xmlEncodeSpecialChars) \
    X(xmlFree) \
    X(xmlFreeDoc) \
    X(xmlFreeParserCtxt) \
    X(xmlFreeTextWriter) \
    X(xmlGetPredefinedEntity) \
    X(xmlGetProp) \
    X(xmlMemSetup) \
    X(xmlNewTextWriter) \
    X(xmlNewTextWriterMemory) \
    X(xmlNodeGetContent) \
    X(xmlNodeListGetString) \
    X(xmlOutputBufferClose) \
    X(xmlOutputBufferCreateIO) \
    X(xmlParseDocument) \
    X(xmlReadMemory) \
    X(xmlStopParser) \
    X(xmlSwitchEncoding) \
    X(xmlTextWriterEndDocument) \
    X(xmlTextWriterEndElement) \
    X(xmlTextWriterFlush) \
    X(xmlTextWriterFullEndElement) \
    X(xmlTextWriterStartDocument) \
    X(xmlTextWriterStartElement) \
    X(xmlTextWriterWriteAttribute) \
    X(xmlTextWriterWriteDTD) \
    X(xmlTextWriterWriteRaw) \
    X(xmlTextWriterWriteString) \
    X(xmlValidateNCName)

#define SZ_LAZY_FIELD_(f) __typeof__(f) *p_##f;
struct sz_xml_api {
    SZ_XML_SYMS(SZ_LAZY_FIELD_)
};
#undef SZ_LAZY_FIELD_

extern struct sz_xml_api sz_xml_api;
extern int sz_xml_ready;
void sz_xml_load(void);
/* libxml2 gets our allocator (failalloc.c) when it is loaded. */
void sz_alloc_xml_init(void);

#define SZ_XML(f) \
    (__atomic_load_n(&sz_xml_ready, __ATOMIC_ACQUIRE) ? (void)0 : sz_xml_load(), sz_xml_api.p_##f)

#define htmlCreateMemoryParserCtxt (*SZ_XML(htmlCreateMemoryParserCtxt))
#define htmlCtxtUseOptions (*SZ_XML(htmlCtxtUseOptions))
#define htmlEntityLookup (*SZ_XML(htmlEntityLookup))
#define htmlFreeParserCtxt (*SZ_XML(htmlFreeParserCtxt))
#define htmlParseDocument (*SZ_XML(htmlParseDocument))
#define xmlBufferContent (*SZ_XML(xmlBufferContent))
#define xmlBufferCreate (*SZ_XML(xmlBufferCreate))
#define xmlBufferFree (*SZ_XML(xmlBufferFree))
#define xmlBufferLength (*SZ_XML(xmlBufferLength))
#define xmlCreateMemoryParserCtxt (*SZ_XML(xmlCreateMemoryParserCtxt))
#define xmlCtxtUseOptions (*SZ_XML(xmlCtxtUseOptions))
#define xmlDocGetRootElement (*SZ_XML(xmlDocGetRootElement))
#define xmlEncodeSpecialChars (*SZ_XML(xmlEncodeSpecialChars))
#define xmlFree (*SZ_XML(xmlFree))
#define xmlFreeDoc (*SZ_XML(xmlFreeDoc))
#define xmlFreeParserCtxt (*SZ_XML(xmlFreeParserCtxt))
#define xmlFreeTextWriter (*SZ_XML(xmlFreeTextWriter))
#define xmlGetPredefinedEntity (*SZ_XML(xmlGetPredefinedEntity))
#define xmlGetProp (*SZ_XML(xmlGetProp))
#define xmlMemSetup (*SZ_XML(xmlMemSetup))
#define xmlNewTextWriter (*SZ_XML(xmlNewTextWriter))
#define xmlNewTextWriterMemory (*SZ_XML(xmlNewTextWriterMemory))
#define xmlNodeGetContent (*SZ_XML(xmlNodeGetContent))
#define xmlNodeListGetString (*SZ_XML(xmlNodeListGetString))
#define xmlOutputBufferClose (*SZ_XML(xmlOutputBufferClose))
#define xmlOutputBufferCreateIO (*SZ_XML(xmlOutputBufferCreateIO))
#define xmlParseDocument (*SZ_XML(xmlParseDocument))
#define xmlReadMemory (*SZ_XML(xmlReadMemory))
#define xmlStopParser (*SZ_XML(xmlStopParser))
#define xmlSwitchEncoding (*SZ_XML(xmlSwitchEncoding))
#define xmlTextWriterEndDocument (*SZ_XML(xmlTextWriterEndDocument))
#define xmlTextWriterEndElement (*SZ_XML(xmlTextWriterEndElement))
#define xmlTextWriterFlush (*SZ_XML(xmlTextWriterFlush))
#define xmlTextWriterFullEndElement (*SZ_XML(xmlTextWriterFullEndElement))
#define xmlTextWriterStartDocument (*SZ_XML(xmlTextWriterStartDocument))
#define xmlTextWriterStartElement (*SZ_XML(xmlTextWriterStartElement))
#define xmlTextWriterWriteAttribute (*SZ_XML(xmlTextWriterWriteAttribute))
#define xmlTextWriterWriteDTD (*SZ_XML(xmlTextWriterWriteDTD))
#define xmlTextWriterWriteRaw (*SZ_XML(xmlTextWriterWriteRaw))
#define xmlTextWriterWriteString (*SZ_XML(xmlTextWriterWriteString))
#define xmlValidateNCName (*SZ_XML(xmlValidateNCName))
#define __xmlGenericError (*SZ_XML(__xmlGenericError))
#define __xmlGenericErrorContext (*SZ_XML(__xmlGenericErrorContext))
#define htmlNewParserCtxt (*SZ_XML(htmlNewParserCtxt))
#define inputPush (*SZ_XML(inputPush))
#define xmlBufferDetach (*SZ_XML(xmlBufferDetach))
#define xmlFreeParserInputBuffer (*SZ_XML(xmlFreeParserInputBuffer))
#define xmlNewIOInputStream (*SZ_XML(xmlNewIOInputStream))
#define xmlNewParserCtxt (*SZ_XML(xmlNewParserCtxt))
#define xmlParserInputBufferCreateIO (*SZ_XML(xmlParserInputBufferCreateIO))
#define xmlSetGenericErrorFunc (*SZ_XML(xmlSetGenericErrorFunc))
#define xmlTextWriterWriteRawLen (*SZ_XML(xmlTextWriterWriteRawLen))

#endif
