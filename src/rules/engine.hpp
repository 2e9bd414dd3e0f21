// The coverage engine: evidence → interval sets (C1–C17), requirements → unions and
// intersections (Q2), and the findings that explain them (G4).
#ifndef COMPLIANCE_SRC_ENGINE_HPP
#define COMPLIANCE_SRC_ENGINE_HPP

#include "rules/context.hpp"

#include "compliance/interval.hpp"
#include "compliance/requirement.hpp"
#include "compliance/verdict.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace compliance::detail {

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

/// C11: whether a report `r` (null: not a report) counts for equivalence `eq` of its framework's
/// row: a SOC 3 is satisfied by a SOC 2 type 2 only (reports.cpp).
bool counts_as_equivalent(const equivalence& eq, const report* r) noexcept;

/// C11: calls `f(id)` with each framework whose bare atom `e` (of catalog row `row`) answers with
/// exactly the days `e` covers against its own framework: its own, then each it satisfies as an
/// equivalent. The query index stores an evidence's days under these (index/fast_index.cpp).
template <class F>
void each_framework_answered(const compliance::evidence& e, const framework_info& row, F&& f) {
  f(e.framework);
  const auto* r = std::get_if<report>(&e.details);
  for (const auto& eq : row.satisfies)
    if (counts_as_equivalent(eq, r)) f(eq.target);
}

/// C16: `vendor` and every vendor it relies on, directly or through others, each once, reached
/// breadth-first along relies_on through `vendors` (inheritance.cpp).
std::vector<std::uint32_t> reachable_vendors(vendor_source& vendors, std::uint32_t vendor);

/// The atom a piece of evidence answers on its own: its framework (and, for a merchant-only
/// SAQ, its variant, C12).
atom own_atom(const compliance::evidence& e, const catalog& frameworks);

} // namespace compliance::detail

#endif
