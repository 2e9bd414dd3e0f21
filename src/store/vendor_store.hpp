// The vendors of a registry, each kept as one compact run of bytes instead of a tree of
// `vendor`, `evidence` and `std::string` objects (a vendor with five evidence takes a few
// hundred bytes here, against several kilobytes as objects). Queries decode the vendors they
// look at into reusable `vendor` objects; the query index answers the hot questions without
// decoding at all.
//
// Encoding: unsigned integers in LEB128 (7 bits a byte), dates as their day number counted
// from 1400-01-01 (three bytes for any date of this millennium; Boost's special values encode
// losslessly in five), each optional field behind one presence bit, and the words a registry
// repeats (framework ids, editions, issuers, auditors, criteria, scope values, programs,
// variants, services) once in a table of words, referred to by number.
#ifndef COMPLIANCE_SRC_VENDOR_STORE_HPP
#define COMPLIANCE_SRC_VENDOR_STORE_HPP

#include "compliance/vendor.hpp"

#include "util/bytes.hpp"
#include "util/huge_pages.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace compliance::detail {

/// Framework ids whose evidence a query reads (decode_for_query).
using framework_filter = std::vector<std::string>;

/// Encoded vendors, on huge pages once large: a query reads one vendor's bytes at random, and
/// should not also wait for a page-table walk (a registry of 1M vendors holds about 290 MB).
using byte_buffer = std::vector<unsigned char, huge_page_allocator<unsigned char>>;

class vendor_store {
public:
  vendor_store();
  ~vendor_store();
  vendor_store(vendor_store&&) noexcept;
  vendor_store& operator=(vendor_store&&) noexcept;
  vendor_store(const vendor_store&) = delete;
  vendor_store& operator=(const vendor_store&) = delete;

  /// Room for `vendors` vendors of about `bytes` encoded bytes in all (a hint).
  void reserve(std::size_t vendors, std::size_t bytes = 0);
  /// Encodes `v` after the vendors already held; returns its index. Anything a `vendor` can
  /// hold round-trips exactly (decode gives back an equal vendor), dates with special values too.
  std::uint32_t append(const vendor& v);
  /// Frees what only append needs (the word lookup table). append must not be called after.
  void seal() noexcept;

  /// How many vendors are held.
  std::size_t size() const noexcept { return offsets_.size(); }
  /// Vendor `i`'s id as written, without decoding the rest: a view into the store, valid until
  /// the next append (and then for the store's life once sealed).
  std::string_view id(std::size_t i) const noexcept;
  /// Vendor `i`'s aliases, into `out`, without decoding the rest.
  void aliases(std::size_t i, std::vector<std::string>& out) const;
  /// Decodes vendor `i` into `out`, reusing the strings and vectors `out` already holds where it
  /// can: decoding into the same object again and again allocates little.
  void decode(std::size_t i, vendor& out) const;
  /// decode(), but leaving out (absent or empty) the free text no rule reads (rules/reads.hpp:
  /// text_field, text_fields_read): the vendor's name, notes and aliases, and each evidence's
  /// source, notes, certificate number, issuer, accreditation, auditor and assessor. What the
  /// coverage rules read is all there.
  /// With `only`, also leaves out every evidence whose framework is not in it (skipped unread:
  /// each evidence's encoding starts with its framework and its length).
  /// `offset`: where vendor `i`'s encoding starts (offset(i)), when the caller knows it (then
  /// the offsets are not read), else `unknown`.
  void decode_for_query(std::size_t i, vendor& out, const framework_filter* only = nullptr,
                        std::uint64_t offset = unknown) const;
  /// Each framework some vendor's evidence is on, once (views into the store), reading little
  /// more than those frameworks.
  std::vector<std::string_view> frameworks_held() const;
  /// Where vendor `i`'s encoding starts among the store's bytes.
  std::uint64_t offset(std::size_t i) const noexcept { return offsets_[i]; }
  /// An offset not known (decode_for_query).
  static constexpr std::uint64_t unknown = ~std::uint64_t{0};
  /// Starts loading the eight cache lines from the encoding at `offset` (all of a typical
  /// vendor's encoding, which spans five or six: one wait for memory, not a second one part
  /// way through the decode): a hint, no effect on results.
  void prefetch_at(std::uint64_t offset) const noexcept {
    const std::size_t end = std::min<std::size_t>(bytes_.size(), offset + 8 * 64);
    for (auto at = offset; at < end; at += 64) detail::prefetch(bytes_.data() + at);
  }
  /// Vendor `i`, decoded into a new object.
  vendor at(std::size_t i) const {
    vendor v;
    decode(i, v);
    return v;
  }
  /// Bytes held: the encoded vendors, their offsets and the table of words.
  std::size_t bytes() const noexcept;

private:
  byte_buffer bytes_;   ///< every vendor's encoding, one after another
  std::vector<std::uint64_t, huge_page_allocator<std::uint64_t>> offsets_; ///< where each vendor's encoding starts in bytes_
  /// Repeated words, by number. Each is its own allocation, so it stays put as the list grows
  /// (the lookup table views them), and a decode reaches one with a single load.
  std::vector<std::unique_ptr<const std::string>> words_;
  std::unique_ptr<std::unordered_map<std::string_view, std::uint32_t>> word_numbers_; ///< for append; views into words_
  byte_buffer scratch_; ///< append: an evidence's encoding, before its length is known
};

} // namespace compliance::detail

#endif
