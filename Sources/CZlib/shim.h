#ifndef DISTILL_CZLIB_SHIM_H
#define DISTILL_CZLIB_SHIM_H
#include <zlib.h>
#endif
