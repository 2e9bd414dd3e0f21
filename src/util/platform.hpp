// Every compiler-specific speed trick of the library, each with a plain fallback: GCC/Clang
// vector extensions, the empty asm that keeps the compiler from splitting a branch, forced
// inlining, prefetching. Define COMPLIANCE_PLAIN to build the fallbacks everywhere (the tests
// compare each trick with its fallback on the same inputs: tests/platform_test.cpp).
#ifndef COMPLIANCE_SRC_UTIL_PLATFORM_HPP
#define COMPLIANCE_SRC_UTIL_PLATFORM_HPP

#include <cstdint>
#include <cstring>

#if (defined(__GNUC__) || defined(__clang__)) && !defined(COMPLIANCE_PLAIN)
#define COMPLIANCE_GNU_EXTENSIONS 1
#else
#define COMPLIANCE_GNU_EXTENSIONS 0
#endif

#if COMPLIANCE_GNU_EXTENSIONS
/// A function the compiler must inline into its callers (the point-query path's helpers).
#define COMPLIANCE_ALWAYS_INLINE __attribute__((always_inline)) inline
/// A function the compiler must not inline (a rare case kept out of its caller's registers).
#define COMPLIANCE_NOINLINE __attribute__((noinline))
#elif defined(_MSC_VER)
#define COMPLIANCE_ALWAYS_INLINE __forceinline
#define COMPLIANCE_NOINLINE __declspec(noinline)
#else
#define COMPLIANCE_ALWAYS_INLINE inline
#define COMPLIANCE_NOINLINE
#endif

namespace compliance::detail {

/// Starts loading the cache line holding `p` (a hint: no effect on results).
inline void prefetch(const void* p) noexcept {
#if COMPLIANCE_GNU_EXTENSIONS
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

/// `x` unchanged, but the compiler can no longer reason about its value: it then tests it once,
/// as written, instead of splitting the test into branches of its own choosing.
inline unsigned opaque(unsigned x) noexcept {
#if COMPLIANCE_GNU_EXTENSIONS
  __asm__("" : "+r"(x));
#endif
  return x;
}

/// Two words (sixteen bytes) with their ASCII upper-case letters lower-cased, other bytes
/// unchanged: byte by byte.
inline void lower16_plain(std::uint64_t word[2]) noexcept {
  unsigned char bytes[16];
  std::memcpy(bytes, word, 16);
  for (auto& b : bytes)
    if (b >= 'A' && b <= 'Z') b = static_cast<unsigned char>(b | 0x20);
  std::memcpy(word, bytes, 16);
}

/// lower16_plain(), all sixteen bytes at once as vector lanes where the compiler has them.
inline void lower16(std::uint64_t word[2]) noexcept {
#if COMPLIANCE_GNU_EXTENSIONS
  using lanes = std::uint8_t __attribute__((vector_size(16)));
  using words = std::uint64_t __attribute__((vector_size(16)));
  const lanes bytes = reinterpret_cast<lanes>(words{word[0], word[1]});
  const words lower = reinterpret_cast<words>(bytes | ((static_cast<lanes>(bytes - 'A') < 26) & 0x20));
  word[0] = lower[0];
  word[1] = lower[1];
#else
  lower16_plain(word);
#endif
}

/// Whether some lane k of eight holds `row` with first[k] <= day <= last[k]: lane by lane.
inline bool any_lane_plain(const std::uint8_t rows[8], const std::uint16_t first[8], const std::uint16_t last[8],
                           std::uint8_t row, std::uint16_t day) noexcept {
  bool any = false;
  for (int k = 0; k < 8; ++k) any |= rows[k] == row && first[k] <= day && day <= last[k];
  return any;
}

/// any_lane_plain(), all eight lanes at once and without a branch on the data where the compiler
/// has vector extensions.
inline bool any_lane(const std::uint8_t rows[8], const std::uint16_t first[8], const std::uint16_t last[8],
                     std::uint8_t row, std::uint16_t day) noexcept {
#if COMPLIANCE_GNU_EXTENSIONS
  using rows8 = std::uint8_t __attribute__((vector_size(8)));
  using masks8 = std::int8_t __attribute__((vector_size(8)));
  using days8 = std::uint16_t __attribute__((vector_size(16)));
  rows8 r;
  days8 f, l;
  std::memcpy(&r, rows, sizeof r);
  std::memcpy(&f, first, sizeof f);
  std::memcpy(&l, last, sizeof l);
  const auto in_run = __builtin_convertvector((f <= day) & (day <= l), masks8);
  const auto hit = (r == row) & in_run;
  std::uint64_t any;
  std::memcpy(&any, &hit, sizeof any);
  return any != 0;
#else
  return any_lane_plain(rows, first, last, row, day);
#endif
}

} // namespace compliance::detail

#endif
