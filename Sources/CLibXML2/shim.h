#ifndef DISTILL_CLIBXML2_SHIM_H
#define DISTILL_CLIBXML2_SHIM_H
/* libxml2's optional ICU converter header clashes with Foundation's own ICU module
   (_FoundationICU) in any Swift file that imports both; Distill never uses those converters. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xmlerror.h>
#endif
