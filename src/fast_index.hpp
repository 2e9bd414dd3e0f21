// The query-path layout (benchmarks.md): vendor names in an open-addressing table whose 32-byte
// slots hold the hash and the (lower-cased) name inline, and each vendor's covered days per
// framework — computed once at build by the engine itself, under the registry's policy and no
// query options — in one flat blob. `is_covered` for requirements of bare atoms answers from it
// with no allocation and no string copy, in two dependent memory accesses (slot, blob); the
// answers are the engine's own interval sets (G5), only laid out for a point lookup.
#ifndef COMPLIANCE_SRC_FAST_INDEX_HPP
#define COMPLIANCE_SRC_FAST_INDEX_HPP

#include "compliance/registry.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace compliance::detail {

struct registry_impl;

/// A hash of the ASCII-lower-cased bytes, eight at a time.
std::uint64_t name_hash(std::string_view s) noexcept;

/// An allocator for the large query-path arrays: from 1 MiB up, 2 MiB-aligned and advised to
/// the kernel as huge pages, so a random lookup does not also pay a TLB miss per page walk.
template <class T>
struct huge_page_allocator {
  using value_type = T;
  huge_page_allocator() = default;
  template <class U>
  huge_page_allocator(const huge_page_allocator<U>&) noexcept {}
  T* allocate(std::size_t n);
  void deallocate(T* p, std::size_t n) noexcept;
  template <class U>
  bool operator==(const huge_page_allocator<U>&) const noexcept { return true; }
  template <class U>
  bool operator!=(const huge_page_allocator<U>&) const noexcept { return false; }
};

class fast_index {
public:
  /// Builds the name table and the per-vendor blobs (runs the engine for each vendor).
  void build(const registry_impl& reg);

  /// The vendor called `name` (id or alias, ASCII case-insensitive), or -1. No allocation.
  std::int64_t find(std::string_view name) const noexcept;

  /// The blob of vendor `name`, or -1.
  std::int64_t blob_of(std::string_view name) const noexcept;
  /// The blob of the vendor at `index`.
  std::uint32_t blob_of(std::uint32_t index) const noexcept { return vendor_blobs_[index]; }

  /// The catalog row index of framework `id`, or -1.
  std::int64_t framework(std::string_view id) const noexcept;

  /// True when every atom of `req` is bare (a framework, no qualifiers or criteria): such a
  /// requirement can be answered from the blobs for queries without options.
  static bool answers(const requirement& req) noexcept;

  /// `req` (answers(req) must hold) for the vendor at `blob` on day number `day`.
  bool covered(std::uint32_t blob, const requirement& req, std::uint32_t day) const noexcept;

  /// `req` (answers(req) must hold) for many (vendor, date) pairs: the lookups of a group are
  /// issued together (prefetched) so their memory latencies overlap. Unknown vendors: false.
  void covered(const requirement& req, const point_query* queries, std::size_t count, bool* answers) const;

private:
  static constexpr std::uint32_t empty = 0xFFFFFFFFu;
  static constexpr std::size_t inline_name = 15;
  /// One name (a vendor id or alias). Names up to 15 bytes are compared in the slot itself.
  struct slot {
    std::uint64_t hash = 0;
    std::uint32_t blob = empty;            ///< offset of the vendor's blob in words_
    std::uint32_t overflow = 0;            ///< longer names: offset of the whole name in long_names_
    std::uint8_t length = 0;
    char prefix[inline_name] = {};         ///< lower-cased, zero-padded
  };
  static_assert(sizeof(slot) == 32);

  std::int64_t probe(std::string_view name) const noexcept { return probe(name, name_hash(name)); }
  std::int64_t probe(std::string_view name, std::uint64_t hash) const noexcept;
  bool evaluate(std::uint32_t blob, const requirement& req, const std::int64_t* frameworks, std::uint32_t day) const noexcept;
  bool atom_covered(std::uint32_t blob, std::int64_t fw, std::uint32_t day) const noexcept;

  // Blob layout (32-bit words): vendor index, framework count n, then n entries {catalog index,
  // offset of its runs, run count}, then the runs as {first day, last day} pairs.
  std::vector<std::uint32_t, huge_page_allocator<std::uint32_t>> words_;
  std::vector<slot, huge_page_allocator<slot>> slots_;
  std::vector<std::uint32_t> vendor_blobs_; ///< vendor index → blob
  std::uint64_t mask_ = 0;
  std::string long_names_;
  std::vector<std::uint64_t> framework_hashes_; ///< open addressing over catalog ids
  std::vector<std::int32_t> framework_slots_;
  std::uint64_t framework_mask_ = 0;
  const registry_impl* reg_ = nullptr;
};

} // namespace compliance::detail

#endif
