// Internal state of a registry: the data, the catalog and policy in force, and the indexes.
#ifndef COMPLIANCE_SRC_REGISTRY_IMPL_HPP
#define COMPLIANCE_SRC_REGISTRY_IMPL_HPP

#include "compliance/registry.hpp"

#include "index/fast_index.hpp"
#include "rules/context.hpp"
#include "rules/reads.hpp"
#include "store/decoded_vendors.hpp"
#include "store/vendor_store.hpp"
#include "util/strings.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace compliance::detail {

/// For tests: while one lives on a thread, that thread's queries decode the vendors they read
/// whole, every evidence and all free text, as if no query could be narrowed (to compare answers
/// with query decoding: rules/reads.hpp).
class decode_everything {
public:
  decode_everything() noexcept { ++depth(); }
  ~decode_everything() { --depth(); }
  decode_everything(const decode_everything&) = delete;
  decode_everything& operator=(const decode_everything&) = delete;
  static bool active() noexcept { return depth() > 0; }

private:
  static int& depth() noexcept {
    thread_local int d = 0;
    return d;
  }
};

/// A registry's state: the document's header, the catalog and policy in force, the encoded
/// vendors and the indexes over them. Built in three steps (begin, add each vendor, finish) by
/// registry::assembler, then only read, by any number of threads at once.
class registry_impl {
public:
  /// A registry of `h`'s policy and frameworks sections (its `vendors` stays empty: they are
  /// added one by one) over catalog `c`.
  registry_impl(registry_data h, compliance::catalog c)
      : header_(std::move(h)), frameworks_(std::move(c)), policy_(header_.policy.apply(compliance::policy{})),
        evidence_frameworks_(frameworks_read_by_row(frameworks_)) {}
  registry_impl(const registry_impl&) = delete;
  registry_impl& operator=(const registry_impl&) = delete;

  // --- building: begin(), add() each vendor, then finish() -------------------------------------

  /// Makes room for `vendors` vendors.
  void begin(std::size_t vendors) {
    vendors_.reserve(vendors, vendors * 320); // about 300 bytes a vendor of five evidence; untouched room costs no memory
    fast_.begin(index_inputs(), vendors);
  }
  /// Adds vendor number vendors().size(); `valid`: the validator found nothing wrong with it (only
  /// then is it indexed: an invalid registry is never queried).
  void add(const vendor& v, bool valid) {
    if (valid) fast_.add(static_cast<std::uint32_t>(vendors_.size()), v);
    vendors_.append(v);
  }
  /// Ends the build: `links` resolves each vendor's relies_on (C16), as the validator found them.
  void finish(reliance_table links) {
    vendors_.seal();
    relies_on_ = std::move(links);
    fast_.finish();
  }
  /// Ends the build of a registry that had no begin() and no vendors.
  void finish_empty() { fast_.build(index_inputs()); }

  // --- reading ---------------------------------------------------------------------------------

  /// The document's policy and frameworks sections (its `vendors` is empty: see vendors()).
  const registry_data& header() const noexcept { return header_; }
  /// The vendors, compactly encoded (vendor_store.hpp): queries decode those they look at.
  const vendor_store& vendors() const noexcept { return vendors_; }
  const compliance::catalog& frameworks() const noexcept { return frameworks_; }
  const compliance::policy& policy() const noexcept { return policy_; }
  /// Vendor names (G2) and the flat per-vendor coverage of bare atoms, for the query path.
  const fast_index& fast() const noexcept { return fast_; }
  /// Per vendor, per relies_on link: the index of the vendor relied on (C16).
  const reliance_table& relies_on() const noexcept { return relies_on_; }
  /// This registry's number, never reused in the process (it names the registry in the notes
  /// it leaves in requirements: see registry::is_covered).
  std::uint64_t serial() const noexcept { return serial_; }

  /// The frameworks whose evidence a query of `req` reads: a row's evidence_frameworks, or their
  /// union (in `scratch`) for several atoms. Null, to read everything, within a
  /// decode_everything scope or when an atom's framework is not in the catalog. `row`: the catalog row of `req`'s only
  /// atom, when the caller knows it (from the requirement's note, registry::check), else -1.
  const framework_filter* frameworks_read(const requirement& req, framework_filter& scratch,
                                          std::int64_t row = -1) const;

  /// A vendor found by name: its index (-1: none) and where it is encoded in the store
  /// (vendor_store::unknown when not known).
  struct located {
    std::int64_t vendor;
    std::uint64_t offset;
  };
  /// The vendor called `name` (id or alias, any case). Every caller decodes it next: its
  /// encoding starts loading at once (fast_index::find_to_decode); hand `offset` to the query's
  /// decoded_vendors::locate so that it is not looked up again.
  located locate(std::string_view name) const noexcept {
    located out{};
    out.vendor = fast_.find_to_decode(name, out.offset);
    return out;
  }
  /// Index of the vendor called `name` (id or alias, any case), or -1.
  std::int64_t find(std::string_view name) const noexcept { return locate(name).vendor; }

private:
  /// What the query index is built from (this registry's own members).
  fast_index::inputs index_inputs() const noexcept { return {&frameworks_, &policy_, &vendors_, &relies_on_}; }
  static std::uint64_t next_serial() noexcept {
    static std::atomic<std::uint64_t> last{0};
    return last.fetch_add(1, std::memory_order_relaxed) + 1;
  }

  registry_data header_;
  vendor_store vendors_;
  compliance::catalog frameworks_;
  compliance::policy policy_;
  fast_index fast_;
  reliance_table relies_on_;
  /// Per catalog row: the frameworks whose evidence an atom on it can read, as the rules declare
  /// it (rules/reads.hpp).
  std::vector<framework_filter> evidence_frameworks_;
  std::uint64_t serial_ = next_serial();
};

/// A query's vendors: decoded from the registry's store, with relies_on links (C16) resolved
/// through the query index, which also says where the vendor relied on is encoded (so that its
/// lookup and its bytes load together). While the registry is being built there is no query
/// index yet: the load's resolution.
class registry_vendors final : public decoded_vendors {
public:
  registry_vendors(const registry_impl& reg, const framework_filter* only) noexcept
      : decoded_vendors(reg.vendors(), reg.relies_on(), decode_everything::active() ? nullptr : only,
                        decode_everything::active()),
        reg_(reg) {}
  std::uint32_t relied_on(std::uint32_t from, std::size_t k, std::string_view name) override {
    const auto found = reg_.locate(name);
    if (found.vendor < 0) return links()[from][k];
    const auto to = static_cast<std::uint32_t>(found.vendor);
    locate(to, found.offset);
    return to;
  }
  void expect(std::string_view name) noexcept override { reg_.fast().prefetch_name(name); }

private:
  const registry_impl& reg_;
};

/// One query on a registry: its context and the vendors it decodes.
class registry_query {
public:
  /// A query of everything (a loop over vendors, several requirements).
  registry_query(const registry_impl& r, const query_options& o, date d, detail_level l)
      : vendors(r, nullptr), ctx(r.frameworks(), r.policy(), o, d, l, vendors) {}
  /// A query of `narrow_to` alone (which must outlive it): it decodes only the evidence that
  /// requirement can read (registry_impl::frameworks_read, given `row`: the catalog row of its
  /// one bare atom when the caller knows it, else -1).
  registry_query(const registry_impl& r, const query_options& o, date d, detail_level l, const requirement& narrow_to,
                 std::int64_t row = -1)
      : vendors(r, r.frameworks_read(narrow_to, read_, row)), ctx(r.frameworks(), r.policy(), o, d, l, vendors) {}
  registry_query(const registry_query&) = delete;
  registry_query& operator=(const registry_query&) = delete;

private:
  framework_filter read_; ///< the frameworks read, when narrow_to needs a list of its own (before vendors)

public:
  registry_vendors vendors;
  const query_context ctx;
};

} // namespace compliance::detail

#endif
