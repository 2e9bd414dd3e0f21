// Byte-level helpers for names and ids: ASCII lower-casing, and for the lookup tables (catalog
// ids, vendor names) word loads of up to eight bytes that never read outside the string and the
// mixing steps of their hash.
#ifndef COMPLIANCE_SRC_BYTES_HPP
#define COMPLIANCE_SRC_BYTES_HPP

#include "util/platform.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace compliance::detail {

/// The slot count of an open-addressing table for `n` entries: a power of two (a mask picks the
/// slot), at least 16, at most half full.
inline std::size_t table_capacity(std::size_t n) noexcept {
  std::size_t capacity = 16;
  while (capacity < 2 * n) capacity <<= 1;
  return capacity;
}

/// `c` lower-cased when it is an ASCII letter, else unchanged. Unlike std::tolower, the same in
/// every C locale: a program that sets a Latin-1 locale must not change which names match.
constexpr char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// `s` with its ASCII letters lower-cased (other bytes unchanged): vendor names, framework ids
/// and keywords match case-insensitively (G2).
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = ascii_lower(c);
  return out;
}

/// The `n` (at most eight) bytes at `p`, zero-padded, with no read outside them: two
/// overlapping four-byte loads or three single bytes instead of a variable-length copy.
inline std::uint64_t load_le(const char* p, std::size_t n) noexcept {
  if (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  }
  if (n >= 4) {
    std::uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    return lo | (static_cast<std::uint64_t>(hi) << (8 * (n - 4)));
  }
  if (n == 0) return 0;
  const auto byte = [p](std::size_t i) { return static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i); };
  return byte(0) | byte(n >> 1) | byte(n - 1);
}

/// Up to eight bytes of `s` from `at`, zero-padded.
inline std::uint64_t load8(std::string_view s, std::size_t at) noexcept {
  return load_le(s.data() + at, std::min<std::size_t>(8, s.size() - at));
}

constexpr std::uint64_t hash_seed = 0x9E3779B97F4A7C15ull;
inline std::uint64_t hash_mix(std::uint64_t h, std::uint64_t word) noexcept {
  h ^= word;
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 31);
}
inline std::uint64_t hash_finish(std::uint64_t h) noexcept {
  h *= 0x94D049BB133111EBull;
  return h ^ (h >> 29);
}


} // namespace compliance::detail

#endif
