// The one hash of names (vendor ids and aliases, framework ids) in the library: the query index's
// slots, the load's name tables and the catalog's lookup table all pick their home slot with it.
// It hashes the ASCII-lower-cased bytes, so names that differ only in case hash alike (G2).
#ifndef COMPLIANCE_SRC_UTIL_NAME_HASH_HPP
#define COMPLIANCE_SRC_UTIL_NAME_HASH_HPP

#include "util/bytes.hpp"
#include "util/platform.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace compliance::detail {

/// Names up to this many bytes are keyed by their bytes (name_key::head), longer ones by their hash.
inline constexpr std::size_t name_key_inline = 15;

/// A name's hash and, for names of at most name_key_inline bytes, its bytes lower-cased and
/// zero-padded with its length in the last byte (two words a table can compare at once). For a
/// longer name `head` is zero: compare the name itself.
struct name_key {
  std::uint64_t head[2] = {0, 0};
  std::uint64_t hash = 0;
};

/// The hash of a name of more than name_key_inline bytes: each eight bytes lower-cased, then
/// mixed.
inline std::uint64_t long_name_hash(std::string_view s) noexcept {
  std::uint64_t h = hash_seed ^ s.size();
  for (std::size_t at = 0; at < s.size(); at += 16) {
    const bool second = at + 8 < s.size();
    std::uint64_t w[2] = {load8(s, at), second ? load8(s, at + 8) : 0};
    lower16(w);
    h = hash_mix(h, w[0]);
    if (second) h = hash_mix(h, w[1]);
  }
  return hash_finish(h);
}

/// The hash of a short name's two key words: one 64 × 64 → 128-bit product of the words (each
/// offset by a constant), its halves folded together, as wyhash does. Four instructions, and
/// every bit of both words reaches the low bits that pick the home slot. Where the compiler has
/// no 128-bit integers (32-bit targets), the words go through long_name_hash's mix instead: any
/// hash gives the same answers (a slot is matched by the name's words, not by its hash).
inline std::uint64_t fold_hash(std::uint64_t first, std::uint64_t second) noexcept {
  first ^= 0xA0761D6478BD642Full;
  second ^= 0xE7037ED1A0B428DBull;
#ifdef __SIZEOF_INT128__
  __extension__ using wide = unsigned __int128;
  const wide product = static_cast<wide>(first) * second;
  return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
#else
  return hash_finish(hash_mix(hash_mix(hash_seed, first), second));
#endif
}

/// The key of `name` (see name_key).
COMPLIANCE_ALWAYS_INLINE name_key name_key_of(std::string_view name) noexcept {
  name_key k;
  if (name.size() > name_key_inline) { // compared by the name itself: the hash is all the key holds
    k.hash = long_name_hash(name);
    return k;
  }
  // Bytes 8 to the end as one load of the last eight, shifted: the same zero-padded word as
  // load8(name, 8), without reading outside the name; the length goes in the last byte.
  std::uint64_t tail = 0;
  if (name.size() > 8) {
    std::memcpy(&tail, name.data() + name.size() - 8, sizeof tail);
    tail >>= 8 * (16 - name.size());
  }
  std::uint64_t w[2] = {load8(name, 0), tail};
  lower16(w);
  k.head[0] = w[0];
  k.head[1] = w[1] | static_cast<std::uint64_t>(name.size()) << 56;
  k.hash = fold_hash(k.head[0], k.head[1]);
  return k;
}

/// The hash of `name`'s ASCII-lower-cased bytes.
inline std::uint64_t name_hash(std::string_view name) noexcept { return name_key_of(name).hash; }

} // namespace compliance::detail

#endif
