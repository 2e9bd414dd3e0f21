// The query-path layout (benchmarks.md): vendor names in an open-addressing table with stored
// hashes, and each vendor's covered days per framework — computed once at build by the engine
// itself, under the registry's policy and no query options — in one flat blob. `is_covered`
// for requirements of bare atoms answers from it with no allocation and no string copy; the
// answers are the engine's own interval sets (G5), only laid out for a point lookup.
#ifndef COMPLIANCE_SRC_FAST_INDEX_HPP
#define COMPLIANCE_SRC_FAST_INDEX_HPP

#include "compliance/requirement.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace compliance::detail {

struct registry_impl;

class fast_index {
public:
  /// Builds the name table and the per-vendor blobs (runs the engine for each vendor).
  void build(const registry_impl& reg);

  /// The vendor called `name` (id or alias, ASCII case-insensitive), or -1. No allocation.
  std::int64_t find(std::string_view name) const noexcept;

  /// The catalog row index of framework `id`, or -1.
  std::int64_t framework(std::string_view id) const noexcept;

  /// True when every atom of `req` is bare (a framework, no qualifiers or criteria): such a
  /// requirement can be answered from the blobs for queries without options.
  static bool answers(const requirement& req) noexcept;

  /// `req` (answers(req) must hold) for the vendor at blob `blob` on day `day`.
  bool covered(std::uint32_t blob, const requirement& req, std::uint32_t day) const noexcept;

  /// The blob offset of vendor `name`, or -1.
  std::int64_t blob_of(std::string_view name) const noexcept;

private:
  static constexpr std::uint32_t empty = 0xFFFFFFFFu;
  static constexpr std::uint32_t no_alias = 0xFFFFFFFFu;
  struct slot {
    std::uint64_t hash = 0;
    std::uint32_t blob = empty;     ///< offset of the vendor's blob in words_
    std::uint32_t alias = no_alias; ///< offset of an alias name in words_; none: the id in the blob
  };
  std::int64_t probe(std::string_view name) const noexcept;
  bool atom_covered(std::uint32_t blob, std::int64_t fw, std::uint32_t day) const noexcept;
  bool name_equals(std::uint32_t at, std::string_view name) const noexcept;
  std::uint32_t put_name(std::string_view name);

  // Blob layout (32-bit words): vendor index, name length, name bytes (padded), framework
  // count, then per framework {catalog index, interval count}, then the intervals as
  // {first day, last day} pairs in framework order.
  std::vector<std::uint32_t> words_;
  std::vector<slot> slots_;
  std::uint64_t mask_ = 0;
  std::vector<std::uint64_t> framework_hashes_; ///< open addressing over catalog ids
  std::vector<std::int32_t> framework_slots_;
  std::uint64_t framework_mask_ = 0;
  const registry_impl* reg_ = nullptr;
};

/// FNV-1a over the ASCII-lower-cased bytes.
std::uint64_t name_hash(std::string_view s) noexcept;

} // namespace compliance::detail

#endif
