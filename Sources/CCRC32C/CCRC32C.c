// CRC-32C with the processor's instruction: the SSE 4.2 `crc32` instruction on x86-64 (Intel SDM,
// vol. 2A, "CRC32"), `crc32c*` on AArch64 (Arm ARM, FEAT_CRC32). Both compute the Castagnoli
// polynomial, reflected, on an inverted register, so the result equals the table-driven one.
#include "CCRC32C.h"

#include <string.h>

#if defined(__x86_64__)

__attribute__((target("sse4.2")))
static uint32_t crc32c_instruction(uint32_t crc, const unsigned char *bytes, size_t count) {
    uint64_t wide = crc;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, bytes, 8);
        wide = __builtin_ia32_crc32di(wide, word);
        bytes += 8;
        count -= 8;
    }
    crc = (uint32_t)wide;
    while (count > 0) {
        crc = __builtin_ia32_crc32qi(crc, *bytes);
        bytes++;
        count--;
    }
    return crc;
}

int histd_crc32c_hardware_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
}

#elif defined(__aarch64__) && defined(__linux__)

#include <sys/auxv.h>

#ifndef HWCAP_CRC32
#define HWCAP_CRC32 (1 << 7)
#endif

__attribute__((target("crc")))
static uint32_t crc32c_instruction(uint32_t crc, const unsigned char *bytes, size_t count) {
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, bytes, 8);
        crc = __builtin_arm_crc32cd(crc, word);
        bytes += 8;
        count -= 8;
    }
    while (count > 0) {
        crc = __builtin_arm_crc32cb(crc, *bytes);
        bytes++;
        count--;
    }
    return crc;
}

int histd_crc32c_hardware_available(void) {
    return (getauxval(AT_HWCAP) & HWCAP_CRC32) != 0;
}

#else

static uint32_t crc32c_instruction(uint32_t crc, const unsigned char *bytes, size_t count) {
    (void)bytes;
    (void)count;
    return crc;
}

int histd_crc32c_hardware_available(void) {
    return 0;
}

#endif

uint32_t histd_crc32c_hardware(uint32_t crc, const void *bytes, size_t count) {
    return crc32c_instruction(crc, (const unsigned char *)bytes, count);
}
