#ifndef HISTD_CCRC32C_H
#define HISTD_CCRC32C_H

#include <stddef.h>
#include <stdint.h>

/// Nonzero when this processor has a CRC-32C instruction (x86-64 SSE 4.2, or AArch64 CRC).
int histd_crc32c_hardware_available(void);

/// Continues the CRC-32C register `crc` (already inverted by the caller) over `count` bytes with
/// the processor's instruction. Call only when histd_crc32c_hardware_available() is nonzero.
uint32_t histd_crc32c_hardware(uint32_t crc, const void *bytes, size_t count);

#endif
