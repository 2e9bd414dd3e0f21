// The coverage engine: evidence → interval sets (C1–C17), requirements → unions and
// intersections (Q2), and the findings that explain them (G4).
#ifndef COMPLIANCE_SRC_ENGINE_HPP
#define COMPLIANCE_SRC_ENGINE_HPP

#include "registry_impl.hpp"

#include <cstdint>
#include <vector>

namespace compliance::detail {

/// How much explanation a query wants.
enum class detail_level : std::uint8_t {
  none,  ///< interval sets only (is_covered, coverage, covered_vendors)
  codes, ///< findings with codes and severities, no message text (matrix)
  full,  ///< findings with messages (check)
};

/// The vendors one query looks at, decoded from the store on first use and kept while the query
/// runs (evaluations point into them). The objects are reused from query to query on the same
/// thread, so decoding into them rarely allocates. They hold what the coverage rules read, not
/// the free text (vendor_store::decode_for_query): names, notes, sources, numbers, issuers.
class decoded_vendors {
public:
  /// Decodes from `store`; with `only`, each vendor's evidence of those frameworks alone (a query
  /// of one requirement needs no other: see registry_impl::evidence_frameworks).
  explicit decoded_vendors(const vendor_store& store, const framework_filter* only = nullptr) noexcept
      : store_(store), only_(only) {}
  ~decoded_vendors() { forget(); }
  decoded_vendors(const decoded_vendors&) = delete;
  decoded_vendors& operator=(const decoded_vendors&) = delete;

  /// Vendor `i`: decoded now, or given to pin().
  const vendor& get(std::uint32_t i);
  /// Makes get(i) give `v` (a vendor being added, not in the store yet; it must outlive this).
  /// Before any get(i).
  void pin(std::uint32_t i, const vendor& v);
  /// Forgets every vendor decoded so far (between the vendors of a loop over the registry).
  void forget() noexcept;
  /// Where vendor `i` is encoded in the store (registry_impl::locate), so that get(i) does not
  /// look it up (vendor_store::unknown: not known).
  void locate(std::uint32_t i, std::uint64_t offset) noexcept {
    located_ = i;
    located_offset_ = offset;
  }

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
  const framework_filter* only_;
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

/// Everything a query evaluates under: the registry, the effective policy and options, the date.
struct query_context {
  const registry_impl& reg;
  compliance::policy pol; ///< registry policy, then query overrides, then accept_inherited
  const query_options& opts;
  date on;
  detail_level level;
  query_context(const registry_impl& r, const query_options& o, date d, detail_level l)
      : query_context(r, o, d, l, nullptr, -1) {}
  /// A context for evaluating `narrow_to` (which must outlive it) alone: it decodes only the
  /// evidence that requirement can read (registry_impl::frameworks_read, given `row`: the
  /// catalog row of its one bare atom when the caller knows it, else -1).
  query_context(const registry_impl& r, const query_options& o, date d, detail_level l, const requirement& narrow_to,
                std::int64_t row = -1)
      : query_context(r, o, d, l, &narrow_to, row) {}
  /// A context for an evaluation within `outer`'s: the same registry, options, date and policy,
  /// and the vendors `outer` decoded (its evaluations keep pointing into them).
  query_context(const query_context& outer, detail_level l);
  query_context(const query_context&) = delete;
  query_context& operator=(const query_context&) = delete;

  /// Vendor `i`, decoded for this query (see decoded_vendors).
  const compliance::vendor& vendor(std::uint32_t i) const { return vendors().get(i); }
  /// The vendors this query decoded (shared with the context it is within).
  decoded_vendors& vendors() const noexcept { return *shared_; }

private:
  query_context(const registry_impl& r, const query_options& o, date d, detail_level l, const requirement* narrow_to,
                std::int64_t row);
  framework_filter read_; ///< the frameworks read, when narrow_to needs a list of its own
  mutable decoded_vendors own_;
  decoded_vendors* shared_;
};

/// The result of one requirement node for one vendor.
struct node_result {
  interval_set covered;
  std::vector<finding> findings;
  std::vector<evidence_id> satisfied;
};

/// Evaluates `req` for the vendor at `vendor_index` (G5, Q2).
node_result evaluate(const query_context& ctx, std::uint32_t vendor_index, const requirement& req);

/// A stretch of days with the finding it carries: a cut (removed days and why) or a note
/// (covered days with a remark, such as a report's grace period).
struct segment {
  interval_set days;
  finding_code code;
  compliance::severity severity;
  std::string message;
};

/// How one piece of evidence covers one atom. `covered` is `base` minus every cut.
struct evidence_eval {
  const compliance::evidence* evidence = nullptr;
  std::uint32_t owner = 0;      ///< index of the vendor holding it
  bool relevant = false;        ///< it speaks to the atom's framework (directly or by C11)
  interval_set base;            ///< the days its dates give
  interval_set covered;
  std::vector<segment> cuts;    ///< C2, C3, C4, C5 strict, C6, C13, C14
  std::vector<segment> notes;   ///< C5 warn, C7 grace and bridge, C5 major nonconformity
  std::vector<finding> always;  ///< C8, C9, C11, C15, C16: hold whenever it covers (written only when it covers the date)
  std::optional<finding> rejected; ///< unusable for this atom at all (blocking)
};

/// Every evidence of the vendor at `vendor_index` (and, with inheritance, of the vendors it
/// relies on) that speaks to `a`'s framework (directly or by C11), evaluated against `a`.
std::vector<evidence_eval> evaluate_atom_evidence(const query_context& ctx, std::uint32_t vendor_index, const atom& a);

/// One evidence of the vendor at `vendor_index` (its holder, not inherited), evaluated against `a`.
evidence_eval evaluate_evidence(const query_context& ctx, std::uint32_t vendor_index, const compliance::evidence& e,
                                const atom& a);

/// The atom a piece of evidence answers on its own: its framework (and, for a merchant-only
/// SAQ, its variant, C12).
atom own_atom(const compliance::evidence& e, const catalog& frameworks);

} // namespace compliance::detail

#endif
