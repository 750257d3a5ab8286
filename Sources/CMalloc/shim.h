// glibc's allocator settings (mallopt); absent elsewhere.
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
