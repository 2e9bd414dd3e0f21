// The query-path layout (benchmarks.md): vendor names in an open-addressing table of 64-byte
// slots, one cache line each, holding the (lower-cased) name — names up to fifteen bytes in the
// slot itself — and, for most vendors, the vendor's covered days per framework inline, so a point
// question about a bare framework is answered from one memory access. Vendors with more runs
// than a slot holds keep them in one flat blob instead (a second access). The days are computed
// once at build by the engine itself, under the registry's policy and no query options: the
// answers are the engine's own interval sets (G5), only laid out for a point lookup. A query
// that decodes the vendor (check, the engine path) also reads, beside the slot, a small array
// giving where each slot's vendor is encoded in the store, so that the slot and the vendor's
// bytes are loaded together.
#ifndef COMPLIANCE_SRC_FAST_INDEX_HPP
#define COMPLIANCE_SRC_FAST_INDEX_HPP

#include "compliance/registry.hpp"

#include "index/renewal_index.hpp"
#include "store/decoded_vendors.hpp"
#include "store/vendor_store.hpp"
#include "util/huge_pages.hpp"
#include "util/name_hash.hpp"
#include "util/platform.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace compliance::detail {

class fast_index {
public:
  /// What the index is built from: a registry's catalog, policy, store and resolved relies_on
  /// links, which outlive the index.
  struct inputs {
    const compliance::catalog* frameworks = nullptr;
    const compliance::policy* policy = nullptr;
    const vendor_store* vendors = nullptr;
    const reliance_table* relies_on = nullptr;
  };

  /// Builds the name table, the inline coverage and the blobs (runs the engine for each vendor):
  /// begin(), then finish().
  void build(const inputs& in);

  /// Starts an index of `in`, whose catalog and policy are final and whose (about `vendors`)
  /// vendors are still to come (relies_on is read only by finish()).
  void begin(const inputs& in, std::size_t vendors = 0);
  /// Computes the coverage of vendor `v`, `data`, being added, while it is fresh in the caches.
  /// Vendors come in order; one skipped (or a policy that accepts inherited evidence, which
  /// needs every relies_on link) is left to finish(), which reads it from the store.
  void add(std::uint32_t v, const vendor& data);
  /// Computes the coverage add() left, and lays out the name slots.
  void finish();

  /// The vendor called `name` (id or alias, ASCII case-insensitive), or -1, for a caller about
  /// to decode it: its encoding in the store starts loading before its slot has arrived
  /// (encodings_), and `offset` is set to where it starts (vendor_store::offset), or to
  /// vendor_store::unknown. No allocation.
  std::int64_t find_to_decode(std::string_view name, std::uint64_t& offset) const noexcept;

  /// Starts loading what find_to_decode(name) will read first (the name's home slot and its
  /// entry in encodings_), for a caller that will look `name` up a little later: a hint, no
  /// effect on results.
  void prefetch_name(std::string_view name) const noexcept;

  /// The slot of vendor `name`, or -1.
  std::int64_t slot_of(std::string_view name) const noexcept { return probe(name); }

  /// The catalog row index of framework `id`, or -1 (inlined into this file's query paths).
  std::int64_t framework(std::string_view id) const noexcept;
  /// framework(id), for callers outside this file.
  std::int64_t framework_row(std::string_view id) const noexcept;

  /// True when every atom of `req` is bare (a framework, no qualifiers or criteria): such a
  /// requirement can be answered from the index for queries without options.
  static bool answers(const requirement& req) noexcept {
    if (req.empty()) return false;
    for (const auto& a : req.atoms())
      if (a.edition || a.type || a.variant || !a.programs.empty() || !a.criteria.empty()) return false;
    return true;
  }

  /// The bare framework at catalog row `fw` (framework(); -1: none) for vendor `name` on day
  /// number `day`: the whole hot path in one call, its lookups inlined. Unknown vendor: false.
  bool covered_row(std::string_view name, std::int64_t fw, std::uint32_t day) const noexcept;

  /// `req` (answers(req) must hold) for the vendor at `slot` on day number `day`.
  bool covered(std::uint32_t slot, const requirement& req, std::uint32_t day) const noexcept;

  /// `req` (answers(req) must hold) for every vendor on day number `day`, by vendor index: one
  /// pass over the slots in memory order.
  std::vector<bool> covered_vendors(const requirement& req, std::uint32_t day) const;

  /// `req` (answers(req) must hold) for many (vendor, date) pairs: the lookups of a group are
  /// issued together (prefetched) so their memory latencies overlap. Unknown vendors: false.
  void covered(const requirement& req, const point_query* queries, std::size_t count, bool* answers) const;

  /// W1: when and for which vendors a renewal worklist can list something, from the same runs
  /// (renewal_index.hpp); null when the index's policy accepts inherited evidence (its runs are
  /// then not the vendors' own, which the worklist lists).
  const renewal_index* renewals() const noexcept { return in_.policy && !in_.policy->accept_inherited ? &renewals_ : nullptr; }

  /// Bytes held by the renewal index.
  std::size_t renewal_bytes() const noexcept { return renewals_.bytes(); }

private:
  static constexpr std::uint32_t empty = 0xFFFFFFFFu;
  static constexpr std::uint32_t far_offset = 0xFFFFFFFFu; ///< encodings_: none, or past 4 GiB
  static constexpr std::size_t inline_name = 15;
  static constexpr std::size_t inline_runs = 8;
  static constexpr std::uint8_t spilled = 0xFF;  ///< `runs`: the coverage is in the blob
  static constexpr std::uint8_t no_run = 0xFF;   ///< `framework` of a lane without a run
  static constexpr std::uint16_t open_end = 0xFFFF; ///< an inline run's last day: open-ended
  /// The last byte of a slot's `key` (see there): names up to inline_name bytes keep their
  /// length there, so these two values never match a short name's key.
  static constexpr std::uint64_t long_tag = 0xFE, free_tag = 0xFF;
  /// One name (a vendor id or alias) and, inline, up to eight {framework, first, last} runs with
  /// days counted from base_day (1990-01-01) in 16 bits, each array one 8-lane vector
  /// (atom_covered). Unused lanes have framework no_run, which no catalog row below 255 equals.
  struct alignas(64) slot {
    /// A short name (up to inline_name bytes): its bytes lower-cased and zero-padded, its length
    /// in the last byte, so one 16-byte compare with short_key::head says whether the slot holds
    /// it. A longer name: its name_hash, then its offset in long_names_ in the second word's
    /// low half and long_tag in the last byte. A free slot: free_tag in the last byte.
    std::uint64_t key[2] = {0, free_tag << 56};
    std::uint16_t first[inline_runs] = {};    ///< spilled: the first two hold the blob offset
    std::uint16_t last[inline_runs] = {};
    std::uint8_t framework[inline_runs] = {no_run, no_run, no_run, no_run, no_run, no_run, no_run, no_run};
    std::uint32_t vendor = empty;          ///< vendor index; `empty` marks a free slot
    std::uint8_t runs = 0;                 ///< inline runs, or `spilled`
  };
  static_assert(sizeof(slot) == 64);

  /// A name's name_hash and, for names of at most inline_name bytes, the words a slot holding
  /// it keeps in `key` (longer names are compared in long_names_): util/name_hash.hpp.
  using short_key = detail::name_key;
  static short_key key_of(std::string_view name) noexcept { return name_key_of(name); }
  static_assert(inline_name == name_key_inline);
  std::int64_t probe(std::string_view name) const noexcept;
  /// The catalog row of each atom of `req` (-1 for an id not in the catalog).
  std::vector<std::int64_t> frameworks(const requirement& req) const;
  /// The slot of `name`, or -1: near() first (names up to inline_name bytes), then walk().
  std::int64_t probe(std::string_view name, const short_key& key) const noexcept;
  /// The slot holding the short name of `key` if it is its home slot or the next, else -1
  /// (there is an index): both compared without a branch, for single lookups, whose slot is
  /// usually still on its way from memory. The table is at most half full, so that is most names.
  std::int64_t near(const short_key& key) const noexcept;
  /// The slot of `name`, or -1, slot by slot from its home (for batches, whose home slots are
  /// prefetched: reading the next one too would be a second memory access per name).
  std::int64_t walk(std::string_view name, const short_key& key) const noexcept;
  /// walk() from `name` alone, out of line: probe()'s rare case, kept apart (its key not kept
  /// for it) so that the common case keeps everything in registers.
  COMPLIANCE_NOINLINE std::int64_t walk_on(std::string_view name) const noexcept;
  /// Whether slot `s` holds the name (at most inline_name bytes) of key `key`: no branch.
  static bool holds(const slot& s, const short_key& key) noexcept;
  static std::uint32_t blob_of(const slot& s) noexcept;
  /// Vendor `v`'s slot without a name: its runs inline, or a blob offset (appending the blob).
  /// `data`: the vendor itself when it is not in the store yet, else null.
  slot coverage_of(std::uint32_t v, const vendor* data);
  bool evaluate(const slot& s, const requirement& req, const std::int64_t* frameworks, std::uint32_t day) const noexcept;
  bool atom_covered(const slot& s, std::int64_t fw, std::uint32_t day) const noexcept;
  /// atom_covered() for a spilled slot: its runs in the blob (out of line, the rare case).
  COMPLIANCE_NOINLINE bool blob_covered(const slot& s, std::int64_t fw, std::uint32_t day) const noexcept;
  /// covered_row() when the name is not in its home slot or the next, or is longer than
  /// inline_name: out of line, so that the common case calls nothing that returns to it.
  COMPLIANCE_NOINLINE bool covered_row_far(std::string_view name, std::int64_t fw, std::uint32_t day) const noexcept;

  // Blob layout (32-bit words), for vendors whose runs do not fit inline: framework count n,
  // then n entries {catalog index, offset of its runs, run count}, then the runs as
  // {first day, last day} pairs.
  std::vector<std::uint32_t, huge_page_allocator<std::uint32_t>> words_;
  std::vector<slot, huge_page_allocator<slot>> slots_;
  /// Per slot, where its vendor's encoding starts in the store (vendor_store::offset), or
  /// far_offset. A sixteenth of the slots' size, so mostly in cache: read at a name's home
  /// index, it lets the encoding start loading while the slot itself is still on its way, instead
  /// of after it.
  std::vector<std::uint32_t, huge_page_allocator<std::uint32_t>> encodings_;
  std::vector<std::uint32_t> vendor_slots_; ///< vendor index → slot of its id
  std::vector<slot> coverage_;              ///< while building: coverage_of() each vendor so far
  std::uint64_t mask_ = 0;
  std::uint32_t base_day_ = 0;              ///< day number of 1990-01-01
  std::string long_names_;
  renewal_index renewals_;
  inputs in_;
};

} // namespace compliance::detail

#endif
