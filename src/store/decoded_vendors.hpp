// The vendors one query looks at, decoded from the store on first use and kept while the query
// runs: the rules' vendor_source over a vendor_store.
#ifndef COMPLIANCE_SRC_STORE_DECODED_VENDORS_HPP
#define COMPLIANCE_SRC_STORE_DECODED_VENDORS_HPP

#include "rules/context.hpp"
#include "store/vendor_store.hpp"

#include <cstdint>
#include <vector>

namespace compliance::detail {

/// Per vendor, per relies_on link: the index of the vendor relied on (C16), as the load resolved it.
using reliance_table = std::vector<std::vector<std::uint32_t>>;

/// The vendors one query looks at, decoded from the store on first use and kept while the query
/// runs (evaluations point into them). The objects are reused from query to query on the same
/// thread, so decoding into them rarely allocates. They hold what the coverage rules read, not
/// the free text no rule reads (vendor_store::decode_for_query): names, notes, sources, numbers,
/// issuers.
class decoded_vendors : public vendor_source {
public:
  /// Decodes from `store`; with `only`, each vendor's evidence of those frameworks alone (a query
  /// of one requirement needs no other: see registry_impl::evidence_frameworks). `links` resolves
  /// relies_on (C16). `whole`: decode each vendor whole instead, free text and every evidence
  /// (`only` must be null), to compare answers with query decoding.
  decoded_vendors(const vendor_store& store, const reliance_table& links, const framework_filter* only = nullptr,
                  bool whole = false) noexcept
      : store_(store), links_(links), only_(only), whole_(whole) {}
  ~decoded_vendors() { forget(); }
  decoded_vendors(const decoded_vendors&) = delete;
  decoded_vendors& operator=(const decoded_vendors&) = delete;

  /// Vendor `i`: decoded now, or given to pin().
  const vendor& get(std::uint32_t i) override;
  /// The load's resolution of the link.
  std::uint32_t relied_on(std::uint32_t from, std::size_t k, std::string_view) override { return links_[from][k]; }
  void expect(std::string_view) noexcept override {}

  /// Makes get(i) give `v` (a vendor being added, not in the store yet; it must outlive this).
  /// Before any get(i).
  void pin(std::uint32_t i, const vendor& v);
  /// Forgets every vendor decoded so far (between the vendors of a loop over the registry).
  void forget() noexcept;
  /// Where vendor `i` is encoded in the store, so that get(i) does not look it up
  /// (vendor_store::unknown: not known).
  void locate(std::uint32_t i, std::uint64_t offset) noexcept {
    located_ = i;
    located_offset_ = offset;
  }

protected:
  const reliance_table& links() const noexcept { return links_; }

private:
  struct entry {
    std::uint32_t index;
    const vendor* v;
    vendor* owned; ///< from the thread's pool; null when pinned
  };
  /// Each vendor decoded or pinned so far, in turn (inline first, then more_).
  template <class F>
  void each(F&& f) const {
    for (std::size_t k = 0; k < count_ && k < inline_entries; ++k) f(inline_[k]);
    for (const auto& e : more_) f(e);
  }
  void add(const entry& e);

  const vendor_store& store_;
  const reliance_table& links_;
  const framework_filter* only_;
  bool whole_;
  // A query reaches few vendors (a linear search is quickest), most queries one: the first few
  // are kept inline, so that a query allocates nothing to remember them.
  static constexpr std::size_t inline_entries = 4;
  entry inline_[inline_entries] = {};
  std::size_t count_ = 0;
  std::vector<entry> more_;
  std::uint32_t located_ = 0;
  std::uint64_t located_offset_ = vendor_store::unknown;
};

/// How many decoded vendor objects this thread keeps for its next queries (at most 32).
std::size_t decoded_vendor_pool_size() noexcept;

} // namespace compliance::detail

#endif
